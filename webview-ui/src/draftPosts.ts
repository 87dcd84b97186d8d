import rules from '../../registry/channel-rules.json';
import { countLength, LengthCounting, withinByteBound } from '../../vscode-extension/src/webviewProtocol/channelLength';
import { isRecord } from '../../vscode-extension/src/webviewProtocol/supervisorEvent';

export interface ChannelRule { readonly channel: string; readonly text_limit: number; readonly title_limit: number; readonly counting: LengthCounting }

const RULES = new Map((rules.channels as ChannelRule[]).map((rule) => [rule.channel, rule]));

export interface DraftPost { readonly channel: string; readonly index: number; readonly text: string }
export interface Draft { readonly draftId?: string; readonly revision?: number; readonly posts: readonly DraftPost[]; readonly warnings: readonly string[] }

/** The tools whose output is a set of posts per channel, drawn as editable drafts. */
const DRAFT_TOOLS = new Set(['marketing.generate_channel_posts', 'marketing.get_draft', 'marketing.edit_draft']);

export function draftFor(tool: string, output: Record<string, unknown> | undefined): Draft | undefined {
  if (!output || !DRAFT_TOOLS.has(tool) || !Array.isArray(output['channels'])) return undefined;
  const posts: DraftPost[] = [];
  for (const entry of output['channels'].filter(isRecord)) {
    const channel = entry['channel'];
    if (typeof channel !== 'string' || !Array.isArray(entry['posts'])) continue;
    entry['posts'].filter(isRecord).forEach((post, index) => {
      if (typeof post['text'] === 'string') posts.push({ channel, index, text: post['text'] });
    });
  }
  const warnings = Array.isArray(output['warnings']) ? output['warnings'].filter((w): w is string => typeof w === 'string') : [];
  return {
    draftId: typeof output['draft_id'] === 'string' ? output['draft_id'] : undefined,
    revision: typeof output['revision'] === 'number' ? output['revision'] : undefined,
    posts, warnings,
  };
}

export interface Counter { readonly used: number; readonly limit: number; readonly over: boolean; readonly label: string }

/** The live counter under a post, counted as the backend counts for that channel. */
export function counterFor(channel: string, text: string): Counter | undefined {
  const rule = RULES.get(channel);
  if (!rule) return undefined;
  const used = countLength(text, rule.counting);
  const bytesOk = withinByteBound(text, rule.counting);
  const over = used > rule.text_limit || !bytesOk;
  const label = !bytesOk ? `${used} / ${rule.text_limit}: over ${channel}'s 3000-byte bound`
    : over ? `${used} / ${rule.text_limit}: ${used - rule.text_limit} over ${channel}'s limit` : `${used} / ${rule.text_limit}`;
  return { used, limit: rule.text_limit, over, label };
}
