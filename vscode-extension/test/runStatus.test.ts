import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TERMINAL_STATUSES } from '../src/protocol/wireTypes';

// The backend's run states, read from the enum itself, so a state added or renamed there fails here first.
const javaEnum = readFileSync(join(__dirname, '../../../java-backend/src/main/java/com/productos/runs/RunStatus.java'), 'utf8');
const backendStates = [...javaEnum.matchAll(/^\s{4}([A-Z_]+)\((true|false)\)[,;]/gm)].map((m) => ({
  wireName: (m[1] ?? '').toLowerCase(), terminal: m[2] === 'true',
}));

test('the backend declares its run states where this test reads them', () => {
  assert.ok(backendStates.length >= 6, `found ${backendStates.length} states in RunStatus.java`);
});

test('the extension counts as ended exactly the run states the backend never leaves', () => {
  const terminal = backendStates.filter((s) => s.terminal).map((s) => s.wireName).sort();
  assert.deepEqual([...TERMINAL_STATUSES].sort(), terminal);
});
