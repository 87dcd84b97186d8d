import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { checkWebviewMessage, HostMessage, WebviewMessage } from '../webviewProtocol/chatMessages';
import { ModelInfo, SupervisorEvent } from '../webviewProtocol/supervisorEvent';
import { chatPageHtml } from './chatHtml';

/** What the panel needs from the backend; the extension implements it over JSON-RPC. */
export interface ChatBackend {
  info(): Promise<{ model: ModelInfo }>;
  send(text: string, sessionId: string | undefined): Promise<{ sessionId: string; turnId: string; model: ModelInfo }>;
  cancel(sessionId: string): Promise<void>;
  decide(approvalId: string, decision: 'approve' | 'deny'): Promise<{ status: string }>;
  saveDraft(input: { draft_id: string; channel: string; index: number; text: string; expected_revision?: number }): Promise<Record<string, unknown>>;
}

/**
 * The chat panel host: serves the webview-ui bundle under a strict CSP, checks every message the
 * panel sends, and forwards supervisor events and run changes to it.
 */
export class ChatViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  static readonly viewId = 'productos.chat';
  private view: vscode.WebviewView | undefined;
  private sessionId: string | undefined;
  /** Messages for a panel not shown yet (or not ready): delivered once it says it is ready. */
  private pending: HostMessage[] = [];
  private ready = false;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly extensionUri: vscode.Uri, private readonly backend: ChatBackend, private readonly describe: (error: unknown) => string) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    this.ready = false;
    const assets = vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview');
    view.webview.options = { enableScripts: true, localResourceRoots: [assets] };
    view.webview.html = chatPageHtml({
      cspSource: view.webview.cspSource, nonce: randomBytes(16).toString('base64'),
      scriptUri: view.webview.asWebviewUri(vscode.Uri.joinPath(assets, 'chat.js')).toString(),
      styleUri: view.webview.asWebviewUri(vscode.Uri.joinPath(assets, 'chat.css')).toString(),
    });
    this.disposables.push(
      view.webview.onDidReceiveMessage((data: unknown) => void this.receive(data)),
      view.onDidDispose(() => { this.view = undefined; this.ready = false; }),
    );
  }

  /** A supervisor/event notification from the backend. */
  event(event: SupervisorEvent): void {
    if (this.sessionId !== undefined && event.sessionId !== this.sessionId) return;
    this.post({ type: 'event', event });
  }

  /** A run changed (runs/updated, then runs/get): the panel updates the card that shows it, if any. */
  run(runId: string, status: string, output: Record<string, unknown> | undefined, errorMessage: string | undefined): void {
    this.post({ type: 'run', runId, status, ...(output ? { output } : {}), ...(errorMessage ? { errorMessage } : {}) });
  }

  /** Shows a run opened from a view (an insight's chart, an editable draft) in the panel, revealing it. */
  async showRun(runId: string, tool: string, status: string, output: Record<string, unknown> | undefined): Promise<void> {
    await vscode.commands.executeCommand(`${ChatViewProvider.viewId}.focus`);
    this.post({ type: 'showRun', runId, tool, status, ...(output ? { output } : {}) });
  }

  private post(message: HostMessage): void {
    if (this.view && this.ready) void this.view.webview.postMessage(message);
    else this.pending.push(message);
  }

  private async receive(data: unknown): Promise<void> {
    const checked = checkWebviewMessage(data);
    if (!checked.ok) { this.post({ type: 'problem', message: checked.problem }); return; }
    try {
      await this.handle(checked.value);
    } catch (error) {
      this.post({ type: 'problem', message: this.describe(error) });
      if (checked.value.type === 'decide') this.post({ type: 'decisionFailed', approvalId: checked.value.approvalId });
    }
  }

  private async handle(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready': {
        this.ready = true;
        const queued = this.pending;
        this.pending = [];
        for (const m of queued) this.post(m);
        this.post({ type: 'model', model: (await this.backend.info()).model });
        return;
      }
      case 'send': {
        const sent = await this.backend.send(message.text, this.sessionId);
        this.sessionId = sent.sessionId;
        this.post({ type: 'sent', sessionId: sent.sessionId, turnId: sent.turnId, text: message.text });
        this.post({ type: 'model', model: sent.model });
        return;
      }
      case 'cancel':
        if (this.sessionId) await this.backend.cancel(this.sessionId);
        return;
      case 'decide': {
        const run = await this.backend.decide(message.approvalId, message.decision);
        this.post({ type: 'approvalDecided', approvalId: message.approvalId, runStatus: run.status });
        return;
      }
      case 'saveDraft': {
        const output = await this.backend.saveDraft({ draft_id: message.draftId, channel: message.channel, index: message.index, text: message.text,
          ...(message.revision === undefined ? {} : { expected_revision: message.revision }) });
        this.post({ type: 'draftSaved', draftId: message.draftId, output });
        return;
      }
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
