import * as path from 'node:path';
import * as vscode from 'vscode';
import { MessageConnection, ResponseError } from 'vscode-jsonrpc/node';
import { BackendProcess, BackendState } from './backend/backendProcess';
import { CrashBudget } from './backend/crashBudget';
import { javaCandidates } from './backend/javaDiscovery';
import { findJava } from './backend/javaRuntime';
import { ApprovalNotices, Decision, DecisionPlace, outcomeOf } from './approvals/approvalNotices';
import { askToolInput } from './commands/askToolInput';
import { LOOP_COMMANDS } from './commands/loopCommands';
import { RunStore } from './model/runStore';
import { describeError } from './protocol/errorCodes';
import { RpcMethods, RpcNotifications } from './protocol/rpcMethods';
import {
  ApprovalRequestedParams, ListApprovalsResult, ListRunsResult, ListToolsResult, RunInfo, TERMINAL_STATUSES, ToolInfo,
} from './protocol/wireTypes';
import { SupervisorEvent, checkSupervisorEvent, isRecord } from './webviewProtocol/supervisorEvent';
import { CAMPAIGN_CHANGING_TOOLS, draftSummaries } from './model/campaignItems';
import { ApprovalsTreeProvider } from './views/approvalsTreeProvider';
import { CampaignsTreeProvider } from './views/campaignsTreeProvider';
import { InsightsTreeProvider } from './views/insightsTreeProvider';
import { ChatBackend, ChatViewProvider } from './views/chatViewProvider';
import { RunsTreeProvider } from './views/runsTreeProvider';
import { ToolsTreeProvider } from './views/toolsTreeProvider';

/** Wires the backend, the views and the commands together; the logic lives in the modules it imports. */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const activatedAtMillis = performance.now();
  let readyLogged = false;
  const output = vscode.window.createOutputChannel('Product OS Backend');
  const status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 10);
  status.command = 'productos.showBackendLog';
  status.show();
  const store = new RunStore();
  const runsView = new RunsTreeProvider(store);
  const approvalsView = new ApprovalsTreeProvider();
  const toolsView = new ToolsTreeProvider();
  const insightsView = new InsightsTreeProvider(store);
  const campaignsView = new CampaignsTreeProvider(store);
  let tools: ToolInfo[] = [];
  const runWaiters = new Map<string, (run: RunInfo) => void>();
  const notices = new ApprovalNotices();
  context.subscriptions.push(output, status, runsView, approvalsView, toolsView, insightsView, campaignsView,
    vscode.window.registerTreeDataProvider('productos.insights', insightsView),
    vscode.window.registerTreeDataProvider('productos.campaigns', campaignsView),
    vscode.window.registerTreeDataProvider('productos.runs', runsView),
    vscode.window.registerTreeDataProvider('productos.approvals', approvalsView),
    vscode.window.registerTreeDataProvider('productos.tools', toolsView));

  const showState = (state: BackendState, detail?: string): void => {
    const icons: Record<BackendState, string> = { starting: '$(sync~spin)', ready: '$(check)', restarting: '$(sync~spin)', stopped: '$(circle-slash)', failed: '$(error)' };
    status.text = `${icons[state]} Product OS: ${state}`;
    status.tooltip = detail ?? state;
    output.appendLine(`[extension] backend ${state}${detail ? `: ${detail}` : ''}`);
    if (state === 'ready' && !readyLogged) {
      // The end-to-end tests and the activation benchmark read this line from the output channel's log file.
      readyLogged = true;
      output.appendLine(`[extension] backend ready ${Math.round(performance.now() - activatedAtMillis)} ms after activation`);
    }
    if (state === 'failed' && detail) {
      void vscode.window.showErrorMessage(detail, 'Show Backend Log').then((choice) => { if (choice) output.show(); });
    }
  };

  const connection = (): MessageConnection => {
    const current = backend?.currentConnection;
    if (!current) throw new Error('The Product OS backend is not running; see "Product OS: Show Backend Log".');
    return current;
  };
  const request = async <T>(method: string, params?: unknown): Promise<T> => {
    try {
      return await connection().sendRequest<T>(method, params ?? {});
    } catch (error) {
      if (error instanceof ResponseError) { const e = error as ResponseError<unknown>; throw new Error(describeError(e.code, e.message)); }
      throw error;
    }
  };
  const reportError = (error: unknown): void => {
    void vscode.window.showErrorMessage(error instanceof Error ? error.message : String(error));
  };

  const runsChanged = (): void => { runsView.refresh(); insightsView.refresh(); campaignsView.refresh(); };
  /** Runs a tool to its end (runs/start answers at once for long runs) and returns the full run. */
  const callTool = async (tool: string, input: unknown): Promise<RunInfo> => {
    const started = await request<RunInfo>(RpcMethods.runsStart, { tool, input });
    store.upsert(started);
    runsChanged();
    if (!TERMINAL_STATUSES.has(started.status)) {
      await new Promise<void>((resolve) => runWaiters.set(started.id, () => { runWaiters.delete(started.id); resolve(); }));
    }
    return TERMINAL_STATUSES.has(started.status) && started.output !== undefined ? started : request<RunInfo>(RpcMethods.runsGet, { runId: started.id });
  };
  const outputOf = (run: RunInfo): Record<string, unknown> => {
    if (run.status !== 'succeeded' || !isRecord(run.output)) {
      throw new Error(run.error ? describeError(run.error.numericCode, run.error.message) : `${run.tool} ended ${run.status}.`);
    }
    return run.output;
  };
  const refreshDrafts = async (): Promise<void> => {
    if (!tools.some((t) => t.name === 'marketing.list_drafts')) return;
    campaignsView.setDrafts(draftSummaries(outputOf(await callTool('marketing.list_drafts', {}))));
  };

  const chatBackend: ChatBackend = {
    info: () => request(RpcMethods.supervisorInfo),
    send: (text, sessionId) => request(RpcMethods.supervisorSend, sessionId ? { sessionId, text } : { text }),
    cancel: async (sessionId) => { await request(RpcMethods.supervisorCancel, { sessionId }); },
    decide: async (approvalId, decision) => {
      const run = await request<RunInfo>(RpcMethods.approvalsDecide, { approvalId, decision });
      notices.markDecided(approvalId, outcomeOf(decision), 'chat panel');
      store.upsert(run);
      runsChanged();
      void refreshApprovals();
      return run;
    },
    saveDraft: async (input) => outputOf(await callTool('marketing.edit_draft', input)),
  };
  const chat = new ChatViewProvider(context.extensionUri, chatBackend, (error) => (error instanceof Error ? error.message : String(error)));
  context.subscriptions.push(chat, vscode.window.registerWebviewViewProvider(ChatViewProvider.viewId, chat, { webviewOptions: { retainContextWhenHidden: true } }));

  const refreshAll = async (): Promise<void> => {
    const [runs, approvals, registry] = await Promise.all([
      request<ListRunsResult>(RpcMethods.runsList, { limit: 100 }),
      request<ListApprovalsResult>(RpcMethods.approvalsList, { status: 'pending' }),
      request<ListToolsResult>(RpcMethods.listTools),
    ]);
    store.replaceAll(runs.runs);
    runsChanged();
    approvalsView.set(approvals.approvals);
    notices.keepOnly(approvals.approvals.map((a) => a.id));
    tools = registry.tools;
    toolsView.set(tools);
    // The other views are useful without drafts: a failed listing is logged, not raised.
    await refreshDrafts().catch((error: Error) => output.appendLine(`[extension] drafts not listed: ${error.message}`));
  };

  const onConnection = (rpc: MessageConnection): void => {
    rpc.onNotification(RpcNotifications.runsUpdated, (run: RunInfo) => {
      const merged = store.upsert(run);
      runsChanged();
      if (TERMINAL_STATUSES.has(run.status)) {
        runWaiters.get(run.id)?.(merged);
        if (CAMPAIGN_CHANGING_TOOLS.has(run.tool)) void refreshDrafts().catch(reportError);
        // runs/updated may not carry the output: the chat's card gets it from the run itself.
        void request<RunInfo>(RpcMethods.runsGet, { runId: run.id })
          .then((full) => chat.run(full.id, full.status, isRecord(full.output) ? full.output : undefined,
            full.error ? describeError(full.error.numericCode, full.error.message) : undefined))
          .catch(() => undefined);
      }
      if (run.status !== 'awaiting_approval') void refreshApprovals();
    });
    rpc.onNotification(RpcNotifications.supervisorEvent, (params: unknown) => {
      const checked = checkSupervisorEvent(params);
      if (checked.ok) chat.event(checked.value as SupervisorEvent);
      else output.appendLine(`[extension] ignored a supervisor event: ${checked.problem}`);
    });
    rpc.onNotification(RpcNotifications.runsLog, (line: { runId: string; text: string }) => {
      output.appendLine(`[run ${line.runId}] ${line.text}`);
    });
    rpc.onNotification(RpcNotifications.approvalsRequested, (params: ApprovalRequestedParams) => {
      store.upsert(params.run);
      runsChanged();
      void refreshApprovals();
      showApprovalNotice(params.approval.id, params.approval.tool);
    });
    // The views recover after a restart from the backend's own records.
    setImmediate(() => void refreshAll().catch(reportError));
  };
  /**
   * A notification with Approve and Deny links that lasts as long as the approval is pending: a
   * progress notification is the one kind the extension can take off the screen, so it closes when
   * the approval is decided anywhere (the Approvals view, the chat panel, another client).
   */
  const showApprovalNotice = (approvalId: string, tool: string): void => {
    const link = (label: string, decision: Decision): string =>
      `[${label}](command:productos.decideFromNotice?${encodeURIComponent(JSON.stringify([approvalId, decision]))})`;
    void vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `${tool} waits for your approval: ${link('Approve', 'approve')} or ${link('Deny', 'deny')}` },
      () => new Promise<void>((resolve) => notices.show(approvalId, tool, resolve)));
  };
  const refreshApprovals = async (): Promise<void> => {
    try {
      const pending = (await request<ListApprovalsResult>(RpcMethods.approvalsList, { status: 'pending' })).approvals;
      approvalsView.set(pending);
      notices.keepOnly(pending.map((a) => a.id));
    } catch { /* The backend is restarting; the next connection refreshes. */ }
  };
  const decide = async (approvalId: string, decision: Decision, place: DecisionPlace): Promise<void> => {
    try {
      store.upsert(await request<RunInfo>(RpcMethods.approvalsDecide, { approvalId, decision }));
      notices.markDecided(approvalId, outcomeOf(decision), place);
      runsChanged();
      await refreshApprovals();
    } catch (error) {
      reportError(error);
      // Decided elsewhere a moment ago: the listing closes its notice.
      await refreshApprovals();
    }
  };
  const decideFromNotice = async (approvalId: string, decision: Decision): Promise<void> => {
    const click = notices.click(approvalId);
    if (click.kind === 'stale') { void vscode.window.showInformationMessage(click.message); return; }
    await decide(approvalId, decision, 'notification');
  };

  const startRun = async (tool: ToolInfo): Promise<void> => {
    const input = await askToolInput(tool);
    if (input === undefined) return;
    const run = await request<RunInfo>(RpcMethods.runsStart, { tool: tool.name, input });
    // The answer leaves the input out: this client sent it.
    store.upsert({ ...run, input });
    runsChanged();
    if (TERMINAL_STATUSES.has(run.status) || run.status === 'awaiting_approval') return announce(store.get(run.id) ?? run);
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `Product OS: ${tool.name}`, cancellable: true },
      (_progress, token) => new Promise<void>((resolve) => {
        token.onCancellationRequested(() => void request(RpcMethods.runsCancel, { runId: run.id }).catch(reportError));
        runWaiters.set(run.id, (finished) => { runWaiters.delete(run.id); announce(finished); resolve(); });
      }));
  };
  const announce = (run: RunInfo): void => {
    if (run.status === 'succeeded') void vscode.window.showInformationMessage(`${run.tool} succeeded.`, 'Open Run').then((c) => c && openRun(run.id));
    // awaiting_approval: the approval's own notification (approvals/requested) says it, and closes once decided.
    else if (run.status === 'awaiting_approval') return;
    else if (run.error) void vscode.window.showErrorMessage(`${run.tool} ${run.status}: ${describeError(run.error.numericCode, run.error.message)}`);
    else void vscode.window.showWarningMessage(`${run.tool} ${run.status}.`);
  };
  const openRun = async (runId: string): Promise<void> => {
    const run = await request<RunInfo>(RpcMethods.runsGet, { runId });
    store.upsert(run);
    const document = await vscode.workspace.openTextDocument({ language: 'json', content: JSON.stringify(run, null, 2) });
    await vscode.window.showTextDocument(document, { preview: true });
  };
  const pickTool = async (): Promise<ToolInfo | undefined> => {
    if (tools.length === 0) await refreshAll();
    const picked = await vscode.window.showQuickPick(tools.map((t) => ({ label: t.name, description: `${t.risk} risk`, detail: t.description, tool: t })),
      { title: 'Product OS: Run Tool', matchOnDetail: true });
    return picked?.tool;
  };
  const toolNamed = async (name: string): Promise<ToolInfo> => {
    if (tools.length === 0) await refreshAll();
    const tool = tools.find((t) => t.name === name);
    if (!tool) throw new Error(`The registry has no tool ${name}; check .productos/tool-registry.yaml.`);
    return tool;
  };
  const guarded = (fn: (...args: never[]) => Promise<unknown>) => (...args: never[]) => fn(...args).catch(reportError);

  context.subscriptions.push(
    vscode.commands.registerCommand('productos.runTool', guarded(async () => { const t = await pickTool(); if (t) await startRun(t); })),
    vscode.commands.registerCommand('productos.runThisTool', guarded(async (tool: ToolInfo) => startRun(tool))),
    vscode.commands.registerCommand('productos.openRun', guarded(async (runId: string) => openRun(runId))),
    vscode.commands.registerCommand('productos.cancelRun', guarded(async (run: RunInfo) => request(RpcMethods.runsCancel, { runId: run.id }))),
    vscode.commands.registerCommand('productos.approve', guarded(async (a: { id: string }) => decide(a.id, 'approve', 'Approvals view'))),
    vscode.commands.registerCommand('productos.deny', guarded(async (a: { id: string }) => decide(a.id, 'deny', 'Approvals view'))),
    vscode.commands.registerCommand('productos.decideFromNotice', guarded(async (approvalId: string, decision: Decision) => decideFromNotice(approvalId, decision))),
    vscode.commands.registerCommand('productos.refresh', guarded(refreshAll)),
    vscode.commands.registerCommand('productos.showApprovals', guarded(async () => { await refreshApprovals(); await vscode.commands.executeCommand('productos.approvals.focus'); })),
    vscode.commands.registerCommand('productos.showBackendLog', () => output.show()),
    vscode.commands.registerCommand('productos.openDraft', guarded(async (draftId: string) => {
      const run = await callTool('marketing.get_draft', { draft_id: draftId });
      await chat.showRun(run.id, run.tool, run.status, outputOf(run));
    })),
    vscode.commands.registerCommand('productos.openInsight', guarded(async (runId: string) => {
      const run = await request<RunInfo>(RpcMethods.runsGet, { runId });
      await chat.showRun(run.id, run.tool, run.status, outputOf(run));
    })),
    vscode.commands.registerCommand('productos.openChat', () => vscode.commands.executeCommand(`${ChatViewProvider.viewId}.focus`)),
    vscode.commands.registerCommand('productos.restartBackend', guarded(async () => { await backend?.stop(); await startBackend(); })),
    ...LOOP_COMMANDS.map(({ command, tool }) => vscode.commands.registerCommand(command, guarded(async () => startRun(await toolNamed(tool))))),
  );

  let backend: BackendProcess | undefined;
  const startBackend = async (): Promise<void> => {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    if (!folder) { showState('stopped', 'Open a folder: Product OS keeps its state in the workspace folder.'); return; }
    const settings = vscode.workspace.getConfiguration('productos');
    const java = await findJava(javaCandidates(settings.get<string>('java.home'), process.env, process.platform));
    output.appendLine(`[extension] Java ${java.major} from ${java.source}: ${java.executable}`);
    const jar = settings.get<string>('backend.jar') || path.join(context.extensionPath, 'dist', 'backend', 'productos.jar');
    backend = new BackendProcess({
      javaExecutable: java.executable, jarPath: jar, workspaceFolder: folder,
      clientVersion: String(context.extension.packageJSON.version), budget: new CrashBudget(),
      onState: showState, onStderr: (text) => output.append(text), onConnection,
    });
    await backend.start();
  };
  context.subscriptions.push({ dispose: () => { notices.closeAll(); void backend?.stop(); } });
  startBackend().catch((error: Error) => { showState('failed', error.message); });
}

export function deactivate(): void {
  // Disposables in context.subscriptions stop the backend.
}
