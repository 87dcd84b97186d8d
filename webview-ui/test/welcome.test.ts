import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Conversation } from '../src/conversation';
import { showsWelcome, WELCOME } from '../src/welcome';

describe('welcome text', () => {
  it('shows while the session is empty and goes once the user has sent something', () => {
    const chat = new Conversation();
    assert.equal(showsWelcome(chat.items), true);
    chat.userSent('show the signup funnel', 's-1');
    assert.equal(showsWelcome(chat.items), false);
  });

  it('does not come back for a notice either: the session is no longer empty', () => {
    const chat = new Conversation();
    chat.notice('The backend restarted.', 'info');
    assert.equal(showsWelcome(chat.items), false);
  });

  it('says what the panel can do and offers the loop prompts', () => {
    assert.ok(WELCOME.abilities.length >= 3);
    assert.ok(WELCOME.examplePrompts.includes('show the signup funnel'));
    assert.ok(WELCOME.examplePrompts.includes('run the loop'));
    assert.match(WELCOME.hint, /approval/);
    for (const prompt of WELCOME.examplePrompts) assert.ok(prompt.trim().length > 0 && prompt.length <= 60, prompt);
  });
});
