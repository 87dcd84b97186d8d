import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeError, ERROR_CODES } from '../src/protocol/errorCodes';

const fixture = JSON.parse(readFileSync(join(__dirname, '../../../registry/error-codes.json'), 'utf8')) as { codes: { name: string; code: number }[] };

test('the table has exactly the shared fixture\'s names and numbers', () => {
  assert.deepEqual(ERROR_CODES.map((e) => [e.name, e.code]), fixture.codes.map((c) => [c.name, c.code]));
});

test('an error is said in words, never as a bare code', () => {
  const text = describeError(-31002, '/steps: give at least two steps');
  assert.match(text, /does not fit the tool/);
  assert.match(text, /give at least two steps/);
  assert.doesNotMatch(text, /-31002/);
});

test('an unknown code keeps the server\'s message', () => {
  assert.equal(describeError(-1, 'something odd'), 'something odd');
  assert.equal(describeError(undefined, ''), 'The backend reported an unknown error.');
});
