import { ChatItem } from './conversation';

/** What the panel says before the first message: what it can do and prompts to start from. */
export interface WelcomeText {
  readonly title: string;
  readonly abilities: readonly string[];
  readonly examplePrompts: readonly string[];
  readonly hint: string;
}

export const WELCOME: WelcomeText = {
  title: 'Product OS runs the product loop with you: deploy, events, insight, campaign, publish, measure.',
  abilities: [
    'Deploy a service, check its status, tail its logs or roll it back.',
    'Read the funnel and the top drivers behind a step, and save what you learn as an insight.',
    'Draft posts per channel from an insight, edit them here, and publish once you approve.',
  ],
  examplePrompts: ['show the signup funnel', 'run the loop', 'why do users churn', 'write posts about the insight', 'status of the web service'],
  hint: 'Tools that change something wait for your approval; you decide on the card or in the Approvals view.',
};

/** The welcome shows while the session has nothing in it yet. */
export function showsWelcome(items: readonly ChatItem[]): boolean {
  return items.length === 0;
}
