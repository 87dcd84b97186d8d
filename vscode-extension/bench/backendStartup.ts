/**
 * Time from spawning the bundled backend to its answer to initialize (what the extension waits for
 * before its views fill), median of 10, in plain Node. Run by hand:
 *   node build.mjs --bench && node out/bench/backendStartup.js
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BackendProcess } from '../src/backend/backendProcess';
import { CrashBudget } from '../src/backend/crashBudget';

async function main(): Promise<void> {
  const jar = join(__dirname, '../../../java-backend/target/productos.jar');
  const millis: number[] = [];
  for (let i = 0; i < 10; i++) {
    const backend = new BackendProcess({
      javaExecutable: 'java', jarPath: jar, workspaceFolder: mkdtempSync(join(tmpdir(), 'productos-bench-')), clientVersion: 'bench',
      budget: new CrashBudget(), onState: () => undefined, onStderr: () => undefined, onConnection: () => undefined,
    });
    const start = process.hrtime.bigint();
    await backend.start();
    millis.push(Number(process.hrtime.bigint() - start) / 1e6);
    await backend.stop();
  }
  millis.sort((a, b) => a - b);
  console.log(`backend spawn to initialize answered, ms: median ${((millis[4]! + millis[5]!) / 2).toFixed(0)} (min ${millis[0]!.toFixed(0)}, max ${millis[9]!.toFixed(0)})`);
}

void main();
