/**
 * Public album links end to end, on a phone (360 px) and a desktop (1280 px): alice shares an album by a link with a
 * password that accepts uploads; a stranger's logged-out browser opens it, enters the password, sees the photos, opens
 * one, and adds one under her name; alice sees it credited to that name; alice revokes the link in Settings and the
 * stranger's page then says the link no longer works (HTTP 410).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partyPhoto } from '../../server/test/helpers/photos.js';
import { expectCount, expectText, launchBrowser, screenshot, UI_WAIT_MS } from '../src/browser.js';
import { startKith, type KithServer } from '../src/harness.js';
import { api, apiSignup, type ApiUser } from '../src/now-playing-api.js';
import { openAs } from '../src/app-fixture.js';
import { deviceOf, PHONE_AND_DESKTOP, uploadPhoto } from '../src/album-fixture.js';

describe('public album links in the browser', () => {
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
    let owner: Page, stranger: Page;
    let albumId: string;
    let linkPath: string;

    beforeAll(async () => {
      ({
        album: { id: albumId },
      } = await api(kith.url, alice, 'POST', '/api/albums', { name: `Lake weekend ${width}`, assetIds: photos }));
      owner = await openAs(browser, { kith }, alice, device);
      const context = await browser.newContext({ baseURL: kith.url, ...device });
      context.setDefaultTimeout(UI_WAIT_MS);
      stranger = await context.newPage();
      stranger.on('pageerror', (e) => console.error(`[stranger] page error: ${e.message}`));
    });

    it('the owner creates a link with a password that accepts uploads', async () => {
      await owner.goto(`/albums/${albumId}`);
      await owner.getByTestId('album-share').click();
      await owner.getByTestId('share-dialog').waitFor();
      await owner.getByTestId('share-link-password').fill('sunflower');
      await owner.getByTestId('share-link-upload').check();
      await owner.getByTestId('share-link-submit').click();
      await expectCount(owner.getByTestId('share-link'), 1);
      const url = (await owner.getByTestId('share-link-url').textContent())!;
      expect(url).toMatch(/\/l\/[A-Za-z0-9_-]{22}$/);
      linkPath = new URL(url).pathname;
      await screenshot(owner, `album-links-${width}-01-share-dialog`);
    });

    it('a logged-out visitor enters the password, sees the photos and opens one', async () => {
      await stranger.goto(linkPath);
      await stranger.getByTestId('public-password-form').waitFor();
      await screenshot(stranger, `album-links-${width}-02-password`);
      await stranger.getByTestId('public-password-input').fill('wrong guess');
      await stranger.getByTestId('public-password-submit').click();
      await expectText(stranger.getByTestId('public-password-error'), 'not the password');
      await stranger.getByTestId('public-password-input').fill('sunflower');
      await stranger.getByTestId('public-password-submit').click();
      await expectText(stranger.getByTestId('public-album-title'), `Lake weekend ${width}`);
      await expectCount(stranger.getByTestId('public-tile'), 2);
      await stranger.waitForFunction(() =>
        [...document.querySelectorAll('.public-tile img')].every((i) => (i as HTMLImageElement).naturalWidth > 0),
      );
      await screenshot(stranger, `album-links-${width}-03-album`);

      await stranger.getByTestId('public-tile').first().getByRole('button').click();
      await stranger.getByTestId('public-viewer').waitFor();
      await stranger.waitForFunction(
        () => (document.querySelector('[data-testid=public-viewer-image]') as HTMLImageElement)?.naturalWidth > 0,
      );
      expect(await stranger.getByTestId('public-download').count()).toBe(1);
      await screenshot(stranger, `album-links-${width}-04-viewer`);
      await stranger.getByTestId('public-viewer-close').click();
    });

    it('the visitor adds a photo under her name, and the owner sees it credited', async () => {
      await stranger.getByTestId('public-upload-name').fill('Grandma Rose');
      await stranger
        .getByTestId('public-upload-input')
        .setInputFiles({ name: 'rose.jpg', mimeType: 'image/jpeg', buffer: await partyPhoto(5, { width: 640 }) });
      await stranger.getByTestId('public-upload-submit').click();
      await expectText(stranger.getByTestId('public-upload-status'), 'Added 1 photo as Grandma Rose');
      await expectCount(stranger.getByTestId('public-tile'), 3);
      await expectText(stranger.getByTestId('public-tile-credit'), 'Grandma Rose');
      await stranger.waitForFunction(() =>
        [...document.querySelectorAll('.public-tile img')].every((i) => (i as HTMLImageElement).naturalWidth > 0),
      );
      await screenshot(stranger, `album-links-${width}-05-uploaded`);

      await owner.goto(`/albums/${albumId}`);
      await expectCount(owner.getByTestId('asset-tile'), 3);
      await expectText(owner.getByTestId('uploader-credit'), 'Grandma Rose');
      await screenshot(owner, `album-links-${width}-06-owner-credit`);
    });

    it('the owner revokes the link in Settings, and the page then says it no longer works', async () => {
      await owner.goto('/settings');
      const row = owner.getByTestId('shared-link-row').filter({ hasText: `Lake weekend ${width}` });
      await row.waitFor();
      await screenshot(owner, `album-links-${width}-07-settings`);
      await row.getByTestId('shared-link-revoke').click();
      await owner.getByTestId('confirm-ok').click();
      await expect.poll(() => row.getAttribute('data-state'), { timeout: UI_WAIT_MS }).toBe('revoked');

      const res = await stranger.goto(linkPath);
      expect(res?.status()).toBe(410);
      await expectText(stranger.getByTestId('link-gone'), 'This link no longer works');
      await screenshot(stranger, `album-links-${width}-08-revoked`);
    });
  });
});
