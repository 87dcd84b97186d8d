import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkHostMessage, checkWebviewMessage, MAX_PROMPT_CHARS } from '../../vscode-extension/src/webviewProtocol/chatMessages';

describe('checkWebviewMessage (the extension checks what the panel sends)', () => {
  it('accepts the panel\'s messages', () => {
    for (const good of [{ type: 'ready' }, { type: 'cancel' }, { type: 'send', text: 'funnel please' },
      { type: 'decide', approvalId: 'ap-1', decision: 'deny' }, { type: 'saveDraft', draftId: 'd-1', channel: 'x', index: 0, text: 'hi', revision: 2 }]) {
      assert.equal(checkWebviewMessage(good).ok, true, JSON.stringify(good));
    }
  });

  it('says what is wrong with a bad one', () => {
    const cases: [unknown, RegExp][] = [
      [{ type: 'send', text: '   ' }, /Type a message/],
      [{ type: 'send', text: 'x'.repeat(MAX_PROMPT_CHARS + 1) }, /at most 20000/],
      [{ type: 'decide', approvalId: 'ap-1', decision: 'maybe' }, /approve or deny/],
      [{ type: 'decide', decision: 'approve' }, /approvalId/],
      [{ type: 'saveDraft', draftId: 'd', channel: 'x', index: -1, text: 'a' }, /post index/],
      [{ type: 'saveDraft', draftId: 'd', channel: 'x', index: 0, text: '' }, /cannot be empty/],
      [{ type: 'runShell', command: 'rm' }, /unknown panel message/],
      ['ready', /must be an object/],
    ];
    for (const [bad, problem] of cases) {
      const checked = checkWebviewMessage(bad);
      assert.equal(checked.ok, false, JSON.stringify(bad).slice(0, 80));
      assert.match(checked.ok ? '' : checked.problem, problem);
    }
  });
});

describe('checkHostMessage (the panel checks what the extension sends)', () => {
  it('checks the event inside an event message', () => {
    assert.equal(checkHostMessage({ type: 'event', event: { type: 'assistant_text' } }).ok, false);
    assert.equal(checkHostMessage({ type: 'event', event: { type: 'assistant_text', sessionId: 's', turnId: 't', seq: 1, at: 'a', text: 'hi' } }).ok, true);
  });

  it('refuses unknown and incomplete messages', () => {
    for (const bad of [{ type: 'eval', code: '1' }, { type: 'model', model: { name: 'x' } }, { type: 'run', runId: 'r' }, { type: 'run', runId: 'r', status: 's', output: [] }]) {
      assert.equal(checkHostMessage(bad).ok, false, JSON.stringify(bad));
    }
  });
});
