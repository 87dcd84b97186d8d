import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { draftSummaries, insightLabel, insightRuns, publishRuns } from '../src/model/campaignItems';
import { RunInfo } from '../src/protocol/wireTypes';

describe('draftSummaries', () => {
  it('reads list_drafts output into rows', () => {
    const rows = draftSummaries({ drafts: [
      { draft_id: 'draft_1', brief: { product: 'Acme', goal: 'launch' }, channels: [{ channel: 'x', posts: [] }, { channel: 'linkedin', posts: [] }],
        warnings: ['a claim'], status: 'draft', revision: 2, updated_at: '2026-12-03T09:00:00Z' },
      { draft_id: 'draft_2', channels: [], warnings: [], status: 'published', revision: 0 },
    ] });
    assert.deepEqual(rows, [
      { draftId: 'draft_1', label: 'Acme: launch', status: 'draft', revision: 2, channels: ['x', 'linkedin'], warningCount: 1, updatedAt: '2026-12-03T09:00:00Z' },
      { draftId: 'draft_2', label: 'draft_2', status: 'published', revision: 0, channels: [], warningCount: 0, updatedAt: '' },
    ]);
  });

  it('skips entries without a draft id and tolerates an odd output', () => {
    assert.deepEqual(draftSummaries({ drafts: [{ brief: {} }, 'x', null] }), []);
    assert.deepEqual(draftSummaries(undefined), []);
    assert.deepEqual(draftSummaries({ drafts: 'none' }), []);
  });
});

describe('insight and publish runs', () => {
  const run = (id: string, tool: string, status: string, extra: Partial<RunInfo> = {}): RunInfo => ({ id, tool, status, ...extra });
  const runs = [
    run('1', 'analytics.funnel_summary', 'succeeded', { output: { funnel_name: 'activation' } }),
    run('2', 'analytics.funnel_summary', 'failed'),
    run('3', 'analytics.top_drivers', 'succeeded'),
    run('4', 'marketing.publish_missinglettr', 'awaiting_approval'),
    run('5', 'analytics.write_insight', 'succeeded', { input: { insight: { title: 'Invites drive activation' } } }),
  ];

  it('lists succeeded analytics runs as insights, labelled by what they are about', () => {
    assert.deepEqual(insightRuns(runs).map((r) => [r.id, insightLabel(r)]), [['1', 'Funnel activation'], ['3', 'Top drivers'], ['5', 'Invites drive activation']]);
  });

  it('names a funnel from its input when the output is not known yet', () => {
    assert.equal(insightLabel(run('6', 'analytics.funnel_summary', 'succeeded', { input: { funnel: { name: 'signup' } } })), 'Funnel signup');
  });

  it('lists publish runs whatever their status', () => {
    assert.deepEqual(publishRuns(runs).map((r) => r.id), ['4']);
  });
});
