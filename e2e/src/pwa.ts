/**
 * The installed-app side of Kith in real Chromium: a persistent profile (an off-the-record context, which
 * Playwright's `browser.newContext()` is, reports `in-incognito` instead of installability, and keeps no
 * service worker across restarts), the service worker taking control, and Chromium's own installability
 * verdict over the DevTools protocol (`Page.getInstallabilityErrors`).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
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

/** Waits until Kith's service worker is active and controls `page` (it claims open pages on activation). */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: UI_WAIT_MS });
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
