import * as vscode from 'vscode';
import { ToolInfo } from '../protocol/wireTypes';

/** The Tools view: the registry, with a Run button per tool. */
export class ToolsTreeProvider implements vscode.TreeDataProvider<ToolInfo> {
  private readonly changed = new vscode.EventEmitter<ToolInfo | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private tools: ToolInfo[] = [];

  set(tools: ToolInfo[]): void {
    this.tools = tools;
    this.changed.fire(undefined);
  }

  getChildren(element?: ToolInfo): ToolInfo[] {
    return element ? [] : this.tools;
  }

  getTreeItem(tool: ToolInfo): vscode.TreeItem {
    const item = new vscode.TreeItem(tool.name, vscode.TreeItemCollapsibleState.None);
    item.description = `${tool.risk} risk`;
    item.tooltip = tool.description;
    item.iconPath = new vscode.ThemeIcon('tools');
    item.contextValue = 'tool';
    return item;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
