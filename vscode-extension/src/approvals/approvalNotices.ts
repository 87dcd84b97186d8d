/** Where an approval was decided, in the words the user sees. */
export type DecisionPlace = 'notification' | 'Approvals view' | 'chat panel' | 'another client';
export type Decision = 'approve' | 'deny';

/** What a click on a notification's Approve or Deny leads to. */
export type NoticeClick = { kind: 'decide' } | { kind: 'stale'; message: string };

interface OpenNotice { tool: string; close: () => void }
interface DecidedNotice { tool: string; outcome: string; place: DecisionPlace }

/**
 * The approval notifications the extension has shown, one per approval. A notice closes as soon as
 * its approval is decided anywhere, so no notification keeps offering buttons for a decided
 * approval; a click that still reaches a decided one says so instead of asking the backend again.
 */
export class ApprovalNotices {
  private readonly open = new Map<string, OpenNotice>();
  private readonly decided = new Map<string, DecidedNotice>();

  /** Records a notice for a pending approval; `close` removes it from the screen. */
  show(approvalId: string, tool: string, close: () => void): void {
    this.open.get(approvalId)?.close();
    this.decided.delete(approvalId);
    this.open.set(approvalId, { tool, close });
  }

  isOpen(approvalId: string): boolean {
    return this.open.has(approvalId);
  }

  /** The approval was decided (here or elsewhere): its notice closes. */
  markDecided(approvalId: string, outcome: string, place: DecisionPlace): void {
    const notice = this.open.get(approvalId);
    const tool = notice?.tool ?? this.decided.get(approvalId)?.tool;
    this.open.delete(approvalId);
    if (tool !== undefined) this.decided.set(approvalId, { tool, outcome, place });
    notice?.close();
  }

  /** The backend's pending approvals: every open notice not among them was decided by another client. */
  keepOnly(pendingIds: Iterable<string>): void {
    const pending = new Set(pendingIds);
    for (const id of [...this.open.keys()]) if (!pending.has(id)) this.markDecided(id, 'decided', 'another client');
  }

  /** A click on Approve or Deny in the notice of `approvalId`. */
  click(approvalId: string): NoticeClick {
    const done = this.decided.get(approvalId);
    if (done) return { kind: 'stale', message: `${done.tool} was already ${done.outcome} (${placeWords(done.place)}); nothing more to do.` };
    return { kind: 'decide' };
  }

  /** Closes every notice (the backend restarted or the extension stops); their approvals are re-listed. */
  closeAll(): void {
    for (const notice of this.open.values()) notice.close();
    this.open.clear();
  }
}

/** The outcome word for a run status answered by approvals/decide, or for the decision asked. */
export function outcomeOf(decision: Decision): string {
  return decision === 'approve' ? 'approved' : 'denied';
}

function placeWords(place: DecisionPlace): string {
  return place === 'another client' ? 'by another client' : `in the ${place}`;
}
