import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { countLength, LengthCounting, withinByteBound } from '../src/webviewProtocol/channelLength';

interface Rules {
  channels: { channel: string; text_limit: number; counting: LengthCounting }[];
  cases: { channel: string; text: string; count: number }[];
}
const rules = JSON.parse(readFileSync(join(__dirname, '../../../registry/channel-rules.json'), 'utf8')) as Rules;

test('every case of the shared channel rules counts as the backend counts', () => {
  assert.ok(rules.cases.length > 10);
  for (const item of rules.cases) {
    const channel = rules.channels.find((c) => c.channel === item.channel);
    assert.ok(channel, `no rule for ${item.channel}`);
    assert.equal(countLength(item.text, channel.counting), item.count, `${item.channel}: ${item.text}`);
  }
});

test('a post one past X\'s limit is over it', () => {
  const x = rules.channels.find((c) => c.channel === 'x')!;
  assert.equal(countLength('a'.repeat(x.text_limit + 1), x.counting), 281);
  assert.equal(countLength('日'.repeat(140), x.counting), x.text_limit);
});

test('Bluesky\'s byte bound is kept apart from its grapheme count', () => {
  assert.equal(withinByteBound('日'.repeat(1000), 'graphemes'), true);
  assert.equal(withinByteBound('日'.repeat(1001), 'graphemes'), false);
  assert.equal(withinByteBound('日'.repeat(5000), 'utf16_units'), true);
});
