import { checkHostMessage, HostMessage, WebviewMessage } from '../../vscode-extension/src/webviewProtocol/chatMessages';
import { CardActions, renderItem } from './cards';
import { ChatItem, Conversation } from './conversation';
import { button, el } from './dom';
import { showsWelcome, WELCOME } from './welcome';

/**
 * The panel: the conversation, the model in use and the message box. Items are re-drawn only when
 * they change, so a draft being edited keeps its text and focus while other events arrive.
 */
export class ChatPanel {
  private readonly conversation = new Conversation();
  private readonly drawn = new Map<ChatItem, { signature: string; element: HTMLElement }>();
  private readonly list = el('div', 'conversation');
  private readonly modelLine = el('div', 'model', 'Model: asking the backend...');
  private readonly prompt = el('vscode-textarea') as HTMLElement & { value: string };
  private readonly cancel: HTMLElement;
  private readonly welcome: HTMLElement;
  private readonly actions: CardActions;
  /** Set once the extension answered anything: the model line stops saying it is still asking. */
  private heardBack = false;

  constructor(root: HTMLElement, private readonly post: (message: WebviewMessage) => void) {
    this.actions = {
      decide: (approvalId, decision) => { this.conversation.deciding(approvalId); this.draw(); post({ type: 'decide', approvalId, decision }); },
      saveDraft: (draftId, channel, index, text, revision) => post({ type: 'saveDraft', draftId, channel, index, text, ...(revision === undefined ? {} : { revision }) }),
    };
    this.prompt.setAttribute('placeholder', 'Ask Product OS (Ctrl+Enter sends)');
    this.prompt.setAttribute('rows', '3');
    this.prompt.addEventListener('keydown', (event: KeyboardEvent) => { if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) this.send(); });
    this.cancel = button('Cancel', () => post({ type: 'cancel' }), true);
    const composer = el('div', 'composer');
    const row = el('div', 'actions');
    row.append(button('Send', () => this.send()), this.cancel);
    composer.append(this.prompt, row);
    this.welcome = this.welcomeElement();
    root.append(this.modelLine, this.list, composer);
    this.draw();
  }

  /** Everything from the extension goes through the checker first; a bad message is shown, not used. */
  receive(data: unknown): void {
    const checked = checkHostMessage(data);
    if (!checked.ok) { this.conversation.notice(`Ignored a malformed message from the extension: ${checked.problem}.`, 'error'); this.draw(); return; }
    this.heardBack = true;
    this.handle(checked.value);
    this.draw();
  }

  private handle(message: HostMessage): void {
    switch (message.type) {
      case 'model': this.conversation.model = message.model; break;
      case 'sent': this.conversation.userSent(message.text, message.sessionId); break;
      case 'event': this.conversation.apply(message.event); break;
      case 'run': this.conversation.runChanged(message.runId, message.status, new Date().toISOString(), message.output, message.errorMessage); break;
      case 'approvalDecided': this.conversation.approvalDecided(message.approvalId, message.runStatus); break;
      case 'showRun': this.conversation.showRun(message.runId, message.tool, message.status, message.output); break;
      case 'decisionFailed': this.conversation.approvalFailed(message.approvalId); break;
      case 'draftSaved': this.conversation.draftSaved(message.draftId, message.output); break;
      case 'problem': this.conversation.notice(message.message, 'error'); this.conversation.turnRunning = false; break;
    }
  }

  private send(): void {
    const text = this.prompt.value.trim();
    if (text.length === 0) return;
    this.post({ type: 'send', text });
    this.prompt.value = '';
  }

  /** An example prompt fills the message box, so it can be read and changed before it is sent. */
  private welcomeElement(): HTMLElement {
    const box = el('div', 'welcome');
    const abilities = el('ul');
    for (const line of WELCOME.abilities) abilities.append(el('li', undefined, line));
    const examples = el('div', 'examples');
    for (const prompt of WELCOME.examplePrompts) {
      examples.append(button(prompt, () => { this.prompt.value = prompt; this.prompt.focus(); }, true));
    }
    box.append(el('p', 'welcome-title', WELCOME.title), abilities, el('p', 'hint', 'Try:'), examples, el('p', 'hint', WELCOME.hint));
    return box;
  }

  private draw(): void {
    const model = this.conversation.model;
    this.modelLine.textContent = model ? `Model: ${model.name} (${model.provider})` : this.heardBack ? 'Model: not known yet' : 'Model: asking the backend...';
    this.cancel.toggleAttribute('disabled', !this.conversation.turnRunning);
    const elements: HTMLElement[] = [];
    for (const item of this.conversation.items) {
      const signature = JSON.stringify(item);
      let entry = this.drawn.get(item);
      if (!entry || entry.signature !== signature) {
        entry = { signature, element: renderItem(item, this.actions) };
        this.drawn.set(item, entry);
      }
      elements.push(entry.element);
    }
    if (showsWelcome(this.conversation.items)) elements.push(this.welcome);
    const atBottom = this.list.scrollTop + this.list.clientHeight >= this.list.scrollHeight - 8;
    this.list.replaceChildren(...elements);
    if (atBottom) this.list.scrollTop = this.list.scrollHeight;
  }
}
