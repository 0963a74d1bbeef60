/**
 * The pages strangers open on a Kith, logged out, in real Chromium: the public share page `/s/{id}` (always a page,
 * every link on it opens for them) and the API docs `/api/docs` (Kith's own branding, no CSP violation).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openWindow, screenshot } from '../src/browser.js';
import { sentRegionShare } from '../../server/test/helpers/region-fixtures.js';
import { startKith, type KithServer } from '../src/harness.js';

/** Every Content-Security-Policy violation a page reports (the DOM's securitypolicyviolation event), and its console errors. */
async function watchViolations(page: Page): Promise<{ violations: () => Promise<string[]>; console: string[] }> {
  const console: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') console.push(m.text());
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      w.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`),
    );
  });
  return { violations: () => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp), console };
}

describe('public pages for a logged-out visitor', () => {
  let kith: KithServer;
  let browser: Browser;
  let shareUrl: string;

  beforeAll(async () => {
    kith = await startKith();
    const signup = await fetch(`${kith.url}/api/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'marsh', password: 'password123', displayName: 'Marsh Walker' }),
    });
    const cookie = signup.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    // A region shared from a photo in one of marsh's albums, as the overlay in the web app sends it.
    const res = await fetch(`${kith.url}/api/region-shares`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, origin: kith.url },
      body: JSON.stringify(
        await sentRegionShare(
          `${kith.url}/albums/0b9f7c1e-2f57-4c39-9d0e-0e0e0e0e0e0e`,
          `${kith.url}/api/assets/0b9f7c1e-2f57-4c39-9d0e-0e0e0e0e0e0e/original`,
          { description: 'The green bit' },
        ),
      ),
    });
    expect(res.status, await res.clone().text()).toBe(201);
    shareUrl = ((await res.json()) as { share: { url: string } }).share.url;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await kith?.stop();
  });

  it('shows the share as a page whose every link opens for a stranger, and a missing share as a 404 page', async () => {
    const page = await openWindow(browser, kith.url);
    const response = await page.goto(shareUrl);
    expect([response!.status(), await page.evaluate(() => document.contentType)]).toEqual([200, 'text/html']);
    await page.getByText('The green bit').waitFor();
    expect(await page.locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(32);
    await screenshot(page, 'share-page-logged-out');
    const links = await page.locator('a[href]').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    for (const href of links) {
      const opened = await (await browser.newContext()).newPage();
      const r = await opened.goto(href);
      expect([href, r?.status(), await opened.evaluate(() => document.contentType)]).toEqual([href, 200, 'text/html']);
      await opened.context().close();
    }
    expect(await page.locator('main').innerText()).toContain('region of a photo in that album');

    for (const id of ['AAAAAAAAAAAAAAAA', 'not-a-share']) {
      const missing = await page.goto(`${kith.url}/s/${id}`);
      expect([id, missing!.status(), await page.evaluate(() => document.contentType)]).toEqual([id, 404, 'text/html']);
      await page.getByRole('heading', { name: 'This share is not here' }).waitFor();
    }
    await screenshot(page, 'share-page-missing');
    await page.context().close();
  });

  it("shows the API docs with Kith's title and mark and no Content-Security-Policy violation", async () => {
    const page = await openWindow(browser, kith.url);
    const watch = await watchViolations(page);
    await page.goto(`${kith.url}/api/docs`);
    await page.locator('.swagger-ui .info .title', { hasText: 'Kith API' }).waitFor();
    // Open an operation: its parameters and responses render too.
    await page.locator('.opblock-summary', { hasText: '/api/health' }).first().click();
    await page.locator('.opblock-body').first().waitFor();
    // The top bar's mark is Kith's (its blue square), not Swagger's or Fastify's logo.
    const logo = await page.locator('.topbar a.link img').first().getAttribute('src');
    expect(Buffer.from(logo!.replace(/^data:image\/svg\+xml;base64,/, ''), 'base64').toString()).toContain('#4255d4');
    expect(await page.title()).toBe('Kith API');
    await screenshot(page, 'api-docs');
    expect(await watch.violations()).toEqual([]);
    expect(watch.console.filter((m) => /Content Security Policy/i.test(m))).toEqual([]);
    await page.context().close();
  });
});
