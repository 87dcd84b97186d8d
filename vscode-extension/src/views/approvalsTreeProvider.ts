import * as vscode from 'vscode';
import { ApprovalInfo } from '../protocol/wireTypes';

/** The Approvals view: pending approvals, decided inline through approvals/decide. */
export class ApprovalsTreeProvider implements vscode.TreeDataProvider<ApprovalInfo> {
  private readonly changed = new vscode.EventEmitter<ApprovalInfo | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private approvals: ApprovalInfo[] = [];

  set(approvals: ApprovalInfo[]): void {
    this.approvals = approvals;
    this.changed.fire(undefined);
  }

  getChildren(element?: ApprovalInfo): ApprovalInfo[] {
    return element ? [] : this.approvals;
  }

  getTreeItem(approval: ApprovalInfo): vscode.TreeItem {
    const item = new vscode.TreeItem(approval.tool, vscode.TreeItemCollapsibleState.None);
    item.id = approval.id;
    item.description = (approval.reasons ?? []).join('; ');
    item.tooltip = `${approval.tool} (run ${approval.runId})\n${(approval.reasons ?? []).join('\n')}`;
    item.iconPath = new vscode.ThemeIcon('person');
    item.contextValue = approval.status === 'pending' ? 'approval.pending' : 'approval';
    return item;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
