/**
 * Extension activation to backend ready (the extension's own "backend ready N ms after activation"
 * line), median of 10, in code-server 4.100.3 through Debian's Chromium: each run a fresh profile,
 * the VSIX installed, the workspace opened, the figure read from the output channel's log file.
 * Run by hand after `mvn -B package` (or `npm run package`) and `bash e2e/installCodeServer.sh`:
 *   node build.mjs --bench && node out/bench/activationInCodeServer.js
 */
import { join } from 'node:path';
import { CodeServerHost, freshProfile } from '../e2e/codeServerHost';
import { CodeServerWorkbench } from '../e2e/codeServerWorkbench';
import { GuardedBrowser } from '../e2e/guardedBrowser';
import { activationToReadyMillis } from '../e2e/outputChannelLog';
import { pollUntil } from '../e2e/pollUntil';

const RUNS = 10;

async function oneRun(targetDir: string): Promise<number> {
  const profile = freshProfile(targetDir, 'bench-code-server');
  const host = new CodeServerHost(join(targetDir, 'hosts/code-server/node_modules/.bin/code-server'), profile);
  host.installExtension(join(targetDir, 'productos.vsix'));
  let browser: GuardedBrowser | undefined;
  try {
    const baseUrl = await host.start();
    browser = await GuardedBrowser.launch(profile.root);
    const workbench = new CodeServerWorkbench(await browser.context.newPage(), join(profile.root, 'screenshots'));
    await workbench.open(baseUrl, profile.workspace);
    await workbench.statusBarItem('Product OS: ready').waitFor({ timeout: 120_000 });
    return await pollUntil(() => activationToReadyMillis(profile.userDataDir), 30_000, 'the activation-to-ready log line');
  } finally {
    await browser?.close();
    await host.stop();
  }
}

async function main(): Promise<void> {
  const targetDir = join(__dirname, '../../target');
  const millis: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    millis.push(await oneRun(targetDir));
    console.log(`run ${i + 1}: ${millis.at(-1)} ms`);
  }
  millis.sort((a, b) => a - b);
  console.log(`extension activation to backend ready in code-server, ms: median ${(millis[4]! + millis[5]!) / 2} (min ${millis[0]}, max ${millis[RUNS - 1]})`);
}

main().catch((error: Error) => { console.error(error.message); process.exitCode = 1; });
