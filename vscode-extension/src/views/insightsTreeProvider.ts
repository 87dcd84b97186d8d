import * as vscode from 'vscode';
import { insightLabel, insightRuns } from '../model/campaignItems';
import { RunStore } from '../model/runStore';
import { RunInfo } from '../protocol/wireTypes';

/** The Insights view: funnels, drivers and written insights from the analytics tools' runs; one opens as a chart in the chat panel. */
export class InsightsTreeProvider implements vscode.TreeDataProvider<RunInfo> {
  private readonly changed = new vscode.EventEmitter<RunInfo | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly store: RunStore) {}

  refresh(): void {
    this.changed.fire(undefined);
  }

  getChildren(element?: RunInfo): RunInfo[] {
    return element ? [] : insightRuns(this.store.list());
  }

  getTreeItem(run: RunInfo): vscode.TreeItem {
    const item = new vscode.TreeItem(insightLabel(run), vscode.TreeItemCollapsibleState.None);
    item.id = `insight:${run.id}`;
    item.description = run.finishedAt ?? run.createdAt ?? '';
    item.tooltip = `${run.tool}\n${run.id}`;
    item.iconPath = new vscode.ThemeIcon(run.tool === 'analytics.write_insight' ? 'lightbulb' : 'graph');
    item.command = { command: 'productos.openInsight', title: 'Show Insight', arguments: [run.id] };
    return item;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
