/**
 * Settings → Region sharing, driven in Chromium: a site key made in the form works on the
 * origin it names (its snippet, pasted into a third-party page, lets an anonymous visitor
 * share into the owner's library), and linking Mastodon checks the token against the
 * instance (a local stand-in that speaks Mastodon's documented API: a real one cannot run here).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeMastodon, type FakeMastodon } from '../../server/test/helpers/fake-mastodon.js';
import { expectCount, expectText, launchBrowser, openWindow, screenshot, UI_WAIT_MS } from '../src/browser.js';
import { startKith, type KithServer } from '../src/harness.js';
import { hoverUntilSelection, startRegionPage, type RegionPage } from '../src/region-page.js';
import { signUp } from '../src/ui.js';

const TOKEN = 'mastodon-token-of-wren';

describe('region sharing settings', () => {
  let kith: KithServer;
  let site: RegionPage;
  let mastodon: FakeMastodon;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    kith = await startKith({ KITH_FETCH_ALLOW: '127.0.0.1/32' });
    site = await startRegionPage();
    mastodon = await startFakeMastodon(TOKEN);
    browser = await launchBrowser();
    page = await openWindow(browser, kith.url);
  });
  afterAll(async () => {
    await browser?.close();
    await mastodon?.close();
    await site?.close();
    await kith?.stop();
  });

  it('creates a site key whose snippet lets an anonymous visitor of that origin share into my library, and deletes it', async () => {
    await signUp(page, { username: 'wren', displayName: 'Wren Marsh', password: 'correct horse wren', phone: '+1 415 555 0142' });
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('settings-region-sharing').waitFor();
    await page.getByTestId('site-key-name').fill('marsh blog');
    await page.getByTestId('site-key-origins').fill(site.url);
    await page.getByTestId('site-key-create').click();
    await expectCount(page.getByTestId('site-key-row'), 1);
    await expectText(page.getByTestId('site-key-row'), site.url);
    const snippet = (await page.getByTestId('site-key-snippet').textContent())!;
    expect(snippet).toContain(`src="${kith.url}/embed/region-share.js"`);
    expect(snippet).toMatch(/data-site-key="ks_[A-Za-z0-9_-]+"/);
    // The Copy button, found by its accessible name, puts the very snippet on the clipboard and says so.
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: kith.url });
    await page.getByRole('button', { name: 'Copy the embed tag for marsh blog' }).click();
    await expectText(page.getByTestId('site-key-copy'), 'Copied');
    await expectText(page.getByRole('status').filter({ hasText: 'Copied to the clipboard' }), 'Copied to the clipboard');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(snippet);
    await screenshot(page, 'region-settings-site-key');

    // The snippet as the site owner pastes it; a visitor with no Kith session.
    site.setScript(snippet);
    const visitor = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    visitor.setDefaultTimeout(UI_WAIT_MS);
    const anon = await visitor.newPage();
    await anon.goto(site.url);
    await hoverUntilSelection(anon, '#square');
    await anon.getByTestId('krs-description').fill('Shared by a visitor');
    await anon.getByTestId('krs-target-kith').click();
    await anon.getByTestId('krs-share').click();
    const id = (await anon.getByTestId('krs-link').getAttribute('href'))!.split('/').pop()!;
    await visitor.close();

    // It is the key owner's share (only the owner can read it through the API).
    const mine = await page.request.get(`${kith.url}/api/region-shares/${id}`);
    expect(mine.status()).toBe(200);
    expect(((await mine.json()) as { share: { description: string; pageUrl: string } }).share).toMatchObject({
      description: 'Shared by a visitor',
      pageUrl: `${site.url}/`,
    });

    await page.getByTestId('site-key-delete').click();
    await expectCount(page.getByTestId('site-key-row'), 0);
    const keys = (await (await page.request.get(`${kith.url}/api/site-keys`)).json()) as { siteKeys: unknown[] };
    expect(keys.siteKeys).toEqual([]);
  });

  it('links a Mastodon account after the instance accepts the token', async () => {
    await page.getByTestId('mastodon-instance').fill(mastodon.url);
    await page.getByTestId('mastodon-token').fill('not-the-token');
    await page.getByTestId('mastodon-link').click();
    await expectText(page.getByTestId('settings-region-sharing').locator('.form-error'), /token|401|refused|invalid/i);
    await expectCount(page.getByTestId('mastodon-linked'), 0);

    await page.getByTestId('mastodon-token').fill(TOKEN);
    await page.getByTestId('mastodon-link').click();
    await expectText(page.getByTestId('mastodon-linked'), '@alice');
    expect(mastodon.log.filter((l) => l.startsWith('GET /api/v1/accounts/verify_credentials'))).toEqual([
      'GET /api/v1/accounts/verify_credentials 401',
      'GET /api/v1/accounts/verify_credentials 200',
    ]);
    await screenshot(page, 'region-settings-mastodon');
  });
});
