import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { RunStore } from '../src/model/runStore';

test('an update without input keeps the input already known', () => {
  const store = new RunStore();
  store.upsert({ id: 'r1', tool: 't', status: 'queued', input: { a: 1 }, createdAt: '2026-01-01T00:00:00Z' });
  const merged = store.upsert({ id: 'r1', tool: 't', status: 'succeeded', createdAt: '2026-01-01T00:00:00Z' });
  assert.deepEqual(merged.input, { a: 1 });
  assert.equal(merged.status, 'succeeded');
});

test('an update with input replaces it, and runs list newest first', () => {
  const store = new RunStore();
  store.upsert({ id: 'old', tool: 't', status: 'queued', createdAt: '2026-01-01T00:00:00Z' });
  store.upsert({ id: 'new', tool: 't', status: 'queued', input: { b: 2 }, createdAt: '2026-01-02T00:00:00Z' });
  assert.deepEqual(store.list().map((r) => r.id), ['new', 'old']);
  assert.deepEqual(store.upsert({ id: 'new', tool: 't', status: 'running', input: { b: 3 } }).input, { b: 3 });
});

test('the store keeps at most its bound of runs', () => {
  const store = new RunStore(2);
  for (const id of ['a', 'b', 'c']) store.upsert({ id, tool: 't', status: 'queued' });
  assert.equal(store.get('a'), undefined);
  assert.equal(store.list().length, 2);
});

test('an update carries what changed: the fields it leaves out keep their known values', () => {
  const store = new RunStore();
  store.upsert({ id: 'r1', tool: 't', actor: 'user', status: 'running', input: { a: 1 }, sessionId: 's',
    createdAt: '2026-01-01T00:00:00Z', startedAt: '2026-01-01T00:00:01Z' });
  const merged = store.upsert({ id: 'r1', tool: 't', status: 'succeeded', output: { ok: true },
    finishedAt: '2026-01-01T00:00:02Z' });
  assert.deepEqual(merged, { id: 'r1', tool: 't', actor: 'user', status: 'succeeded', input: { a: 1 }, sessionId: 's',
    createdAt: '2026-01-01T00:00:00Z', startedAt: '2026-01-01T00:00:01Z', output: { ok: true },
    finishedAt: '2026-01-01T00:00:02Z' });
});

test('a run sent without its bulk keeps the output already known and does not keep the omitted list', () => {
  const store = new RunStore();
  store.upsert({ id: 'r1', tool: 't', status: 'succeeded', output: { big: 'x' } });
  const merged = store.upsert({ id: 'r1', tool: 't', status: 'succeeded', omitted: ['input', 'output'] });
  assert.deepEqual(merged.output, { big: 'x' });
  assert.equal(merged.omitted, undefined);
});

test('an update older than an ended run leaves it ended: a late approvals/decide answer does not bring it back to queued', () => {
  const store = new RunStore();
  store.upsert({ id: 'r1', tool: 'cloudrun.rollback_service', status: 'awaiting_approval' });
  store.upsert({ id: 'r1', tool: 'cloudrun.rollback_service', status: 'failed', error: { code: 'ExecutorError', numericCode: -31005, message: 'no service' } });
  const after = store.upsert({ id: 'r1', tool: 'cloudrun.rollback_service', status: 'queued' });
  assert.equal(after.status, 'failed');
  assert.equal(store.get('r1')?.status, 'failed');
  assert.equal(store.list()[0]?.status, 'failed');
});
