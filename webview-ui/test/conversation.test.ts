import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { checkSupervisorEvent, SupervisorEvent } from '../../vscode-extension/src/webviewProtocol/supervisorEvent';
import { ApprovalCard, Conversation, RunCard, runDurationMillis } from '../src/conversation';

const contract = JSON.parse(readFileSync(join(__dirname, '../../../registry/supervisor-protocol.json'), 'utf8'));
const examples: SupervisorEvent[] = contract.examples.map((e: unknown) => {
  const checked = checkSupervisorEvent(e);
  assert.ok(checked.ok, `contract example rejected: ${checked.ok ? '' : checked.problem}`);
  return checked.value;
});

describe('Conversation', () => {
  it('builds run and approval cards from the contract examples', () => {
    const chat = new Conversation();
    chat.userSent('how is the funnel?', 's-1');
    for (const event of examples) assert.equal(chat.apply(event), true);
    const kinds = chat.items.map((i) => i.kind);
    assert.deepEqual(kinds, ['user', 'assistant', 'run', 'run', 'approval']);
    const funnel = chat.items[2] as RunCard;
    assert.equal(funnel.status, 'succeeded');
    assert.equal(funnel.runId, 'run-1');
    assert.deepEqual(funnel.input, { steps: ['visit', 'signup'] });
    assert.equal(runDurationMillis(funnel), 1000);
    assert.equal((chat.items[3] as RunCard).status, 'awaiting_approval');
    assert.equal((chat.items[4] as ApprovalCard).state, 'pending');
    assert.equal(chat.turnRunning, false);
    assert.deepEqual(chat.model, { provider: 'offline', name: 'offline-planner' });
  });

  it('ignores replayed events and events of another session', () => {
    const chat = new Conversation();
    chat.userSent('hi', 's-1');
    const first = examples[0]!;
    assert.equal(chat.apply(first), true);
    assert.equal(chat.apply(first), false);
    assert.equal(chat.apply({ ...first, sessionId: 's-2', seq: 99 }), false);
    assert.equal(chat.items.filter((i) => i.kind === 'assistant').length, 1);
  });

  it('joins assistant text of one turn into one message', () => {
    const chat = new Conversation();
    chat.userSent('hi', 's-1');
    chat.apply({ sessionId: 's-1', turnId: 't-1', seq: 1, at: '2026-12-03T09:00:00Z', type: 'assistant_text', text: 'Hello, ' });
    chat.apply({ sessionId: 's-1', turnId: 't-1', seq: 2, at: '2026-12-03T09:00:00Z', type: 'assistant_text', text: 'world.' });
    assert.deepEqual(chat.items.at(-1), { kind: 'assistant', text: 'Hello, world.', turnId: 't-1' });
  });

  it('marks an approval decided when its run moves on, and lets a failed decision be retried', () => {
    const chat = new Conversation();
    chat.userSent('publish', 's-1');
    for (const event of examples) chat.apply(event);
    chat.deciding('ap-1');
    chat.approvalFailed('ap-1');
    assert.equal((chat.items[4] as ApprovalCard).state, 'pending');
    chat.deciding('ap-1');
    assert.equal(chat.runChanged('run-2', 'succeeded', '2026-12-03T09:02:00Z', { status: 'queued' }), true);
    const approval = chat.items[4] as ApprovalCard;
    assert.equal(approval.state, 'decided');
    assert.equal(approval.runStatus, 'succeeded');
    assert.equal((chat.items[3] as RunCard).status, 'succeeded');
    assert.equal(chat.runChanged('run-unknown', 'failed', '2026-12-03T09:02:00Z'), false);
  });

  it('shows errors and a turn stopped at its limit as notices', () => {
    const chat = new Conversation();
    chat.userSent('go', 's-1');
    chat.apply({ sessionId: 's-1', turnId: 't-1', seq: 1, at: '2026-12-03T09:00:00Z', type: 'error', code: -32001, message: 'The model is not reachable.' });
    chat.apply({ sessionId: 's-1', turnId: 't-1', seq: 2, at: '2026-12-03T09:00:00Z', type: 'turn_finished', stopReason: 'limit',
      usage: { inputTokens: 1, outputTokens: 1, costUsd: 0 }, model: { provider: 'offline', name: 'offline-planner' } });
    assert.deepEqual(chat.items.slice(1).map((i) => i.kind === 'notice' && i.tone), ['error', 'info']);
  });
});

describe('Conversation drafts', () => {
  it('replaces a shown draft with the backend\'s answer to a save', () => {
    const chat = new Conversation();
    chat.userSent('show the draft', 's-1');
    chat.apply({ sessionId: 's-1', turnId: 't-1', seq: 1, at: '2026-12-03T09:00:00Z', type: 'run_updated', callId: 'c-1', runId: 'r-1',
      tool: 'marketing.get_draft', status: 'succeeded', output: { draft_id: 'd-1', revision: 1, channels: [] } });
    chat.draftSaved('d-1', { draft_id: 'd-1', revision: 2, channels: [] });
    assert.equal((chat.items[1] as RunCard).output?.['revision'], 2);
    assert.equal(chat.items.at(-1)?.kind, 'notice');
  });
});

describe('Conversation runs opened from a view', () => {
  it('shows a run once, moved to the end when opened again', () => {
    const chat = new Conversation();
    chat.showRun('r-1', 'analytics.funnel_summary', 'succeeded', { steps: [] });
    chat.showRun('r-2', 'marketing.get_draft', 'succeeded', { draft_id: 'd-1', channels: [] });
    chat.showRun('r-1', 'analytics.funnel_summary', 'succeeded', { steps: [] });
    assert.deepEqual(chat.items.map((i) => i.kind === 'run' && i.runId), ['r-2', 'r-1']);
  });
});
