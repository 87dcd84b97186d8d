import { RunInfo } from '../protocol/wireTypes';

/** A saved campaign draft as the Campaigns view lists it (from marketing.list_drafts). */
export interface DraftSummary {
  readonly draftId: string;
  readonly label: string;
  readonly status: string;
  readonly revision: number;
  readonly channels: readonly string[];
  readonly warningCount: number;
  readonly updatedAt: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const text = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);

/** Reads list_drafts' output; entries without a draft_id are skipped rather than shown half-known. */
export function draftSummaries(output: unknown): DraftSummary[] {
  const drafts = isRecord(output) && Array.isArray(output['drafts']) ? output['drafts'].filter(isRecord) : [];
  return drafts.flatMap((d) => {
    const draftId = text(d['draft_id']);
    if (!draftId) return [];
    const brief = isRecord(d['brief']) ? d['brief'] : {};
    const channels = Array.isArray(d['channels']) ? d['channels'].filter(isRecord).map((c) => text(c['channel'])).filter((c): c is string => c !== undefined) : [];
    return [{
      draftId,
      label: text(brief['product']) && text(brief['goal']) ? `${brief['product']}: ${brief['goal']}` : draftId,
      status: text(d['status']) ?? 'draft',
      revision: typeof d['revision'] === 'number' ? d['revision'] : 0,
      channels,
      warningCount: Array.isArray(d['warnings']) ? d['warnings'].length : 0,
      updatedAt: text(d['updated_at']) ?? '',
    }];
  });
}

/** Tools whose finished runs change the drafts or publishes the Campaigns view lists. */
export const CAMPAIGN_CHANGING_TOOLS: ReadonlySet<string> = new Set([
  'marketing.generate_channel_posts', 'marketing.edit_draft', 'marketing.publish_missinglettr',
]);

/** Publishes are runs of the publish tool, newest first. */
export function publishRuns(runs: readonly RunInfo[]): RunInfo[] {
  return runs.filter((run) => run.tool === 'marketing.publish_missinglettr');
}

/** Insights are the analytics tools' runs that produced something: funnels, drivers, written insights. */
export const INSIGHT_TOOLS: ReadonlySet<string> = new Set(['analytics.funnel_summary', 'analytics.top_drivers', 'analytics.write_insight']);

export function insightRuns(runs: readonly RunInfo[]): RunInfo[] {
  return runs.filter((run) => INSIGHT_TOOLS.has(run.tool) && run.status === 'succeeded');
}

/** A short label for an insight run: the funnel's name, the driver target, or the insight's title when known. */
export function insightLabel(run: RunInfo): string {
  const output = isRecord(run.output) ? run.output : {};
  const input = isRecord(run.input) ? run.input : {};
  switch (run.tool) {
    case 'analytics.funnel_summary': {
      const funnel = isRecord(input['funnel']) ? input['funnel'] : {};
      return `Funnel ${text(output['funnel_name']) ?? text(funnel['name']) ?? ''}`.trim();
    }
    case 'analytics.top_drivers': return 'Top drivers';
    default: {
      const insight = isRecord(input['insight']) ? input['insight'] : {};
      return text(insight['title']) ?? text(output['title']) ?? 'Insight';
    }
  }
}
