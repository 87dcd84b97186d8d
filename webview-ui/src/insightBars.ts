import { isRecord } from '../../vscode-extension/src/webviewProtocol/supervisorEvent';

/** One bar of an insight chart: a label, its value, and its share of the widest bar (0..1). */
export interface Bar { readonly label: string; readonly value: number; readonly fraction: number; readonly note: string }
export interface InsightChart { readonly title: string; readonly bars: readonly Bar[] }

const percent = (ratio: number): string => `${(ratio * 100).toFixed(1)}%`;

/** The chart for a run's output, when the tool is one the panel can draw (funnels and drivers). */
export function chartFor(tool: string, output: Record<string, unknown> | undefined): InsightChart | undefined {
  if (!output) return undefined;
  if (tool === 'analytics.funnel_summary') return funnelChart(output);
  if (tool === 'analytics.top_drivers') return driverChart(output);
  return undefined;
}

function funnelChart(output: Record<string, unknown>): InsightChart | undefined {
  const steps = Array.isArray(output['steps']) ? output['steps'].filter(isRecord) : [];
  const rows = steps.flatMap((s) => typeof s['event_name'] === 'string' && typeof s['users'] === 'number'
    ? [{ label: s['event_name'], value: s['users'], conversion: typeof s['conversion_from_prev'] === 'number' ? s['conversion_from_prev'] : undefined }] : []);
  if (rows.length === 0) return undefined;
  const widest = Math.max(...rows.map((r) => r.value), 1);
  const name = typeof output['funnel_name'] === 'string' ? output['funnel_name'] : 'funnel';
  const days = typeof output['range_days'] === 'number' ? `, last ${output['range_days']} days` : '';
  return {
    title: `Funnel ${name}${days}`,
    bars: rows.map((r, i) => ({ label: r.label, value: r.value, fraction: r.value / widest,
      note: i === 0 || r.conversion === undefined ? `${r.value} users` : `${r.value} users, ${percent(r.conversion)} of the step before` })),
  };
}

function driverChart(output: Record<string, unknown>): InsightChart | undefined {
  const drivers = Array.isArray(output['drivers']) ? output['drivers'].filter(isRecord) : [];
  const rows = drivers.flatMap((d) => typeof d['name'] === 'string' && typeof d['score'] === 'number'
    ? [{ label: d['name'], value: d['score'], direction: String(d['direction'] ?? 'unknown'), evidence: typeof d['evidence'] === 'string' ? d['evidence'] : '' }] : []);
  if (rows.length === 0) return undefined;
  const widest = Math.max(...rows.map((r) => Math.abs(r.value)), Number.MIN_VALUE);
  return {
    title: 'Top drivers',
    bars: rows.map((r) => ({ label: r.label, value: r.value, fraction: Math.abs(r.value) / widest, note: `${r.direction}: ${r.evidence}`.trim() })),
  };
}
