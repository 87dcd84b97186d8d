import * as vscode from 'vscode';
import { DraftSummary, publishRuns } from '../model/campaignItems';
import { RunStore } from '../model/runStore';
import { RunInfo } from '../protocol/wireTypes';

type Node = { readonly kind: 'group'; readonly group: 'drafts' | 'publishes' } | { readonly kind: 'draft'; readonly draft: DraftSummary } | { readonly kind: 'publish'; readonly run: RunInfo };

/** The Campaigns view: saved drafts (marketing.list_drafts) and publish runs; a draft opens in the chat panel for editing. */
export class CampaignsTreeProvider implements vscode.TreeDataProvider<Node> {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private drafts: DraftSummary[] = [];

  constructor(private readonly store: RunStore) {}

  setDrafts(drafts: DraftSummary[]): void {
    this.drafts = drafts;
    this.changed.fire(undefined);
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  getChildren(node?: Node): Node[] {
    if (!node) return [{ kind: 'group', group: 'drafts' }, { kind: 'group', group: 'publishes' }];
    if (node.kind !== 'group') return [];
    return node.group === 'drafts' ? this.drafts.map((draft) => ({ kind: 'draft', draft })) : publishRuns(this.store.list()).map((run) => ({ kind: 'publish', run }));
  }

  getTreeItem(node: Node): vscode.TreeItem {
    switch (node.kind) {
      case 'group': {
        const item = new vscode.TreeItem(node.group === 'drafts' ? 'Drafts' : 'Publishes', vscode.TreeItemCollapsibleState.Expanded);
        item.id = `group:${node.group}`;
        return item;
      }
      case 'draft': {
        const { draft } = node;
        const item = new vscode.TreeItem(draft.label, vscode.TreeItemCollapsibleState.None);
        item.id = `draft:${draft.draftId}`;
        item.description = `${draft.channels.join(', ')} · ${draft.status} r${draft.revision}${draft.warningCount ? ` · ${draft.warningCount} warning(s)` : ''}`;
        item.tooltip = `${draft.draftId}\nupdated ${draft.updatedAt}`;
        item.iconPath = new vscode.ThemeIcon(draft.warningCount ? 'warning' : 'edit');
        item.contextValue = 'draft';
        item.command = { command: 'productos.openDraft', title: 'Edit Draft', arguments: [draft.draftId] };
        return item;
      }
      case 'publish': {
        const { run } = node;
        const item = new vscode.TreeItem(`${run.status.replace('_', ' ')}`, vscode.TreeItemCollapsibleState.None);
        item.id = `publish:${run.id}`;
        item.description = run.createdAt ?? '';
        item.iconPath = new vscode.ThemeIcon(run.status === 'succeeded' ? 'megaphone' : 'clock');
        item.command = { command: 'productos.openRun', title: 'Open Run', arguments: [run.id] };
        return item;
      }
    }
  }

  dispose(): void {
    this.changed.dispose();
  }
}
