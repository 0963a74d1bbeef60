/**
 * Kith as an installed app, in real Chromium on a phone-sized window: Chromium finds nothing that stops
 * installing it (manifest, icons, service worker), the shell opens with the network off and says
 * "You're offline" instead of "Failed to fetch", and a photo picked while offline waits in the IndexedDB
 * queue through a reload, then uploads by itself once the network is back and opens with "Show it".
 */
import { afterAll, assert, beforeAll, describe, expect, it } from 'vitest';
import { expectCount, expectText, screenshot } from '../src/browser.js';
import { startKith, type KithServer } from '../src/harness.js';
import { installabilityErrors, openPwaWindow, waitForServiceWorker, type PwaWindow } from '../src/pwa.js';
import { photoTakenAt } from '../src/pwa-photos.js';
import { signUp, type Person } from '../src/ui.js';

const dana: Person = { username: 'dana', displayName: 'Dana Reyes', password: 'correct horse dana', phone: '+1 415 555 0104' };

describe('installable, offline-capable web app', () => {
  let kith: KithServer;
  let win: PwaWindow;

  beforeAll(async () => {
    kith = await startKith();
    win = await openPwaWindow(kith.url);
  });
  afterAll(async () => {
    await win?.close();
    await kith?.stop();
  });

  it('serves a manifest, icons and /favicon.ico, and Chromium reports no installability error', async () => {
    const { page } = win;
    await signUp(page, dana);
    await waitForServiceWorker(page);
    expect(await installabilityErrors(page)).toEqual([]);

    const favicon = await page.request.get('/favicon.ico');
    expect(favicon.status()).toBe(200);
    expect((await favicon.body()).subarray(0, 4)).toEqual(Buffer.from([0, 0, 1, 0])); // ICO header: reserved 0, type 1 (icon)
    const manifest = (await (await page.request.get('/manifest.webmanifest')).json()) as {
      display: string;
      icons: Array<{ sizes: string; purpose: string }>;
      share_target: { action: string; method: string };
    };
    expect(manifest.display).toBe('standalone');
    expect(manifest.icons.map((i) => `${i.sizes} ${i.purpose}`)).toEqual(['192x192 any', '512x512 any', '512x512 maskable']);
    expect(manifest.share_target).toMatchObject({ action: '/share-target', method: 'POST' });
  });

  it('opens the shell offline and says "You\'re offline" where a screen needs the server', async () => {
    const { page, context } = win;
    await context.setOffline(true);
    await page.reload();
    await page.getByTestId('library-screen').waitFor();
    await expectText(page.getByTestId('error'), "You're offline");
    expect(await page.getByTestId('error').textContent()).not.toMatch(/failed to fetch/i);
    // A page only the server renders falls back to the offline page.
    await page.goto('/s/AAAAAAAAAAAAAAAA');
    await page.getByTestId('offline-page').waitFor();
    await page.goto('/');
    await page.getByTestId('library-screen').waitFor();
  });

  it('keeps a photo picked offline through a reload and uploads it when the network returns', async () => {
    const { page, context } = win;
    const photo = { name: 'beach-2014.jpg', mimeType: 'image/jpeg', buffer: await photoTakenAt(1, '2014:07:19 18:30:00') };
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('library-screen').getByTestId('upload-button').first().click();
    await (await chooser).setFiles(photo);
    const row = page.getByTestId('upload-item');
    await expectCount(row, 1);
    await expectText(page.getByTestId('upload-waiting'), 'Waiting for the network');
    expect(await row.getAttribute('data-status')).toBe('queued');
    await screenshot(page, 'pwa-upload-panel-offline-360');

    // The file is in IndexedDB, not in the page: a reload (still offline) shows it waiting on /share.
    await page.reload();
    await page.getByTestId('library-screen').waitFor();
    await page.goto('/share');
    await page.getByTestId('share-screen').waitFor();
    await expectCount(page.getByTestId('share-item'), 1);
    expect(await page.getByTestId('share-item').getAttribute('data-status')).toBe('queued');
    await page.getByTestId('share-offline').waitFor();
    await screenshot(page, 'pwa-share-offline-360');

    await context.setOffline(false);
    await expectCount(page.locator('[data-testid="share-item"][data-status="created"]'), 1);
    await screenshot(page, 'pwa-share-done-360');
    const assets = (await (await page.request.get('/api/assets')).json()) as { items: Array<{ id: string; capturedAt: string }> };
    expect(assets.items).toHaveLength(1);
    const [asset] = assets.items;
    assert(asset, 'one photo');
    expect(asset.capturedAt.slice(0, 10)).toBe('2014-07-19');

    // "Show it" opens that very photo in the viewer.
    await page.getByTestId('share-show').click();
    await page.getByTestId('viewer').waitFor();
    await expect.poll(() => page.getByTestId('viewer-download').getAttribute('href')).toContain(asset.id);
    await page.getByTestId('viewer-image').waitFor();
    await page.getByTestId('viewer-info-toggle').click();
    await expectText(page.getByTestId('info-captured'), '2014');
    await screenshot(page, 'pwa-show-it-360');
  });

  it("keeps the upload chip off Contacts' edit and delete buttons on a phone", async () => {
    const { page } = win;
    for (let i = 1; i <= 9; i++) {
      const res = await page.request.post('/api/contacts', {
        data: { name: `Neighbour number ${i} with a long name`, phones: [`+1 415 555 01${10 + i}`] },
      });
      expect(res.status()).toBe(201);
    }
    // A refused file keeps the chip on screen (failures stay until seen).
    await page.getByTestId('viewer-close').click();
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('library-screen').getByTestId('upload-button').first().click();
    await (await chooser).setFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a photo\n') });
    await expectCount(page.locator('[data-testid="upload-item"][data-status="failed"]'), 1);
    expect(await page.getByTestId('upload-chip').getAttribute('aria-expanded')).toBe('false');
    await page.goto('/contacts');
    await expectCount(page.getByTestId('contact-row'), 9);
    await page.getByTestId('upload-chip').waitFor();
    const buttons = page.locator('[data-testid="contact-edit"], [data-testid="contact-delete"]');
    expect(await buttons.count()).toBe(18);
    // Whatever the scroll position, the chip stays left of every row's buttons…
    const chip = (await page.getByTestId('upload-panel').boundingBox())!;
    for (const button of await buttons.all()) expect(chip.x + chip.width).toBeLessThanOrEqual((await button.boundingBox())!.x);
    // …and at the end of the page the last row sits above it, its buttons reachable by a tap.
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    for (const button of await page
      .getByTestId('contact-row')
      .last()
      .locator('[data-testid="contact-edit"], [data-testid="contact-delete"]')
      .all()) {
      const box = (await button.boundingBox())!;
      const hit = await page.evaluate(
        ({ x, y }) => document.elementFromPoint(x, y)?.closest('[data-testid]')?.getAttribute('data-testid'),
        { x: box.x + box.width / 2, y: box.y + box.height / 2 },
      );
      expect(hit).toBe(await button.getAttribute('data-testid'));
    }
    await screenshot(page, 'pwa-upload-chip-contacts-360');
    await page.getByTestId('upload-chip').click();
    await screenshot(page, 'pwa-upload-panel-open-360');
  });
});
