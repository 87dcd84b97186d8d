import { RunInfo, TERMINAL_STATUSES } from '../protocol/wireTypes';

/**
 * The runs the views show, newest first, merged from runs/list, runs/start and runs/updated. An
 * update carries what changed (runs/updated and the runs/start answer leave the input out, and a
 * run too large for one frame leaves out the fields it names in `omitted`): every field it does not
 * carry keeps the value already known.
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
    // Answers and notifications race (an approvals/decide answer saying "queued" can arrive after the
    // notification that the run already failed); a run that ended never runs again, so such an update is stale.
    if (known && TERMINAL_STATUSES.has(known.status) && !TERMINAL_STATUSES.has(run.status)) return known;
    const merged: RunInfo = known ? { ...known, ...definedFields(run) } : run;
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

/** The fields of `run` that hold a value; `omitted` is about one message and is not kept. */
function definedFields(run: RunInfo): Partial<RunInfo> {
  const fields: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(run)) {
    if (value !== undefined && value !== null && name !== 'omitted') fields[name] = value;
  }
  return fields as Partial<RunInfo>;
}
