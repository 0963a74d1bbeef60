/**
 * Editing events in the web app against a real server: photos of two evenings a week apart
 * become two events; the owner merges them on the event page (Merge… dialog), then splits
 * the merged event again at the second evening's first photo (split mode), and the
 * Events list shows the two parts with the right photo counts.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partyPhoto } from '../../server/test/helpers/photos.js';
import { expectCount, expectText, launchBrowser, openWindow, screenshot, textsOf } from '../src/browser.js';
import { startKith, type KithServer } from '../src/harness.js';
import { expectLibraryReady, signUp, uploadInLibrary, type Person, type UploadFile } from '../src/ui.js';

const carol: Person = { username: 'carol', displayName: 'Carol Diaz', password: 'correct horse carol', phone: '+1 415 555 0103' };
/** Two Saturday evenings a week apart (UTC), far beyond the detection gap: two events. */
const june13 = (h: number, m = 0) => new Date(Date.UTC(2026, 5, 13, h, m));
const june20 = (h: number, m = 0) => new Date(Date.UTC(2026, 5, 20, h, m));
const photo = async (n: number, at: Date): Promise<UploadFile> => ({
  name: `sample${n}.jpg`,
  mimeType: 'image/jpeg',
  buffer: await partyPhoto(n, { capturedAt: at }),
});
/** File names of the open event page's tiles, sorted (a tile's label is "<file name>, <capture time>"). */
async function tileNames(page: Page): Promise<string[]> {
  const labels = await page
    .getByTestId('event-screen')
    .getByTestId('asset-tile')
    .evaluateAll((tiles) => tiles.map((t) => t.getAttribute('aria-label') ?? ''));
  return labels.map((l) => l.replace(/,.*$/s, '')).sort();
}

describe('merging and splitting events in the web app', () => {
  let kith: KithServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    kith = await startKith();
    browser = await launchBrowser();
    page = await openWindow(browser, kith.url);
  });
  afterAll(async () => {
    await browser?.close();
    await kith?.stop();
  });

  const openEvents = async () => {
    await page.getByTestId('nav-events').click();
    await page.getByTestId('events-screen').waitFor();
  };

  it('photos of two evenings become two events of three photos', async () => {
    await signUp(page, carol);
    const files = [
      await photo(1, june13(19, 0)),
      await photo(2, june13(19, 40)),
      await photo(3, june13(20, 20)),
      await photo(4, june20(19, 0)),
      await photo(5, june20(19, 30)),
      await photo(6, june20(20, 10)),
    ];
    expect(await uploadInLibrary(page, files)).toEqual(Array(6).fill('created'));
    await expectLibraryReady(page, 6);

    await openEvents();
    await expectCount(page.getByTestId('event-card'), 2);
    expect(await textsOf(page.getByTestId('event-card-name'))).toEqual(['Saturday 13 June 2026', 'Saturday 20 June 2026']);
    expect(await textsOf(page.getByTestId('event-card-count'))).toEqual(['3 photos', '3 photos']);
  });

  it('merges the second evening into the first through the Merge… dialog', async () => {
    await page.getByTestId('event-card').filter({ hasText: 'Saturday 13 June 2026' }).click();
    const screen = page.getByTestId('event-screen');
    await screen.waitFor();
    const marker = await screen.getAttribute('data-marker');
    await expectCount(screen.getByTestId('asset-tile'), 3);

    await page.getByTestId('event-merge').click();
    const options = page.getByTestId('merge-option');
    await expectCount(options, 1); // every other event of mine, never this one
    await expectText(options, 'Saturday 20 June 2026');
    await expectText(options, '3 photos');
    const other = await options.getAttribute('data-marker');
    expect(other).not.toBe(marker);
    await expect.poll(() => page.getByTestId('merge-confirm').isDisabled()).toBe(true); // nothing ticked yet
    await options.click();
    await screenshot(page, 'event-edit-01-merge-dialog');
    await page.getByTestId('merge-confirm').click();

    await page.getByTestId('merge-dialog').waitFor({ state: 'detached' });
    await expectText(page.getByTestId('event-count'), '6 photos');
    await expectCount(screen.getByTestId('asset-tile'), 6);
    expect(await screen.getAttribute('data-marker')).toBe(marker); // merged into this event, which keeps its marker
    expect(await tileNames(page)).toEqual(['sample1.jpg', 'sample2.jpg', 'sample3.jpg', 'sample4.jpg', 'sample5.jpg', 'sample6.jpg']);

    await openEvents();
    await expectCount(page.getByTestId('event-card'), 1);
    expect(await page.getByTestId('event-card').getAttribute('data-marker')).toBe(marker);
    await expectText(page.getByTestId('event-card-count'), '6 photos');
  });

  it("splits the merged event again at the second evening's first photo", async () => {
    await page.getByTestId('event-card').click();
    const screen = page.getByTestId('event-screen');
    await expectCount(screen.getByTestId('asset-tile'), 6);
    const marker = await screen.getAttribute('data-marker');

    await page.getByTestId('event-split').click();
    await page.getByTestId('split-bar').waitFor();
    await expect.poll(() => page.getByTestId('split-confirm').isDisabled()).toBe(true); // no photo chosen yet
    // In split mode a click chooses the new event's first photo instead of opening the viewer.
    const first = screen.locator('[data-testid="asset-tile"][aria-label^="sample4.jpg,"]');
    await first.click();
    expect(await page.getByTestId('viewer').count()).toBe(0);
    await expectCount(first.getByTestId('split-start'), 1);
    await expectText(page.getByTestId('split-summary'), '3 photos move to it, 3 photos stay');
    await screenshot(page, 'event-edit-02-split-mode');
    await page.getByTestId('split-confirm').click();

    // The page stays on the first part (same marker); the toast names the new event.
    await expectText(page.getByTestId('toast').filter({ hasText: 'Split off' }), 'Split off “Saturday 20 June 2026” with 3 photos');
    await page.getByTestId('split-bar').waitFor({ state: 'detached' });
    await expectText(page.getByTestId('event-count'), '3 photos');
    await expectCount(screen.getByTestId('asset-tile'), 3);
    expect(await screen.getAttribute('data-marker')).toBe(marker);
    expect(await tileNames(page)).toEqual(['sample1.jpg', 'sample2.jpg', 'sample3.jpg']);
    await screenshot(page, 'event-edit-03-split-done');

    await openEvents();
    await expectCount(page.getByTestId('event-card'), 2);
    expect(await textsOf(page.getByTestId('event-card-count'))).toEqual(['3 photos', '3 photos']);
    expect(await textsOf(page.getByTestId('event-card-name'))).toEqual(['Saturday 13 June 2026', 'Saturday 20 June 2026']);
    await page.getByTestId('event-card').filter({ hasText: 'Saturday 20 June 2026' }).click();
    await expectText(page.getByTestId('event-title'), 'Saturday 20 June 2026');
    await expectCount(screen.getByTestId('asset-tile'), 3);
    expect(await tileNames(page)).toEqual(['sample4.jpg', 'sample5.jpg', 'sample6.jpg']);
  });
});
