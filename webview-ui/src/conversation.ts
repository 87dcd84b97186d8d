import { ModelInfo, SupervisorEvent } from '../../vscode-extension/src/webviewProtocol/supervisorEvent';
import { TERMINAL_STATUSES } from '../../vscode-extension/src/protocol/wireTypes';

export interface RunCard {
  readonly kind: 'run';
  readonly callId: string;
  tool: string;
  input?: Record<string, unknown>;
  runId?: string;
  status: string;
  startedAt?: string;
  finishedAt?: string;
  output?: Record<string, unknown>;
  errorMessage?: string;
}

export interface ApprovalCard {
  readonly kind: 'approval';
  readonly approvalId: string;
  readonly runId: string;
  readonly tool: string;
  readonly reason: string;
  /** pending until the backend reports the decided run's status. */
  state: 'pending' | 'deciding' | 'decided';
  runStatus?: string;
}

export type ChatItem =
  | { readonly kind: 'user'; readonly text: string }
  | { readonly kind: 'assistant'; text: string; readonly turnId: string }
  | { readonly kind: 'notice'; readonly text: string; readonly tone: 'info' | 'error' }
  | RunCard
  | ApprovalCard;


/**
 * One chat session as the panel shows it, built from the supervisor's events. Events of another
 * session, and events at or below the last seq seen (a replay), change nothing.
 */
export class Conversation {
  readonly items: ChatItem[] = [];
  sessionId: string | undefined;
  model: ModelInfo | undefined;
  turnRunning = false;
  private lastSeq = 0;

  userSent(text: string, sessionId: string): void {
    if (this.sessionId !== sessionId) { this.sessionId = sessionId; this.lastSeq = 0; }
    this.items.push({ kind: 'user', text });
    this.turnRunning = true;
  }

  /** Applies one event; false when it was not for this conversation or already seen. */
  apply(event: SupervisorEvent): boolean {
    if (this.sessionId !== undefined && event.sessionId !== this.sessionId) return false;
    if (event.seq <= this.lastSeq) return false;
    this.sessionId = event.sessionId;
    this.lastSeq = event.seq;
    switch (event.type) {
      case 'assistant_text': {
        const last = this.items.at(-1);
        if (last?.kind === 'assistant' && last.turnId === event.turnId) last.text += event.text;
        else this.items.push({ kind: 'assistant', text: event.text, turnId: event.turnId });
        break;
      }
      case 'tool_call_proposed':
        this.runCard(event.callId, event.tool).input = event.input;
        break;
      case 'run_started': {
        const card = this.runCard(event.callId, event.tool);
        card.runId = event.runId;
        card.status = 'running';
        card.startedAt = event.at;
        break;
      }
      case 'run_updated': {
        const card = this.runCard(event.callId, event.tool);
        card.runId = event.runId;
        this.finishRun(card, event.status, event.at, event.output, event.error?.message);
        break;
      }
      case 'approval_needed': {
        const card = this.runCard(event.callId, event.tool);
        card.runId = event.runId;
        card.status = 'awaiting_approval';
        this.items.push({ kind: 'approval', approvalId: event.approvalId, runId: event.runId, tool: event.tool, reason: event.reason, state: 'pending' });
        break;
      }
      case 'turn_finished':
        this.turnRunning = false;
        this.model = event.model;
        if (event.stopReason === 'limit') this.items.push({ kind: 'notice', tone: 'info', text: 'The turn stopped at its step limit; ask again to go on.' });
        if (event.stopReason === 'cancelled') this.items.push({ kind: 'notice', tone: 'info', text: 'Cancelled.' });
        break;
      case 'error':
        this.items.push({ kind: 'notice', tone: 'error', text: event.message });
        break;
    }
    return true;
  }

  /** A run's status from the run itself (runs/updated, then runs/get), for runs this conversation shows. */
  runChanged(runId: string, status: string, at: string, output?: Record<string, unknown>, errorMessage?: string): boolean {
    const card = this.items.find((item): item is RunCard => item.kind === 'run' && item.runId === runId);
    if (!card) return false;
    this.finishRun(card, status, at, output, errorMessage);
    for (const item of this.items) {
      if (item.kind === 'approval' && item.runId === runId && status !== 'awaiting_approval') { item.state = 'decided'; item.runStatus = status; }
    }
    return true;
  }

  deciding(approvalId: string): void {
    const card = this.approval(approvalId);
    if (card?.state === 'pending') card.state = 'deciding';
  }

  approvalDecided(approvalId: string, runStatus: string): void {
    const card = this.approval(approvalId);
    if (!card) return;
    card.state = 'decided';
    card.runStatus = runStatus;
  }

  /** The request failed: the card can be decided again. */
  approvalFailed(approvalId: string): void {
    const card = this.approval(approvalId);
    if (card?.state === 'deciding') card.state = 'pending';
  }

  /** A run opened from a view (an insight, a draft): shown as its own card, once. */
  showRun(runId: string, tool: string, status: string, output?: Record<string, unknown>): void {
    const known = this.items.findIndex((item) => item.kind === 'run' && item.runId === runId);
    if (known >= 0) this.items.splice(known, 1);
    this.items.push({ kind: 'run', callId: `view:${runId}`, runId, tool, status, ...(output ? { output } : {}) });
  }

  /** The backend re-checked and stored an edit: its answer replaces the draft the card shows. */
  draftSaved(draftId: string, output: Record<string, unknown>): void {
    for (const item of this.items) if (item.kind === 'run' && item.output?.['draft_id'] === draftId) item.output = output;
    this.notice(`Draft ${draftId} saved; the backend checked it again.`, 'info');
  }

  notice(text: string, tone: 'info' | 'error'): void {
    this.items.push({ kind: 'notice', text, tone });
  }

  private approval(approvalId: string): ApprovalCard | undefined {
    return this.items.find((item): item is ApprovalCard => item.kind === 'approval' && item.approvalId === approvalId);
  }

  private finishRun(card: RunCard, status: string, at: string, output?: Record<string, unknown>, errorMessage?: string): void {
    card.status = status;
    if (output !== undefined) card.output = output;
    if (errorMessage !== undefined) card.errorMessage = errorMessage;
    if (TERMINAL_STATUSES.has(status)) card.finishedAt = at;
  }

  private runCard(callId: string, tool: string): RunCard {
    const found = this.items.find((item): item is RunCard => item.kind === 'run' && item.callId === callId);
    if (found) return found;
    const card: RunCard = { kind: 'run', callId, tool, status: 'proposed' };
    this.items.push(card);
    return card;
  }
}

/** Whole milliseconds between two ISO-8601 instants, or undefined while the run goes on. */
export function runDurationMillis(card: RunCard): number | undefined {
  if (!card.startedAt || !card.finishedAt) return undefined;
  const millis = Date.parse(card.finishedAt) - Date.parse(card.startedAt);
  return Number.isFinite(millis) && millis >= 0 ? millis : undefined;
}
