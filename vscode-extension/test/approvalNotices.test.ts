import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { ApprovalNotices, outcomeOf } from '../src/approvals/approvalNotices';

test('a notice closes once its approval is decided in the Approvals view, and a late click says so', () => {
  const notices = new ApprovalNotices();
  let closed = 0;
  notices.show('a1', 'marketing.publish_missinglettr', () => { closed += 1; });
  assert.deepEqual(notices.click('a1'), { kind: 'decide' });
  notices.markDecided('a1', outcomeOf('approve'), 'Approvals view');
  assert.equal(closed, 1);
  assert.equal(notices.isOpen('a1'), false);
  assert.deepEqual(notices.click('a1'), {
    kind: 'stale', message: 'marketing.publish_missinglettr was already approved (in the Approvals view); nothing more to do.',
  });
});

test('a denial from the chat panel is named as such', () => {
  const notices = new ApprovalNotices();
  notices.show('a2', 'deploy.rollback', () => undefined);
  notices.markDecided('a2', outcomeOf('deny'), 'chat panel');
  const click = notices.click('a2');
  assert.equal(click.kind, 'stale');
  assert.match(click.kind === 'stale' ? click.message : '', /already denied \(in the chat panel\)/);
});

test('notices whose approvals are no longer pending on the backend close, the pending ones stay', () => {
  const notices = new ApprovalNotices();
  const closed: string[] = [];
  notices.show('a1', 'marketing.publish_missinglettr', () => closed.push('a1'));
  notices.show('a2', 'deploy.rollback', () => closed.push('a2'));
  notices.keepOnly(['a2']);
  assert.deepEqual(closed, ['a1']);
  assert.equal(notices.isOpen('a2'), true);
  assert.match((notices.click('a1') as { message: string }).message, /already decided \(by another client\)/);
});

test('an approval asked again after a restart gets a fresh notice and can be decided from it', () => {
  const notices = new ApprovalNotices();
  notices.show('a1', 'marketing.publish_missinglettr', () => undefined);
  notices.markDecided('a1', 'approved', 'notification');
  notices.show('a1', 'marketing.publish_missinglettr', () => undefined);
  assert.deepEqual(notices.click('a1'), { kind: 'decide' });
});

test('closing all notices closes each one once and leaves none open', () => {
  const notices = new ApprovalNotices();
  let closed = 0;
  notices.show('a1', 't', () => { closed += 1; });
  notices.show('a2', 't', () => { closed += 1; });
  notices.closeAll();
  notices.closeAll();
  assert.equal(closed, 2);
  assert.equal(notices.isOpen('a1') || notices.isOpen('a2'), false);
});

test('deciding an approval no notice was shown for closes nothing and throws nothing', () => {
  const notices = new ApprovalNotices();
  notices.markDecided('unknown', 'approved', 'chat panel');
  assert.deepEqual(notices.click('unknown'), { kind: 'decide' });
});
