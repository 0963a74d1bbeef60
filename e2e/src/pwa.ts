/**
 * The installed-app side of Kith in real Chromium: a persistent profile (an off-the-record context, which
 * Playwright's `browser.newContext()` is, reports `in-incognito` instead of installability, and keeps no
 * service worker across restarts), the service worker taking control, and Chromium's own installability
 * verdict over the DevTools protocol (`Page.getInstallabilityErrors`).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type ConsoleMessage, type Page } from 'playwright-core';
import { CHROMIUM, UI_WAIT_MS } from './browser.js';

export interface PwaWindow {
  context: BrowserContext;
  page: Page;
  /** Closes the browser and removes its profile. */
  close(): Promise<void>;
}

/** A phone-sized (360×740) window on a fresh persistent profile, service workers allowed. */
export async function openPwaWindow(baseURL: string, viewport = { width: 360, height: 740 }): Promise<PwaWindow> {
  const profile = await mkdtemp(path.join(os.tmpdir(), 'kith-pwa-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    baseURL,
    viewport,
    serviceWorkers: 'allow',
  });
  context.setDefaultTimeout(UI_WAIT_MS);
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (e) => console.error(`[pwa ${baseURL}] page error: ${e.message}`));
  return {
    context,
    page,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Waits until Kith's service worker is active and controls `page` (it claims open pages on activation).
 * The app registers it on every page load; when an install fails (a precache fetch failed on a busy
 * machine), the browser only tries again on the next load, so after `UI_WAIT_MS / 3` without an active
 * worker this reloads the page, up to twice. Throws with the registration's state and the page's console
 * warnings, never waits unbounded.
 */
export async function waitForServiceWorker(page: Page): Promise<void> {
  const warnings: string[] = [];
  const onConsole = (m: ConsoleMessage) => {
    if (m.type() === 'warning' || m.type() === 'error') warnings.push(m.text());
  };
  page.on('console', onConsole);
  try {
    for (let attempt = 1; ; attempt++) {
      const state = await page.evaluate(async (ms) => {
        const ready = navigator.serviceWorker.ready.then(() => 'ready');
        const late = new Promise<string>((resolve) => setTimeout(() => resolve('late'), ms));
        if ((await Promise.race([ready, late])) === 'ready') return 'ready';
        const reg = await navigator.serviceWorker.getRegistration('/');
        return reg ? `installing=${reg.installing?.state} waiting=${reg.waiting?.state} active=${reg.active?.state}` : 'no registration';
      }, UI_WAIT_MS / 3);
      if (state === 'ready') break;
      if (attempt === 3)
        throw new Error(
          `Kith's service worker is not active after ${attempt} loads (${state}); page said: ${warnings.join(' | ') || 'nothing'}`,
        );
      console.warn(`[pwa] service worker not active yet (${state}); reloading the page`);
      await page.reload();
    }
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: UI_WAIT_MS });
  } finally {
    page.off('console', onConsole);
  }
}

/** Chromium's reasons why `page`'s site cannot be installed as an app; `[]` when it can. */
export async function installabilityErrors(page: Page): Promise<Array<{ errorId: string }>> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as {
      installabilityErrors: Array<{ errorId: string }>;
    };
    return installabilityErrors;
  } finally {
    await cdp.detach();
  }
}
