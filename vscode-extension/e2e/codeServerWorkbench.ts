import { Locator, Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** The workbench of code-server as a person drives it: command palette, views, notifications. */
export class CodeServerWorkbench {
  private step = 0;

  constructor(readonly page: Page, private readonly screenshotDir: string) {
    mkdirSync(screenshotDir, { recursive: true });
  }

  async open(baseUrl: string, folder: string): Promise<void> {
    await this.page.goto(`${baseUrl}/?folder=${encodeURIComponent(folder)}`, { waitUntil: 'domcontentloaded', timeout: 120_000 });
    await this.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  }

  /** F1, the command's title, Enter: the way a person runs a palette command. */
  async runCommand(title: string): Promise<void> {
    await this.page.locator('.monaco-workbench').click({ position: { x: 700, y: 400 } }).catch(() => undefined);
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(`>${title}`);
    await this.page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
    await input.press('Enter');
  }

  /** Types into the open quick input (an input box or a pick) and accepts it. */
  async answerQuickInput(text: string): Promise<void> {
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(text);
    await input.press('Enter');
  }

  statusBarItem(text: string): Locator {
    return this.page.locator('.statusbar-item', { hasText: text });
  }

  notification(text: string): Locator {
    return this.page.locator('.notification-toast', { hasText: text });
  }

  async openContainer(title: string): Promise<void> {
    const tab = this.page.locator(`.activitybar a[aria-label^="${title}"]`);
    const item = this.page.locator('.activitybar .action-item', { has: this.page.locator(`a[aria-label^="${title}"]`) });
    if ((await item.getAttribute('class'))?.includes('checked')) return;
    await tab.click();
  }

  treeRows(containerId: string, text: string): Locator {
    return this.page.locator(`[id="workbench.view.extension.${containerId}"] .monaco-list-row`, { hasText: text });
  }

  async screenshot(name: string): Promise<void> {
    this.step += 1;
    await this.page.screenshot({ path: join(this.screenshotDir, `${String(this.step).padStart(2, '0')}-${name}.png`) });
  }
}
