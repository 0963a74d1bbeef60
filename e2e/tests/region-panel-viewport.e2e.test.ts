/**
 * The region-share overlay on a laptop screen (1280×800): whatever part of the viewport the image sits in,
 * the share panel, its Share button included, opens inside the viewport (below the image when there is
 * room, above it otherwise, else over it), so nobody has to scroll to find the button.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, UI_WAIT_MS } from '../src/browser.js';
import { startKith, type KithServer } from '../src/harness.js';
import { apiSignup } from '../src/now-playing-api.js';
import { startRegionPage, type RegionPage } from '../src/region-page.js';

const VIEWPORT = { width: 1280, height: 800 };

describe('region-share panel in the viewport', () => {
  let kith: KithServer;
  let site: RegionPage;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    kith = await startKith();
    const marsh = await apiSignup(kith.url, 'marsh');
    site = await startRegionPage();
    const res = await fetch(`${kith.url}/api/site-keys`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: marsh.cookie },
      body: JSON.stringify({ name: 'marsh blog', origins: [site.url], targets: ['kith'] }),
    });
    const key = ((await res.json()) as { siteKey: { key: string } }).siteKey.key;
    site.setScript(
      `<script src="${kith.url}/embed/region-share.js" data-kith="${kith.url}" data-site-key="${key}" data-min-size="200" data-targets="kith"></script>`,
    );
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: VIEWPORT });
    context.setDefaultTimeout(UI_WAIT_MS);
    page = await context.newPage();
    await page.goto(site.url);
    // The article goes on below its pictures: the page is taller than the viewport under every image.
    await page.evaluate(() => {
      const more = document.createElement('p');
      more.style.height = '1600px';
      more.textContent = 'More field notes…';
      document.body.append(more);
    });
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await kith?.stop();
  });

  // Where the 400×400 image's top edge is in the viewport: high up (room below), low (only room above).
  for (const imageTop of [100, 380]) {
    it(`keeps the Share button on screen with the image's top at ${imageTop} px`, async () => {
      const img = page.locator('#contain');
      await img.evaluate((el, top) => window.scrollBy(0, el.getBoundingClientRect().top - top), imageTop);
      expect(Math.round((await img.boundingBox())!.y)).toBe(imageTop);
      await page.locator('#contain + kith-region-share-button').getByTestId('krs-open').focus();
      await page.keyboard.press('Enter');
      const share = page.getByTestId('krs-share');
      await page.getByTestId('krs-target-kith').waitFor();
      const b = (await share.boundingBox())!;
      expect(b.y).toBeGreaterThanOrEqual(0);
      expect(b.y + b.height).toBeLessThanOrEqual(VIEWPORT.height);
      expect(b.x).toBeGreaterThanOrEqual(0);
      expect(b.x + b.width).toBeLessThanOrEqual(VIEWPORT.width);
      await page.keyboard.press('Escape');
      await page.locator('kith-region-share').waitFor({ state: 'detached' });
    });
  }
});
