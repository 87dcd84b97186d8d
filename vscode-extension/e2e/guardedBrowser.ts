import { BrowserContext, chromium } from 'playwright-core';
import { existsSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Debian's headless Chromium with a throwaway profile. Every request that is not for 127.0.0.1 is
 * aborted and remembered, so a test can fail on any attempt to leave the machine.
 */
export class GuardedBrowser {
  readonly blockedUrls: string[] = [];

  private constructor(readonly context: BrowserContext) {}

  static async launch(profileRoot: string): Promise<GuardedBrowser> {
    const executablePath = process.env['PRODUCTOS_E2E_CHROMIUM'] ?? '/usr/bin/chromium';
    if (!existsSync(executablePath)) {
      throw new Error(`${executablePath} is missing: apt-get install chromium (as .ci/run does), set PRODUCTOS_E2E_CHROMIUM, or build with -DskipE2e=true.`);
    }
    const context = await chromium.launchPersistentContext(mkdtempSync(join(profileRoot, 'chromium-')), {
      executablePath, headless: true,
      viewport: { width: 1400, height: 900 },
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync'],
    });
    const browser = new GuardedBrowser(context);
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (isLoopback(url)) return route.continue();
      browser.blockedUrls.push(url);
      return route.abort('blockedbyclient');
    });
    return browser;
  }

  close(): Promise<void> {
    return this.context.close();
  }
}

export function isLoopback(url: string): boolean {
  if (url.startsWith('data:') || url.startsWith('blob:')) return true;
  try {
    const parsed = new URL(url);
    return parsed.hostname === '127.0.0.1';
  } catch {
    return false;
  }
}
