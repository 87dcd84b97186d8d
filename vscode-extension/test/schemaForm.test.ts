import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { formFor, parseFieldValue } from '../src/forms/schemaForm';

test('a flat schema becomes quick inputs with required flags, enums and defaults', () => {
  const form = formFor({ type: 'object', required: ['campaign_id'], properties: {
    campaign_id: { type: 'string', description: 'the id' }, limit: { type: 'integer', default: 5 }, mode: { type: 'string', enum: ['now', 'later'] } } });
  assert.equal(form.kind, 'quick');
  if (form.kind !== 'quick') return;
  assert.deepEqual(form.fields.map((f) => [f.name, f.kind, f.required]), [['campaign_id', 'string', true], ['limit', 'integer', false], ['mode', 'enum', false]]);
  assert.equal(form.fields[1]!.defaultValue, 5);
});

test('a nested schema becomes a JSON document with its required fields', () => {
  const form = formFor({ type: 'object', required: ['steps', 'window'], properties: {
    steps: { type: 'array', items: { type: 'string' } }, window: { type: 'object', required: ['days'], properties: { days: { type: 'integer' } } } } });
  assert.equal(form.kind, 'json');
  if (form.kind !== 'json') return;
  assert.deepEqual(JSON.parse(form.template), { steps: [], window: { days: 0 } });
});

test('typed values are checked against the field', () => {
  const n = { name: 'n', kind: 'integer' as const, required: true };
  assert.deepEqual(parseFieldValue(n, '3'), { value: 3 });
  assert.equal(parseFieldValue(n, '3.5').problem, 'n must be a whole number');
  assert.equal(parseFieldValue(n, '').problem, 'n is required');
  assert.deepEqual(parseFieldValue({ ...n, required: false }, ''), {});
  assert.equal(parseFieldValue({ name: 'm', kind: 'enum', required: true, options: ['a'] }, 'b').problem, 'm must be one of a');
});
