/**
 * Debian's Chromium driven by playwright-core (never a downloaded browser), plus
 * screenshots and waits that tests use instead of fixed sleeps.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { REPO_ROOT } from './harness.js';

export const CHROMIUM = '/usr/bin/chromium';
export const SCREENS_DIR = path.join(REPO_ROOT, '.tmp/screens');
/** Generous bound for UI waits: uploads, thumbnails and event detection run on a shared 2-core box. */
export const UI_WAIT_MS = 45_000;

/** @param extraArgs more Chromium switches, e.g. the fake camera ones for the webcam test. */
export async function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', ...extraArgs],
  });
}

/** A fresh window (own cookies, so its own user) on the Kith at `baseURL`. */
export async function openWindow(browser: Browser, baseURL: string): Promise<Page> {
  const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 860 } });
  context.setDefaultTimeout(UI_WAIT_MS);
  const page = await context.newPage();
  // Surface app crashes in the test output instead of a bare selector timeout.
  page.on('pageerror', (e) => console.error(`[browser ${baseURL}] page error: ${e.message}`));
  return page;
}

/** Saves `.tmp/screens/e2e-<name>.png` (full page). */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENS_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENS_DIR, `e2e-${name}.png`), fullPage: true });
}

/** Waits until `locator` matches exactly `n` elements, then asserts it (retrying, no sleeps). */
export async function expectCount(locator: Locator, n: number): Promise<void> {
  await expect.poll(() => locator.count(), { timeout: UI_WAIT_MS, interval: 250 }).toBe(n);
}

/** Waits until `locator`'s text contains `text`. */
export async function expectText(locator: Locator, text: string | RegExp): Promise<void> {
  await expect
    .poll(async () => ((await locator.count()) ? ((await locator.first().textContent()) ?? '') : ''), {
      timeout: UI_WAIT_MS,
      interval: 250,
    })
    .toMatch(typeof text === 'string' ? new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : text);
}

/** Every text of `locator`'s matches, sorted (for order-free assertions on names). */
export async function textsOf(locator: Locator): Promise<string[]> {
  return (await locator.allTextContents()).map((t) => t.trim()).sort();
}
