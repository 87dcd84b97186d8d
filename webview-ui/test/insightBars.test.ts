import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chartFor } from '../src/insightBars';

describe('chartFor', () => {
  it('draws a funnel as bars relative to its first step', () => {
    const chart = chartFor('analytics.funnel_summary', { funnel_name: 'activation', range_days: 30, steps: [
      { event_name: 'signup', users: 200, conversion_from_prev: 1 }, { event_name: 'project_created', users: 50, conversion_from_prev: 0.25 }] });
    assert.equal(chart?.title, 'Funnel activation, last 30 days');
    assert.deepEqual(chart?.bars.map((b) => [b.label, b.fraction, b.note]), [
      ['signup', 1, '200 users'], ['project_created', 0.25, '50 users, 25.0% of the step before']]);
  });

  it('draws drivers by the size of their score, negative ones too', () => {
    const chart = chartFor('analytics.top_drivers', { target: {}, range_days: 7, drivers: [
      { name: 'invited_teammate', score: 0.8, direction: 'positive', evidence: 'more activation' },
      { name: 'slow_first_load', score: -0.4, direction: 'negative', evidence: 'fewer signups' }] });
    assert.deepEqual(chart?.bars.map((b) => b.fraction), [1, 0.5]);
    assert.equal(chart?.bars[1]?.note, 'negative: fewer signups');
  });

  it('draws nothing for other tools or an output without rows', () => {
    assert.equal(chartFor('logs.tail', { steps: [] }), undefined);
    assert.equal(chartFor('analytics.funnel_summary', { steps: [] }), undefined);
    assert.equal(chartFor('analytics.funnel_summary', undefined), undefined);
  });
});
