import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { counterFor, draftFor } from '../src/draftPosts';

const rules = JSON.parse(readFileSync(join(__dirname, '../../../registry/channel-rules.json'), 'utf8'));

describe('draftFor', () => {
  it('lists each channel\'s posts with their index, the draft id, revision and warnings', () => {
    const draft = draftFor('marketing.get_draft', { draft_id: 'd-1', revision: 3, warnings: ['"guaranteed" is a claim the brand avoids'],
      channels: [{ channel: 'x', posts: [{ text: 'one' }, { text: 'two' }] }, { channel: 'linkedin', posts: [{ text: 'three' }] }] });
    assert.deepEqual(draft, { draftId: 'd-1', revision: 3, warnings: ['"guaranteed" is a claim the brand avoids'],
      posts: [{ channel: 'x', index: 0, text: 'one' }, { channel: 'x', index: 1, text: 'two' }, { channel: 'linkedin', index: 0, text: 'three' }] });
  });

  it('has no draft id for freshly generated posts, and no draft for other tools', () => {
    assert.equal(draftFor('marketing.generate_channel_posts', { channels: [] })?.draftId, undefined);
    assert.equal(draftFor('analytics.funnel_summary', { channels: [] }), undefined);
  });
});

describe('counterFor', () => {
  it('counts at each channel\'s limit from the shared rules', () => {
    for (const rule of rules.channels as { channel: string; text_limit: number }[]) {
      const at = counterFor(rule.channel, 'a'.repeat(rule.text_limit));
      assert.equal(at?.over, false, rule.channel);
      const past = counterFor(rule.channel, 'a'.repeat(rule.text_limit + 1));
      assert.equal(past?.over, true, rule.channel);
      assert.match(past?.label ?? '', new RegExp(`1 over ${rule.channel}'s limit`));
    }
  });

  it('counts a URL on X as 23', () => {
    assert.equal(counterFor('x', 'see https://example.com/a/very/long/path/that/is/long')?.used, 4 + 23);
  });

  it('knows no counter for an unknown channel', () => {
    assert.equal(counterFor('myspace', 'hi'), undefined);
  });
});
