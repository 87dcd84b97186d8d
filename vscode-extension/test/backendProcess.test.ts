import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BackendProcess, BackendState } from '../src/backend/backendProcess';
import { CrashBudget } from '../src/backend/crashBudget';
import { RpcMethods } from '../src/protocol/rpcMethods';
import { ListToolsResult } from '../src/protocol/wireTypes';

const JAR = join(__dirname, '../../../java-backend/target/productos.jar');
// These tests kill, restart and stop the backend process itself. As a relay to a workspace backend (the default)
// the backend would be a detached process that outlives them, so they ask for the in-process backend.
process.env['PRODUCTOS_NO_DAEMON'] = '1';

function alive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch { return false; }
}

/** Resolves when the backend reaches {@code wanted}. */
function stateWaiter(): { states: BackendState[]; next: (wanted: BackendState) => Promise<string | undefined>; onState: (s: BackendState, d?: string) => void } {
  const states: BackendState[] = [];
  const waiters: { wanted: BackendState; resolve: (d?: string) => void }[] = [];
  return {
    states,
    next: (wanted) => new Promise((resolve) => waiters.push({ wanted, resolve })),
    onState: (state, detail) => {
      states.push(state);
      for (const w of waiters.splice(0)) { if (w.wanted === state) w.resolve(detail); else waiters.push(w); }
    },
  };
}

test('the real backend answers, restarts after a kill, and gives up when the budget is spent', { skip: !existsSync(JAR) && `${JAR} not built` }, async () => {
  const workspace = mkdtempSync(join(tmpdir(), 'productos-ext-'));
  const waiter = stateWaiter();
  const backend = new BackendProcess({
    javaExecutable: 'java', jarPath: JAR, workspaceFolder: workspace, clientVersion: 'test', budget: new CrashBudget(2, 60_000),
    onState: waiter.onState, onStderr: () => undefined, onConnection: () => undefined,
  });
  try {
    const initialized = await backend.start();
    assert.ok(initialized.requests.includes(RpcMethods.runsStart));
    const tools = await backend.currentConnection!.sendRequest<ListToolsResult>(RpcMethods.listTools, {});
    assert.ok(tools.tools.some((t) => t.name === 'analytics.funnel_summary'));

    const firstPid = backend.pid!;
    const restarted = waiter.next('ready');
    process.kill(-firstPid, 'SIGKILL');
    await restarted;
    assert.notEqual(backend.pid, firstPid);
    assert.equal(alive(firstPid), false);
    assert.ok((await backend.currentConnection!.sendRequest<ListToolsResult>(RpcMethods.listTools, {})).tools.length > 0);

    const secondPid = backend.pid!;
    const failed = waiter.next('failed');
    process.kill(-secondPid, 'SIGKILL');
    assert.match((await failed) ?? '', /stopped 2 times within 1 minutes.*not restarted again/);
    assert.equal(backend.currentConnection, undefined);
  } finally {
    await backend.stop();
  }
  assert.deepEqual(waiter.states.slice(0, 4), ['starting', 'ready', 'restarting', 'ready']);
});

test('stop shuts the backend down and leaves no process', { skip: !existsSync(JAR) && `${JAR} not built` }, async () => {
  const workspace = mkdtempSync(join(tmpdir(), 'productos-ext-'));
  const waiter = stateWaiter();
  const backend = new BackendProcess({
    javaExecutable: 'java', jarPath: JAR, workspaceFolder: workspace, clientVersion: 'test', budget: new CrashBudget(),
    onState: waiter.onState, onStderr: () => undefined, onConnection: () => undefined,
  });
  await backend.start();
  const pid = backend.pid!;
  await backend.stop();
  assert.equal(alive(pid), false);
  assert.equal(waiter.states.at(-1), 'stopped');
});
