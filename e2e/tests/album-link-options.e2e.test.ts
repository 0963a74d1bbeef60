/**
 * The options of a public album link end to end, on a phone (360 px, touch) and a desktop (1280 px), beside
 * album-links.e2e.test.ts (password, upload, revoke): alice creates a link with "Allow downloading originals" off and an
 * expiry date chosen in the Share dialog, and the listing shows both; a logged-out visitor sees the photos but no
 * Download, and the original answers 403 `download_not_allowed`. A link whose expiry has passed (made over the API with
 * an expiry a moment ahead, then waited on until the API lists it as expired) shows the 410 page ("It has expired"), and
 * Settings → Shared links marks it expired (docs/features/library-and-albums.md, "Sharing an album").
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, assert, beforeAll, describe, expect, it } from 'vitest';
import { expectCount, expectText, launchBrowser, screenshot, UI_WAIT_MS } from '../src/browser.js';
import { openAs } from '../src/app-fixture.js';
import { deviceOf, PHONE_AND_DESKTOP, uploadPhoto } from '../src/album-fixture.js';
import { startKith, type KithServer } from '../src/harness.js';
import { api, apiSignup, type ApiUser } from '../src/now-playing-api.js';

interface Link {
  id: string;
  key: string;
  url: string;
  state: string;
  allowDownload: boolean;
  expiresAt: string | null;
}

/** `YYYY-MM-DD` of the day `days` from now, as a date input takes it. */
function dayFromNow(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

describe('public album link options in the browser', () => {
  let kith: KithServer;
  let browser: Browser;
  let alice: ApiUser;
  const photos: string[] = [];

  beforeAll(async () => {
    kith = await startKith();
    browser = await launchBrowser();
    alice = await apiSignup(kith.url, 'alice', 'Alice Martin');
    for (const n of [1, 2]) photos.push(await uploadPhoto(kith.url, alice, n));
  });
  afterAll(async () => {
    await browser?.close();
    await kith?.stop();
  });

  describe.each(PHONE_AND_DESKTOP)('at $width px', (size) => {
    const { width } = size;
    const device = deviceOf(size);
    const name = `Harbour walk ${width}`;
    let owner: Page, stranger: Page;
    let albumId: string;
    let link: Link;
    const links = async (): Promise<Link[]> => (await api(kith.url, alice, 'GET', `/api/albums/${albumId}/links`)).links;

    beforeAll(async () => {
      ({
        album: { id: albumId },
      } = await api(kith.url, alice, 'POST', '/api/albums', { name, assetIds: photos }));
      owner = await openAs(browser, { kith }, alice, device);
      const context = await browser.newContext({ baseURL: kith.url, ...device });
      context.setDefaultTimeout(UI_WAIT_MS);
      stranger = await context.newPage();
      stranger.on('pageerror', (e) => console.error(`[stranger] page error: ${e.message}`));
    });
    afterAll(async () => {
      await owner?.context().close();
      await stranger?.context().close();
    });

    it('the owner creates a link without downloads and with an expiry date; the listing shows both', async () => {
      const day = dayFromNow(30);
      await owner.goto(`/albums/${albumId}`);
      await owner.getByTestId('album-share').click();
      await owner.getByTestId('share-dialog').waitFor();
      await owner.getByTestId('share-link-download').uncheck();
      await owner.getByTestId('share-link-expiry').fill(day);
      await owner.getByTestId('share-link-submit').click();
      const row = owner.getByTestId('share-link');
      await expectCount(row, 1);
      // The dialog sends the end of the chosen day in the browser's time zone and shows it in the browser's format.
      const until = await owner.evaluate((d) => new Date(`${d}T23:59:59`).toLocaleDateString(), day);
      await expectText(row, `no download`);
      await expectText(row, `until ${until}`);
      await screenshot(owner, `album-link-options-${width}-01-listing`);

      const [listed] = await links();
      assert(listed, 'the new link is listed');
      link = listed;
      expect(link).toMatchObject({ state: 'active', allowDownload: false });
      expect(Date.parse(link.expiresAt!)).toBe(await owner.evaluate((d) => new Date(`${d}T23:59:59`).getTime(), day));
    });

    it('a logged-out visitor sees the photos but no Download, and the original answers 403', async () => {
      await stranger.goto(new URL(link.url).pathname);
      await expectText(stranger.getByTestId('public-album-title'), name);
      await expectCount(stranger.getByTestId('public-tile'), 2);
      await stranger.getByTestId('public-tile').first().getByRole('button').click();
      await stranger.getByTestId('public-viewer').waitFor();
      await stranger.waitForFunction(
        () => (document.querySelector('[data-testid=public-viewer-image]') as HTMLImageElement)?.naturalWidth > 0,
      );
      expect(await stranger.getByTestId('public-download').count()).toBe(0);
      await screenshot(stranger, `album-link-options-${width}-02-no-download`);

      const original = await stranger.request.get(`/api/l/${link.key}/assets/${photos[0]}/original`);
      expect(original.status()).toBe(403);
      expect((await original.json()).code).toBe('download_not_allowed');
      const preview = await stranger.request.get(`/api/l/${link.key}/assets/${photos[0]}/preview`);
      expect(preview.status()).toBe(200);
    });

    it('an expired link shows the 410 page, and Settings marks it expired', async () => {
      const { link: short } = (await api(kith.url, alice, 'POST', `/api/albums/${albumId}/links`, {
        expiresAt: new Date(Date.now() + 1500).toISOString(),
      })) as { link: Link };
      await expect
        .poll(async () => (await links()).find((l) => l.id === short.id)?.state, { timeout: UI_WAIT_MS, interval: 250 })
        .toBe('expired');

      const res = await stranger.goto(new URL(short.url).pathname);
      expect(res?.status()).toBe(410);
      await expectText(stranger.getByTestId('link-gone'), 'It has expired');
      await screenshot(stranger, `album-link-options-${width}-03-expired`);

      await owner.goto('/settings');
      const rows = owner.getByTestId('shared-link-row').filter({ hasText: name });
      await expectCount(rows, 2);
      await expectCount(owner.locator('[data-testid="shared-link-row"][data-state="expired"]').filter({ hasText: name }), 1);
      await expectCount(owner.locator('[data-testid="shared-link-row"][data-state="active"]').filter({ hasText: name }), 1);
      await screenshot(owner, `album-link-options-${width}-04-settings`);
    });
  });
});
