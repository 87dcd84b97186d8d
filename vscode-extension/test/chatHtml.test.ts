import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chatPageHtml } from '../src/views/chatHtml';

describe('chatPageHtml', () => {
  const html = chatPageHtml({ cspSource: 'https://file+.vscode-resource.example', scriptUri: 'https://file+.vscode-resource.example/chat.js',
    styleUri: 'https://file+.vscode-resource.example/chat.css', nonce: 'bm9uY2U=' });
  const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';

  it('allows nothing by default and scripts only with the page\'s nonce', () => {
    assert.match(csp, /^default-src 'none'; /);
    assert.match(csp, /script-src 'nonce-bm9uY2U='(;|$)/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/);
  });

  it('loads one script and one stylesheet, both from the extension, both with the nonce', () => {
    assert.deepEqual([...html.matchAll(/<script[^>]*>/g)].map((m) => m[0]), ['<script nonce="bm9uY2U=" src="https://file+.vscode-resource.example/chat.js">']);
    assert.match(html, /<link rel="stylesheet" href="https:\/\/file\+\.vscode-resource\.example\/chat\.css" nonce="bm9uY2U=">/);
    assert.doesNotMatch(html, /<style|style="/);
  });
});
