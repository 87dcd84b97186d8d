import { ApprovalCard, ChatItem, RunCard, runDurationMillis } from './conversation';
import { button, el } from './dom';
import { counterFor, Draft, draftFor } from './draftPosts';
import { chartFor, InsightChart } from './insightBars';

export interface CardActions {
  decide(approvalId: string, decision: 'approve' | 'deny'): void;
  saveDraft(draftId: string, channel: string, index: number, text: string, revision: number | undefined): void;
}

/** One conversation item as an element; each card reads only its item. */
export function renderItem(item: ChatItem, actions: CardActions): HTMLElement {
  switch (item.kind) {
    case 'user': return el('div', 'message user', item.text);
    case 'assistant': return el('div', 'message assistant', item.text);
    case 'notice': return el('div', `notice ${item.tone}`, item.text);
    case 'run': return runCard(item, actions);
    case 'approval': return approvalCard(item, actions);
  }
}

function runCard(card: RunCard, actions: CardActions): HTMLElement {
  const root = el('div', `card run status-${card.status}`);
  root.dataset['tool'] = card.tool;
  const head = el('div', 'card-head');
  head.append(el('span', 'tool', card.tool), el('vscode-badge', 'status', card.status.replace('_', ' ')));
  const millis = runDurationMillis(card);
  if (millis !== undefined) head.append(el('span', 'duration', `${millis} ms`));
  root.append(head);
  if (card.errorMessage) root.append(el('div', 'notice error', card.errorMessage));
  const chart = chartFor(card.tool, card.output);
  if (chart) root.append(chartElement(chart));
  const draft = draftFor(card.tool, card.output);
  if (draft) root.append(draftElement(draft, actions));
  if (card.input) root.append(details('Input', card.input));
  if (card.output && !chart && !draft) root.append(details('Output', card.output));
  else if (card.output) root.append(details('Raw output', card.output));
  return root;
}

function details(title: string, value: unknown): HTMLElement {
  const section = el('vscode-collapsible');
  section.setAttribute('title', title);
  section.append(el('pre', 'json', JSON.stringify(value, null, 2)));
  return section;
}

function approvalCard(card: ApprovalCard, actions: CardActions): HTMLElement {
  const root = el('div', `card approval state-${card.state}`);
  root.dataset['approvalId'] = card.approvalId;
  root.append(el('div', 'card-head', `${card.tool} waits for your approval`), el('div', 'reason', card.reason));
  if (card.state === 'pending') {
    const row = el('div', 'actions');
    row.append(button('Approve', () => actions.decide(card.approvalId, 'approve')), button('Deny', () => actions.decide(card.approvalId, 'deny'), true));
    root.append(row);
  } else if (card.state === 'deciding') {
    root.append(el('div', 'decision', 'Sending your decision...'));
  } else {
    root.append(el('div', 'decision', `Decided: the run is ${card.runStatus?.replace('_', ' ') ?? 'updated'}.`));
  }
  return root;
}

function chartElement(chart: InsightChart): HTMLElement {
  const root = el('div', 'chart');
  root.append(el('div', 'chart-title', chart.title));
  for (const bar of chart.bars) {
    const row = el('div', 'bar-row');
    const track = el('div', 'bar-track');
    const fill = el('div', 'bar-fill');
    // CSSOM, not a style attribute: the panel's CSP allows no inline styles.
    fill.style.width = `${Math.round(bar.fraction * 100)}%`;
    track.append(fill);
    row.append(el('span', 'bar-label', bar.label), track, el('span', 'bar-note', bar.note));
    root.append(row);
  }
  return root;
}

function draftElement(draft: Draft, actions: CardActions): HTMLElement {
  const root = el('div', 'draft');
  for (const warning of draft.warnings) root.append(el('div', 'notice warning', warning));
  for (const post of draft.posts) {
    const editor = el('div', 'post');
    editor.dataset['channel'] = post.channel;
    editor.append(el('div', 'channel', `${post.channel} #${post.index + 1}`));
    const area = el('vscode-textarea') as HTMLElement & { value: string };
    area.setAttribute('rows', '4');
    area.value = post.text;
    const counter = el('div', 'counter');
    const save = draft.draftId ? button('Save', () => actions.saveDraft(draft.draftId!, post.channel, post.index, area.value, draft.revision), true) : undefined;
    const update = (): void => {
      const count = counterFor(post.channel, area.value);
      counter.textContent = count?.label ?? `${area.value.length} characters`;
      counter.classList.toggle('over', count?.over ?? false);
    };
    area.addEventListener('input', update);
    update();
    editor.append(area, counter);
    if (save) editor.append(save);
    root.append(editor);
  }
  if (!draft.draftId) root.append(el('div', 'hint', 'These posts are not saved as a draft yet; ask for a draft to edit and save them.'));
  return root;
}
