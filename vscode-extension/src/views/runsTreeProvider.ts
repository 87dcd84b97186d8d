import * as vscode from 'vscode';
import { RunStore } from '../model/runStore';
import { RunInfo, TERMINAL_STATUSES } from '../protocol/wireTypes';

const ICONS: Record<string, string> = {
  queued: 'clock', running: 'sync~spin', awaiting_approval: 'person', succeeded: 'pass', failed: 'error',
  denied: 'circle-slash', cancelled: 'debug-stop', interrupted: 'debug-disconnect',
};

/** The Runs view: live from runs/updated through the shared RunStore. */
export class RunsTreeProvider implements vscode.TreeDataProvider<RunInfo> {
  private readonly changed = new vscode.EventEmitter<RunInfo | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly store: RunStore) {}

  refresh(): void {
    this.changed.fire(undefined);
  }

  getChildren(element?: RunInfo): RunInfo[] {
    return element ? [] : this.store.list();
  }

  getTreeItem(run: RunInfo): vscode.TreeItem {
    const item = new vscode.TreeItem(`${run.tool}`, vscode.TreeItemCollapsibleState.None);
    item.id = run.id;
    item.description = `${run.status.replace('_', ' ')} · ${run.createdAt ?? ''}`;
    item.tooltip = `${run.tool}\n${run.id}\n${run.status}${run.error ? `\n${run.error.message}` : ''}`;
    item.iconPath = new vscode.ThemeIcon(ICONS[run.status] ?? 'circle-outline');
    item.contextValue = TERMINAL_STATUSES.has(run.status) ? 'run' : 'run.cancellable';
    item.command = { command: 'productos.openRun', title: 'Open Run', arguments: [run.id] };
    return item;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
