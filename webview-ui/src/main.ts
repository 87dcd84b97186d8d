import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-collapsible/index.js';
import '@vscode-elements/elements/dist/vscode-textarea/index.js';
import { WebviewMessage } from '../../vscode-extension/src/webviewProtocol/chatMessages';
import { ChatPanel } from './chatPanel';

declare function acquireVsCodeApi(): { postMessage(message: WebviewMessage): void };

const vscode = acquireVsCodeApi();
const root = document.getElementById('chat');
if (root) {
  const panel = new ChatPanel(root, (message) => vscode.postMessage(message));
  window.addEventListener('message', (event: MessageEvent<unknown>) => panel.receive(event.data));
  vscode.postMessage({ type: 'ready' });
}
