/**
 * The bookmarklet from the settings page, on a page that does not embed Kith: it injects
 * the same script; sharing goes through Kith's relay window (Kith's own origin, the
 * session cookie), which asks the user to confirm; the overlay then shows the link.
 */
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openWindow, screenshot } from '../src/browser.js';
import { startKith, type KithServer } from '../src/harness.js';
import { hoverUntilSelection, startRegionPage, type RegionPage } from '../src/region-page.js';
import { signUp } from '../src/ui.js';

describe('bookmarklet and relay window', () => {
  let kith: KithServer;
  let site: RegionPage;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    kith = await startKith({ KITH_FETCH_ALLOW: '127.0.0.1/32' });
    site = await startRegionPage(); // no Kith script on it
    browser = await launchBrowser();
    page = await openWindow(browser, kith.url);
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await kith?.stop();
  });

  it('injects the script into any page and shares as the logged-in user after confirming in the relay', async () => {
    await signUp(page, { username: 'reed', displayName: 'Reed Warbler', password: 'correct horse reed', phone: '+1 415 555 0199' });
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('settings-region-sharing').waitFor();
    await screenshot(page, 'region-settings');
    const code = (await page.getByTestId('region-bookmarklet').getAttribute('href'))!;
    expect(code.startsWith('javascript:')).toBe(true);

    await page.goto(site.url);
    await page.evaluate(decodeURIComponent(code.slice('javascript:'.length)));
    await hoverUntilSelection(page, '#square');
    await page.getByTestId('krs-description').fill('From the bookmarklet');
    const [relay] = await Promise.all([page.context().waitForEvent('page'), page.getByTestId('krs-share').click()]);
    await relay.getByTestId('krs-relay-confirm').click();
    const link = page.getByTestId('krs-link');
    await link.waitFor();
    const id = (await link.getAttribute('href'))!.split('/').pop()!;

    const { share } = (await (await page.request.get(`${kith.url}/api/region-shares/${id}`)).json()) as {
      share: { rect: { x: number; y: number; width: number; height: number }; description: string; sourceImageUrl: string };
    };
    // 300×300 shown at natural size: the default box is the middle 60%.
    expect(share).toMatchObject({
      rect: { x: 60, y: 60, width: 180, height: 180 },
      description: 'From the bookmarklet',
      sourceImageUrl: `${site.url}/square.png`,
    });
    const crop = Buffer.from(await (await fetch(`${kith.url}/s/${id}/image.png`)).arrayBuffer());
    const expected = await sharp(site.images['square.png'])
      .extract({ left: 60, top: 60, width: 180, height: 180 })
      .removeAlpha()
      .raw()
      .toBuffer();
    expect((await sharp(crop).removeAlpha().raw().toBuffer()).equals(expected)).toBe(true);
  });
});
