/**
 * "Share → Kith": the phone's share sheet POSTs multipart/form-data to the manifest's share_target action
 * (W3C Web Share Target Level 2). Here the page itself submits such a form, as Chromium does for an installed
 * app, so Kith's service worker answers it: the photo goes through the upload queue into the library, and a
 * shared web page (a real one on loopback) lists its pictures; choosing one ends in a region share.
 */
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, assert, beforeAll, describe, expect, it } from 'vitest';
import { expectCount, expectText, screenshot, UI_WAIT_MS } from '../src/browser.js';
import { startKith, type KithServer } from '../src/harness.js';
import { openPwaWindow, waitForServiceWorker, type PwaWindow } from '../src/pwa.js';
import { photoTakenAt } from '../src/pwa-photos.js';
import { startRegionPage, type RegionPage } from '../src/region-page.js';
import { expectLibraryReady, signUp, type Person } from '../src/ui.js';

const erin: Person = { username: 'erin', displayName: 'Erin Park', password: 'correct horse erin', phone: '+1 415 555 0105' };

interface Shared {
  fields: Record<string, string>;
  files?: { field: string; name: string; type: string; base64: string };
}

/** Submits a multipart form to `action` from the page, as the system share sheet does; the browser then follows the answer. */
async function share(page: Page, action: string, shared: Shared): Promise<void> {
  const navigated = page.waitForURL((u) => u.pathname === '/share');
  await page.evaluate(
    ({ action, shared }) => {
      const form = document.createElement('form');
      form.method = 'POST';
      form.action = action;
      form.enctype = 'multipart/form-data';
      for (const [name, value] of Object.entries(shared.fields)) {
        const input = document.createElement('input');
        input.type = 'hidden';
        input.name = name;
        input.value = value;
        form.append(input);
      }
      if (shared.files) {
        const bytes = Uint8Array.from(atob(shared.files.base64), (c) => c.charCodeAt(0));
        const list = new DataTransfer();
        list.items.add(new File([bytes], shared.files.name, { type: shared.files.type }));
        const input = document.createElement('input');
        input.type = 'file';
        input.name = shared.files.field;
        input.files = list.files;
        form.append(input);
      }
      document.body.append(form);
      form.submit();
    },
    { action, shared },
  );
  await navigated;
}

describe('Web Share Target', () => {
  let kith: KithServer;
  let win: PwaWindow;
  let action: string;
  let fileField: string;
  let site: RegionPage;

  beforeAll(async () => {
    // The shared page is a real one on loopback, which the SSRF guard refuses unless allowed.
    kith = await startKith({ KITH_FETCH_ALLOW: '127.0.0.1/32' });
    site = await startRegionPage();
    win = await openPwaWindow(kith.url);
    const manifest = (await (await win.page.request.get('/manifest.webmanifest')).json()) as {
      share_target: { action: string; method: string; enctype: string; params: { files: Array<{ name: string }> } };
    };
    expect(manifest.share_target.method).toBe('POST');
    expect(manifest.share_target.enctype).toBe('multipart/form-data');
    action = manifest.share_target.action;
    const [files] = manifest.share_target.params.files;
    assert(files, 'the manifest names a files field (Web Share Target)');
    fileField = files.name;
  });
  afterAll(async () => {
    await win?.close();
    await kith?.stop();
    await site?.close();
  });

  it(
    'puts a shared photo into the upload queue and it reaches the library',
    async () => {
      const { page } = win;
      await signUp(page, erin);
      await waitForServiceWorker(page);
      const photo = await photoTakenAt(7, '2026:05:02 12:00:00');
      await share(page, action, {
        fields: { title: 'From the gallery' },
        files: { field: fileField, name: 'IMG_2026.jpg', type: 'image/jpeg', base64: photo.toString('base64') },
      });
      expect(new URL(page.url()).searchParams.get('queued')).toBe('1');
      await page.getByTestId('share-screen').waitFor();
      // The queue uploads on its own schedule (retrying with backoff when the server is busy, as it is when
      // the whole suite runs beside this test), so this waits for the queue's outcome rather than a first try;
      // if none comes, the failure says what the row showed.
      const created = page.locator('[data-testid="share-item"][data-status="created"]');
      await created.waitFor({ timeout: 3 * UI_WAIT_MS }).catch(async (err: Error) => {
        const rows = await page
          .getByTestId('share-item')
          .evaluateAll((ls) => ls.map((l) => `${l.getAttribute('data-status')}: ${l.textContent}`));
        throw new Error(`the shared photo did not reach the library; the queue shows ${JSON.stringify(rows)} (${err.message})`);
      });
      await expectText(page.getByTestId('share-item'), 'IMG_2026.jpg');
      await screenshot(page, 'pwa-share-target-360');

      const assets = (await (await page.request.get('/api/assets')).json()) as { items: Array<{ originalName: string }> };
      expect(assets.items.map((a) => a.originalName)).toEqual(['IMG_2026.jpg']);
      await page.getByTestId('share-show').click();
      await page.getByTestId('viewer').waitFor();
      await page.getByTestId('viewer-close').click();
      await expectLibraryReady(page, 1);
    },
    5 * UI_WAIT_MS,
  );

  it('lists the pictures of a shared web page, and choosing one ends in a region share', async () => {
    const { page } = win;
    // Start from another screen, so the wait for /share below sees this share's navigation.
    await page.goto('/library');
    await share(page, action, { fields: { title: 'A page', text: `Look at this ${site.url}/` } });
    expect(new URL(page.url()).searchParams.get('url')).toBe(`${site.url}/`);
    await page.getByTestId('share-url').waitFor();
    // The page's <title>, then its six pictures in document order (the srcset's largest candidate before its src).
    await expectText(page.locator('#share-page-title'), 'Field notes');
    await expectCount(page.getByTestId('share-image'), 6);
    const names = await page.getByTestId('share-image').evaluateAll((bs) => bs.map((b) => b.getAttribute('aria-label')));
    expect(names).toEqual([
      'Share part of big, CSS-scaled to half',
      'Share part of small, below the threshold',
      'Share part of square',
      'Share part of srcset',
      'Share part of srcset',
      'Share part of object-fit contain',
    ]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    // The previews come through Kith's own origin (the page is plain http on another port).
    await page.waitForFunction(() =>
      [...document.querySelectorAll<HTMLImageElement>('.share-image img')].every((i) => i.complete && i.naturalWidth > 0),
    );
    await screenshot(page, 'pwa-share-url-360');

    await page.getByRole('button', { name: 'Share part of big, CSS-scaled to half' }).click();
    await page.getByTestId('region-picker').waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('region-picker-title');
    await page.getByTestId('region-target-kith').waitFor();
    // Drag from a quarter to three quarters of the shown picture: the middle half of the 800×600 original.
    await page.waitForFunction(() => (document.querySelector<HTMLImageElement>('[data-testid="region-frame"] img')?.naturalWidth ?? 0) > 0);
    // By keyboard: the first Shift+Left starts a box on the middle 60 % and narrows it.
    await page.getByTestId('region-frame').focus();
    await page.keyboard.press('Shift+ArrowLeft');
    await expectText(page.locator('.region-hint'), '58 × 60 % of the picture.');
    const frame = (await page.getByTestId('region-frame').boundingBox())!;
    await page.mouse.move(frame.x + frame.width / 4, frame.y + frame.height / 4);
    await page.mouse.down();
    await page.mouse.move(frame.x + (frame.width * 3) / 4, frame.y + (frame.height * 3) / 4, { steps: 8 });
    await page.mouse.up();
    await page.getByTestId('region-box').waitFor();
    await page.getByTestId('region-description').fill('The marsh at dawn');
    await screenshot(page, 'pwa-share-region-360');
    await page.getByTestId('region-share').click();
    const link = page.getByTestId('region-link');
    await link.waitFor();
    const shareUrl = (await link.getAttribute('href'))!;
    expect(shareUrl).toMatch(new RegExp(`^${kith.url}/s/[A-Za-z0-9_-]{16}$`));
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await screenshot(page, 'pwa-share-region-done-360');

    // The share names the page and the picture, and its crop is the picture the server fetched.
    const mine = (await (await page.request.get('/api/region-shares')).json()) as {
      shares: Array<{
        url: string;
        pageUrl: string;
        sourceImageUrl: string;
        description: string;
        natural: { width: number; height: number };
        rect: { x: number; y: number; width: number; height: number };
      }>;
    };
    const [listed] = mine.shares;
    expect(listed).toMatchObject({
      url: shareUrl,
      pageUrl: `${site.url}/`,
      sourceImageUrl: `${site.url}/big.png`,
      description: 'The marsh at dawn',
      natural: { width: 800, height: 600 },
    });
    assert(listed, 'one share');
    const { rect } = listed;
    // Whole CSS pixels of a scaled preview: the edges land within a few natural pixels of the quarters.
    for (const [got, want] of [
      [rect.x, 200],
      [rect.y, 150],
      [rect.width, 400],
      [rect.height, 300],
    ] as const)
      expect(Math.abs(got - want)).toBeLessThanOrEqual(4);
    const crop = await page.request.get(`${shareUrl}/image.png`);
    expect(crop.status()).toBe(200);
    const region = await sharp(site.images['big.png'])
      .extract({ left: rect.x, top: rect.y, width: rect.width, height: rect.height })
      .removeAlpha()
      .raw()
      .toBuffer();
    expect(
      (
        await sharp(await crop.body())
          .removeAlpha()
          .raw()
          .toBuffer()
      ).equals(region),
    ).toBe(true);
  });

  it('says in words why a shared link has no pictures to choose from', async () => {
    const { page } = win;
    await page.goto(`/share?url=${encodeURIComponent(`${site.url}/gone.html`)}`);
    await expectText(page.getByTestId('share-images-error'), /could not open .*gone\.html: it answered HTTP 404/);
    await page.goto(`/share?url=${encodeURIComponent(`${site.url}/big.png`)}`);
    await expectText(page.getByTestId('share-images-error'), /is not a web page \(it is image\/png\)/);
    expect(await page.getByTestId('share-open-page').getAttribute('href')).toBe(`${site.url}/big.png`);
  });
});
