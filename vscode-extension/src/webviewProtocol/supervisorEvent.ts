/**
 * The supervisor/event notification of registry/supervisor-protocol.json as types, with a checker the
 * chat panel runs on everything it is handed (nothing from outside the webview is trusted as typed).
 * Free of DOM and Node APIs: the extension and the webview both use it.
 */
export interface ModelInfo { readonly provider: string; readonly name: string }
export interface Usage { readonly inputTokens: number; readonly outputTokens: number; readonly costUsd: number }
export interface EventCommon { readonly sessionId: string; readonly turnId: string; readonly seq: number; readonly at: string }

export type SupervisorEvent = EventCommon & (
  | { readonly type: 'assistant_text'; readonly text: string }
  | { readonly type: 'tool_call_proposed'; readonly callId: string; readonly tool: string; readonly input: Record<string, unknown> }
  | { readonly type: 'run_started'; readonly callId: string; readonly runId: string; readonly tool: string }
  | { readonly type: 'run_updated'; readonly callId: string; readonly runId: string; readonly tool: string; readonly status: string;
      readonly output?: Record<string, unknown>; readonly error?: { readonly code: number; readonly message: string } }
  | { readonly type: 'approval_needed'; readonly callId: string; readonly runId: string; readonly approvalId: string; readonly tool: string; readonly reason: string }
  | { readonly type: 'turn_finished'; readonly stopReason: string; readonly usage: Usage; readonly model: ModelInfo }
  | { readonly type: 'error'; readonly code: number; readonly message: string }
);

export type SupervisorEventType = SupervisorEvent['type'];

export type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string };

type Fields = Record<string, unknown>;

export function isRecord(value: unknown): value is Fields {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Field kinds each event type must carry, beyond the common ones. */
const REQUIRED: Record<SupervisorEventType, Record<string, 'string' | 'number' | 'object'>> = {
  assistant_text: { text: 'string' },
  tool_call_proposed: { callId: 'string', tool: 'string', input: 'object' },
  run_started: { callId: 'string', runId: 'string', tool: 'string' },
  run_updated: { callId: 'string', runId: 'string', tool: 'string', status: 'string' },
  approval_needed: { callId: 'string', runId: 'string', approvalId: 'string', tool: 'string', reason: 'string' },
  turn_finished: { stopReason: 'string', usage: 'object', model: 'object' },
  error: { code: 'number', message: 'string' },
};

export const SUPERVISOR_EVENT_TYPES = Object.keys(REQUIRED) as readonly SupervisorEventType[];

function kindOf(value: unknown): string {
  if (isRecord(value)) return 'object';
  if (typeof value === 'number' && Number.isFinite(value)) return 'number';
  return typeof value;
}

export function checkSupervisorEvent(value: unknown): Checked<SupervisorEvent> {
  if (!isRecord(value)) return { ok: false, problem: 'a supervisor event must be an object' };
  const type = value['type'];
  if (typeof type !== 'string' || !(type in REQUIRED)) return { ok: false, problem: `unknown supervisor event type ${JSON.stringify(type)}` };
  const expected: Record<string, string> = { sessionId: 'string', turnId: 'string', seq: 'number', at: 'string', ...REQUIRED[type as SupervisorEventType] };
  for (const [field, kind] of Object.entries(expected)) {
    if (kindOf(value[field]) !== kind) return { ok: false, problem: `${type}.${field} must be a ${kind}` };
  }
  if (value['output'] !== undefined && !isRecord(value['output'])) return { ok: false, problem: `${type}.output must be an object` };
  const error = value['error'];
  if (type === 'run_updated' && error !== undefined && !(isRecord(error) && typeof error['message'] === 'string')) {
    return { ok: false, problem: 'run_updated.error must carry a message' };
  }
  return { ok: true, value: value as unknown as SupervisorEvent };
}
