import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { CrashBudget } from '../src/backend/crashBudget';

test('restarts are allowed until the fifth crash within three minutes', () => {
  const budget = new CrashBudget(5, 180_000);
  const answers = [0, 1000, 2000, 3000, 4000].map((t) => budget.recordCrash(t));
  assert.deepEqual(answers, [true, true, true, true, false]);
});

test('crashes older than the window no longer count', () => {
  const budget = new CrashBudget(2, 1000);
  assert.equal(budget.recordCrash(0), true);
  assert.equal(budget.recordCrash(5000), true);
  assert.equal(budget.crashesInWindow, 1);
  assert.equal(budget.recordCrash(5500), false);
});
