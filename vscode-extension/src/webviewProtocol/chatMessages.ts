/**
 * Messages between the chat panel (webview-ui) and the extension, each way, with the checkers each
 * side runs on what it receives. Free of DOM and Node APIs.
 */
import { Checked, checkSupervisorEvent, isRecord, ModelInfo, SupervisorEvent } from './supervisorEvent';

export const MAX_PROMPT_CHARS = 20_000;

/** Extension to webview. */
export type HostMessage =
  | { readonly type: 'model'; readonly model: ModelInfo }
  | { readonly type: 'event'; readonly event: SupervisorEvent }
  | { readonly type: 'sent'; readonly sessionId: string; readonly turnId: string; readonly text: string }
  | { readonly type: 'approvalDecided'; readonly approvalId: string; readonly runStatus: string }
  | { readonly type: 'run'; readonly runId: string; readonly status: string; readonly output?: Record<string, unknown>; readonly errorMessage?: string }
  | { readonly type: 'decisionFailed'; readonly approvalId: string }
  | { readonly type: 'showRun'; readonly runId: string; readonly tool: string; readonly status: string; readonly output?: Record<string, unknown> }
  | { readonly type: 'draftSaved'; readonly draftId: string; readonly output: Record<string, unknown> }
  | { readonly type: 'problem'; readonly message: string };

/** Webview to extension. */
export type WebviewMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'send'; readonly text: string }
  | { readonly type: 'cancel' }
  | { readonly type: 'decide'; readonly approvalId: string; readonly decision: 'approve' | 'deny' }
  | { readonly type: 'saveDraft'; readonly draftId: string; readonly channel: string; readonly index: number; readonly text: string; readonly revision?: number };

const nonEmpty = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

export function checkWebviewMessage(value: unknown): Checked<WebviewMessage> {
  if (!isRecord(value)) return { ok: false, problem: 'a panel message must be an object' };
  const ok = { ok: true as const, value: value as unknown as WebviewMessage };
  switch (value['type']) {
    case 'ready': case 'cancel': return ok;
    case 'send': {
      const text = value['text'];
      if (typeof text !== 'string' || text.trim().length === 0) return { ok: false, problem: 'Type a message first.' };
      if (text.length > MAX_PROMPT_CHARS) return { ok: false, problem: `A message holds at most ${MAX_PROMPT_CHARS} characters; this one has ${text.length}.` };
      return ok;
    }
    case 'decide':
      if (!nonEmpty(value['approvalId'])) return { ok: false, problem: 'decide needs an approvalId' };
      if (value['decision'] !== 'approve' && value['decision'] !== 'deny') return { ok: false, problem: 'decision must be approve or deny' };
      return ok;
    case 'saveDraft': {
      const index = value['index'];
      const revision = value['revision'];
      if (!nonEmpty(value['draftId']) || !nonEmpty(value['channel'])) return { ok: false, problem: 'saveDraft needs a draftId and a channel' };
      if (typeof index !== 'number' || !Number.isInteger(index) || index < 0) return { ok: false, problem: 'saveDraft needs a post index' };
      if (!nonEmpty(value['text'])) return { ok: false, problem: 'A post cannot be empty.' };
      if (revision !== undefined && (typeof revision !== 'number' || !Number.isInteger(revision))) return { ok: false, problem: 'revision must be an integer' };
      return ok;
    }
    default: return { ok: false, problem: `unknown panel message ${JSON.stringify(value['type'])}` };
  }
}

export function checkHostMessage(value: unknown): Checked<HostMessage> {
  if (!isRecord(value)) return { ok: false, problem: 'a host message must be an object' };
  const ok = { ok: true as const, value: value as unknown as HostMessage };
  switch (value['type']) {
    case 'model': {
      const model = value['model'];
      return isRecord(model) && typeof model['provider'] === 'string' && typeof model['name'] === 'string' ? ok : { ok: false, problem: 'model needs provider and name' };
    }
    case 'event': {
      const event = checkSupervisorEvent(value['event']);
      return event.ok ? { ok: true, value: { type: 'event', event: event.value } } : event;
    }
    case 'sent':
      return nonEmpty(value['sessionId']) && nonEmpty(value['turnId']) && typeof value['text'] === 'string' ? ok : { ok: false, problem: 'sent needs sessionId, turnId and text' };
    case 'approvalDecided':
      return nonEmpty(value['approvalId']) && typeof value['runStatus'] === 'string' ? ok : { ok: false, problem: 'approvalDecided needs approvalId and runStatus' };
    case 'run':
      if (!nonEmpty(value['runId']) || typeof value['status'] !== 'string') return { ok: false, problem: 'run needs runId and status' };
      if (value['output'] !== undefined && !isRecord(value['output'])) return { ok: false, problem: 'run.output must be an object' };
      return value['errorMessage'] === undefined || typeof value['errorMessage'] === 'string' ? ok : { ok: false, problem: 'run.errorMessage must be a string' };
    case 'showRun':
      if (!nonEmpty(value['runId']) || !nonEmpty(value['tool']) || typeof value['status'] !== 'string') return { ok: false, problem: 'showRun needs runId, tool and status' };
      return value['output'] === undefined || isRecord(value['output']) ? ok : { ok: false, problem: 'showRun.output must be an object' };
    case 'decisionFailed':
      return nonEmpty(value['approvalId']) ? ok : { ok: false, problem: 'decisionFailed needs approvalId' };
    case 'draftSaved':
      return nonEmpty(value['draftId']) && isRecord(value['output']) ? ok : { ok: false, problem: 'draftSaved needs draftId and output' };
    case 'problem':
      return typeof value['message'] === 'string' ? ok : { ok: false, problem: 'problem needs a message' };
    default: return { ok: false, problem: `unknown host message ${JSON.stringify(value['type'])}` };
  }
}
