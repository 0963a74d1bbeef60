/**
 * Favourites, the Archive, the timeline's date scrubber, days left in the trash and the public album
 * page's order, in the web app against a real server, at phone (360 px, touch) and desktop (1280 px) sizes.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partyPhoto } from '../../server/test/helpers/photos.js';
import { expectCount, expectText, launchBrowser, screenshot } from '../src/browser.js';
import { startKith, type KithServer } from '../src/harness.js';
import { expectLibraryReady, signUp, uploadInLibrary, type Person } from '../src/ui.js';

const SIZES = [
  { name: 'phone', viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true },
  { name: 'desktop', viewport: { width: 1280, height: 860 }, hasTouch: false, isMobile: false },
] as const;

// Two photos in each of three months, two years apart at the ends (noon UTC: the same day in any time zone).
const DATES = [
  Date.UTC(2026, 5, 14, 12),
  Date.UTC(2026, 5, 13, 12),
  Date.UTC(2025, 11, 24, 12),
  Date.UTC(2025, 11, 25, 12),
  Date.UTC(2024, 2, 3, 12),
  Date.UTC(2024, 2, 2, 12),
];

describe.each(SIZES)('library views at $viewport.width px', (size) => {
  let kith: KithServer;
  let browser: Browser;
  let page: Page;
  const owner: Person = {
    username: `fay${size.name}`,
    displayName: 'Fay Views',
    password: 'correct horse fay',
    phone: '+1 415 555 0171',
  };
  const tilesOf = (screen: string) => page.getByTestId(screen).getByTestId('asset-tile');
  const select = async (screen: string, i: number) => {
    const tile = tilesOf(screen).nth(i);
    await tile.hover().catch(() => undefined);
    await tile.getByTestId('tile-select').click({ force: true });
  };
  const go = async (section: 'favorites' | 'archive' | 'trash' | 'library') => {
    if (size.isMobile && section !== 'library') {
      await page.getByTestId('nav-more').click();
      await page.getByTestId(`more-${section}`).click();
    } else await page.getByTestId(`nav-${section}`).click();
    await page.getByTestId(`${section}-screen`).waitFor();
  };
  const api = <T>(url: string, init?: { method: string; body: unknown }): Promise<T> =>
    page.evaluate(
      async ([u, i]) =>
        (
          await fetch(u, i ? { method: i.method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(i.body) } : {})
        ).json(),
      [url, init] as const,
    );

  beforeAll(async () => {
    kith = await startKith({ KITH_SIGNUP: 'open' });
    browser = await launchBrowser();
    const context = await browser.newContext({
      baseURL: kith.url,
      viewport: size.viewport,
      hasTouch: size.hasTouch,
      isMobile: size.isMobile,
      timezoneId: 'UTC',
    });
    context.setDefaultTimeout(45_000);
    page = await context.newPage();
    page.on('pageerror', (e) => console.error(`[browser] page error: ${e.message}`));
  });
  afterAll(async () => {
    await browser?.close();
    await kith?.stop();
  });

  it('favourites from the selection bar and lists it under Favourites', async () => {
    await signUp(page, owner);
    const files = await Promise.all(
      DATES.map(async (at, i) => ({
        name: `view${i}.jpg`,
        mimeType: 'image/jpeg',
        buffer: await partyPhoto(i + 1, { width: 640 + i, capturedAt: new Date(at) }),
      })),
    );
    expect(await uploadInLibrary(page, files)).toEqual(files.map(() => 'created'));
    await expectLibraryReady(page, 6);

    await select('library-screen', 0);
    await page.getByTestId('selection-favorite').click();
    await expectText(page.getByTestId('toast').last(), /Added 1 photo to favourites/);
    await go('favorites');
    await expectCount(tilesOf('favorites-screen'), 1);
    await screenshot(page, `library-views-favorites-${size.viewport.width}`);

    // The viewer's heart shows the flag and toggles it (PATCH /api/assets/{id}); `F` does the same.
    await go('library');
    await expectLibraryReady(page, 6);
    await tilesOf('library-screen').first().click();
    const heart = page.getByTestId('viewer-favorite');
    await expect.poll(() => heart.getAttribute('aria-pressed')).toBe('true');
    const id = await page.evaluate(async () => (await (await fetch('/api/assets?view=favorites')).json()).items[0].id as string);
    await heart.click();
    await expect.poll(() => heart.getAttribute('aria-pressed')).toBe('false');
    await expect.poll(async () => (await api<{ asset: { favorite: boolean } }>(`/api/assets/${id}`)).asset.favorite).toBe(false);
    await screenshot(page, `library-views-viewer-unfavourited-${size.viewport.width}`);
    if (size.isMobile) await heart.click();
    else await page.keyboard.press('f');
    await expect.poll(() => heart.getAttribute('aria-pressed')).toBe('true');
    await expect.poll(async () => (await api<{ asset: { favorite: boolean } }>(`/api/assets/${id}`)).asset.favorite).toBe(true);
    await page.getByTestId('viewer-close').click();
  });

  it('archives two photos out of the timeline, lists them in the Archive, and unarchives one', async () => {
    await go('library');
    await expectLibraryReady(page, 6);
    await select('library-screen', 2);
    await select('library-screen', 3);
    await screenshot(page, `library-views-selection-${size.viewport.width}`);
    await page.getByTestId('selection-archive').click();
    await expectText(page.getByTestId('toast').last(), /Archived 2 photos/);
    await expectCount(tilesOf('library-screen'), 4);
    // December 2025 is gone from the timeline's months.
    const buckets = await api<{ buckets: { month: string }[] }>('/api/assets/timeline-buckets');
    expect(buckets.buckets.map((b) => b.month)).toEqual(['2026-06', '2024-03']);

    await go('archive');
    await expectCount(tilesOf('archive-screen'), 2);
    await screenshot(page, `library-views-archive-${size.viewport.width}`);
    await select('archive-screen', 0);
    await page.getByTestId('selection-unarchive').click();
    await expectCount(tilesOf('archive-screen'), 1);
    await go('library');
    await expectLibraryReady(page, 5);
  });

  it('jumps to the oldest month with the date scrubber and back to the newest', async () => {
    const rail = page.getByTestId('scrubber-rail');
    await rail.waitFor();
    await expectCount(page.getByTestId('scrubber-year'), 3);
    await screenshot(page, `library-views-scrubber-${size.viewport.width}`);
    const box = (await rail.boundingBox())!;
    // The bottom of the rail is the oldest month: a tap on a phone, a click with the mouse.
    if (size.hasTouch) await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height - 3);
    else await rail.click({ position: { x: box.width / 2, y: box.height - 3 } });
    await expectText(page.getByTestId('timeline-from'), /March 2024/);
    await expectCount(tilesOf('library-screen'), 2);
    await screenshot(page, `library-views-jumped-${size.viewport.width}`);
    await page.getByTestId('timeline-newest').click();
    await expectLibraryReady(page, 5);
    expect(await page.getByTestId('timeline-from').count()).toBe(0);

    // The keyboard: the rail is a slider, End goes to the oldest month.
    await rail.focus();
    await page.keyboard.press('End');
    await expectText(page.getByTestId('timeline-from'), /March 2024/);
    await page.getByTestId('timeline-newest').click();
    await expectLibraryReady(page, 5);
  });

  it('says how many days a trashed photo has left', async () => {
    await select('library-screen', 0);
    await page.getByTestId('selection-delete').click();
    await expectCount(tilesOf('library-screen'), 4);
    await go('trash');
    await expectCount(tilesOf('trash-screen'), 1);
    await expectText(page.getByTestId('trash-days-left'), '30 days left');
    await screenshot(page, `library-views-trash-days-${size.viewport.width}`);
  });

  it('shows a public album’s photos before its upload form', async () => {
    const items = (await api<{ items: { id: string }[] }>('/api/assets')).items;
    const album = (
      await api<{ album: { id: string } }>('/api/albums', { method: 'POST', body: { name: 'Order', assetIds: items.map((a) => a.id) } })
    ).album;
    const link = (await api<{ link: { key: string } }>(`/api/albums/${album.id}/links`, { method: 'POST', body: { allowUpload: true } }))
      .link;
    await page.goto(`/l/${link.key}`);
    await expectCount(page.getByTestId('public-tile'), 4);
    const grid = (await page.getByTestId('public-grid').boundingBox())!;
    const form = (await page.getByTestId('public-upload').boundingBox())!;
    expect(form.y).toBeGreaterThan(grid.y + grid.height - 1);
    await page.waitForFunction(() =>
      [...document.querySelectorAll('.public-tile img')].every((i) => (i as HTMLImageElement).naturalWidth > 0),
    );
    await screenshot(page, `library-views-public-order-${size.viewport.width}`);
    await page.getByTestId('public-upload-jump').click();
    await page.getByTestId('public-upload-name').waitFor();
  });
});
