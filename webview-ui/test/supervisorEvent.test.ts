import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { checkSupervisorEvent, SUPERVISOR_EVENT_TYPES } from '../../vscode-extension/src/webviewProtocol/supervisorEvent';

const contract = JSON.parse(readFileSync(join(__dirname, '../../../registry/supervisor-protocol.json'), 'utf8'));

describe('checkSupervisorEvent', () => {
  it('knows exactly the event types of the contract', () => {
    assert.deepEqual([...SUPERVISOR_EVENT_TYPES].sort(), Object.keys(contract.notifications['supervisor/event'].types).sort());
  });

  it('checks each type for the fields the contract names', () => {
    for (const [type, fields] of Object.entries(contract.notifications['supervisor/event'].types as Record<string, Record<string, string>>)) {
      const required = Object.keys(fields).filter((f) => !/optional/.test(fields[f] ?? '') && f !== 'error' && f !== 'output');
      for (const field of required) {
        const example = { sessionId: 's', turnId: 't', seq: 1, at: 'now', type, text: 'x', callId: 'c', tool: 'a.b', input: {}, runId: 'r', status: 's',
          approvalId: 'a', reason: 'r', stopReason: 'completed', usage: {}, model: {}, code: 1, message: 'm' } as Record<string, unknown>;
        assert.equal(checkSupervisorEvent(example).ok, true, `${type} complete`);
        delete example[field];
        const checked = checkSupervisorEvent(example);
        assert.equal(checked.ok, false, `${type} without ${field}`);
        assert.match(checked.ok ? '' : checked.problem, new RegExp(`${type}\\.${field}`));
      }
    }
  });

  it('refuses what is not an event', () => {
    for (const bad of [null, 'text', [], { type: 'assistant_texts' }, { type: 'assistant_text', sessionId: 's', turnId: 't', seq: '1', at: 'a', text: 'x' }]) {
      assert.equal(checkSupervisorEvent(bad).ok, false, JSON.stringify(bad));
    }
  });
});
