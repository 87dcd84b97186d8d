import { RunInfo } from '../protocol/wireTypes';

/**
 * The runs the views show, newest first, merged from runs/list and runs/updated. An update without
 * `input` (the backend may leave it out) keeps the input already known.
 */
export class RunStore {
  private readonly runs = new Map<string, RunInfo>();

  constructor(private readonly maxRuns = 200) {}

  replaceAll(runs: readonly RunInfo[]): void {
    this.runs.clear();
    for (const run of runs) this.runs.set(run.id, run);
  }

  upsert(run: RunInfo): RunInfo {
    const known = this.runs.get(run.id);
    const merged: RunInfo = known && run.input === undefined && known.input !== undefined ? { ...run, input: known.input } : run;
    this.runs.delete(run.id);
    this.runs.set(run.id, merged);
    while (this.runs.size > this.maxRuns) this.runs.delete(this.runs.keys().next().value as string);
    return merged;
  }

  get(id: string): RunInfo | undefined {
    return this.runs.get(id);
  }

  /** Newest first by creation time, then by arrival. */
  list(): RunInfo[] {
    return [...this.runs.values()].reverse().sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? ''));
  }
}
