/**
 * Search in the web app against a real server with face analysis on: party photo 1 at two sizes (so
 * its guests become People; one who is not also in party photo 2 is named Carol Smith), one copy taken in Lisbon in June 2026 and one
 * in Berlin in 2025, and party photo 2 in Lisbon. On a desktop (1280 px) the sidebar's field, used
 * with the keyboard only, finds "Carol Lisbon"; on a phone (360 px) the header's search button opens
 * the search screen. Both screens are axe-clean and their screenshots are kept.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partyPhoto } from '../../server/test/helpers/photos.js';
import { seriousAxeViolations } from '../src/axe.js';
import { expectCount, expectText, launchBrowser, openWindow, screenshot, textsOf, UI_WAIT_MS } from '../src/browser.js';
import { startKith, type KithServer } from '../src/harness.js';
import { expectLibraryReady, logIn, signUp, uploadInLibrary, type Person } from '../src/ui.js';

const LISBON = { latitude: 38.7223, longitude: -9.1393 };
const BERLIN = { latitude: 52.52, longitude: 13.405 };
const gina: Person = { username: 'gina', displayName: 'Gina Search', password: 'correct horse gina', phone: '+1 415 555 0177' };

describe('Search', () => {
  let kith: KithServer;
  let browser: Browser;
  let page: Page;
  const tiles = (p: Page) => p.getByTestId('search-screen').getByTestId('asset-tile');
  const terms = async (p: Page) => (await p.getByTestId('search-term').allTextContents()).map((t) => t.trim());

  beforeAll(async () => {
    kith = await startKith({ KITH_FACE_ANALYSIS: 'on', KITH_FACE_WORKERS: '1' });
    browser = await launchBrowser();
    page = await openWindow(browser, kith.url);
  });
  afterAll(async () => {
    await browser?.close();
    await kith?.stop();
  });

  it('gets a library to search: three photos with dates and places, and a named person', async () => {
    await signUp(page, gina);
    const files = [
      {
        name: 'beach-day.jpg',
        buffer: await partyPhoto(1, { width: 1600, quality: 90, capturedAt: new Date(Date.UTC(2026, 5, 14, 12)), gps: LISBON }),
      },
      {
        name: 'IMG_0042.jpg',
        buffer: await partyPhoto(1, { width: 1200, quality: 90, capturedAt: new Date(Date.UTC(2025, 2, 2, 12)), gps: BERLIN }),
      },
      { name: 'sunset.jpg', buffer: await partyPhoto(2, { capturedAt: new Date(Date.UTC(2026, 5, 15, 20)), gps: LISBON }) },
    ];
    expect(
      await uploadInLibrary(
        page,
        files.map((f) => ({ ...f, mimeType: 'image/jpeg' })),
      ),
    ).toEqual(['created', 'created', 'created']);
    await expectLibraryReady(page, 3);
    // The guests of party photo 1 become people once both copies are analysed. The engine may also
    // find one of them in party photo 2, and the order the three photos are analysed in varies, so
    // wait until every photo is analysed and placed, then name a guest who is only in party photo 1.
    await expect
      .poll(async () => ((await (await page.request.get('/api/faces/status')).json()) as { done: number }).done, {
        timeout: UI_WAIT_MS * 4,
      })
      .toBe(3);
    const people = ((await (await page.request.get('/api/people')).json()) as { people: Array<{ id: string; photoCount: number }> }).people;
    expect(people).toHaveLength(3);
    const onlyInPhoto1 = people.find((p) => p.photoCount === 2)!;
    await page.getByTestId('nav-people').click();
    await expectCount(page.getByTestId('person-card'), 3);
    await page.locator(`[data-testid="person-card"][data-person-id="${onlyInPhoto1.id}"]`).click();
    await page.getByTestId('person-rename').click();
    await page.getByTestId('prompt-input').fill('Carol Smith');
    await page.getByTestId('prompt-submit').click();
    await expectText(page.getByTestId('person-title'), 'Carol Smith');
  });

  it('on a desktop, by keyboard: the sidebar field finds Carol in Lisbon and says how it read the query', async () => {
    await page.getByTestId('nav-library').click();
    await page.getByTestId('library-screen').waitFor();
    // Tab from the sidebar's Upload button reaches the search field next.
    await page.getByTestId('sidebar-upload').focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('sidebar-search-input');
    await page.keyboard.type('Carol Lisbon');
    await page.keyboard.press('Enter');
    await page.getByTestId('search-screen').waitFor();
    await expect.poll(() => page.evaluate(() => window.location.pathname + window.location.search)).toBe('/search?q=Carol%20Lisbon');
    await expectCount(tiles(page), 1);
    expect(await terms(page)).toEqual(['Person: Carol Smith', 'Place: Lisbon']);
    await expectText(page.getByTestId('search-count'), '1 photo');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'search-desktop');

    // The sidebar field keeps the query (the only field on a desktop); a second query, a date alone.
    expect(await page.getByTestId('sidebar-search-input').inputValue()).toBe('Carol Lisbon');
    expect(await page.getByTestId('search-page-input').isVisible()).toBe(false);
    await page.getByTestId('sidebar-search-input').fill('June 2026');
    await page.getByTestId('sidebar-search-input').press('Enter');
    await expectCount(tiles(page), 2);
    expect(await terms(page)).toEqual(['Date: June 2026']);
    // The viewer opens from a result by keyboard (Enter on the tile's open button).
    await tiles(page).first().getByTestId('tile-open').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('viewer').waitFor();
    await page.keyboard.press('Escape');
    await expectCount(page.getByTestId('viewer'), 0);

    await page.getByTestId('sidebar-search-input').fill('nothing-like-this');
    await page.getByTestId('sidebar-search-input').press('Enter');
    await page.getByTestId('search-empty').waitFor();
    expect(await terms(page)).toEqual(['Word: nothing-like-this']);

    // A word of an album's name finds the album's photos (docs/features/search.md: album titles are searched).
    const [first] = ((await (await page.request.get('/api/assets')).json()) as { items: Array<{ id: string }> }).items;
    const album = await page.request.post('/api/albums', { data: { name: 'Algarve road trip', assetIds: [first!.id] } });
    expect(album.status()).toBe(201);
    await page.getByTestId('sidebar-search-input').fill('algarve');
    await page.getByTestId('sidebar-search-input').press('Enter');
    await expectCount(tiles(page), 1);
    expect(await tiles(page).first().getAttribute('data-asset-id')).toBe(first!.id);
    expect(await terms(page)).toEqual(['Word: algarve']);
    await screenshot(page, 'search-desktop-album');
  });

  it('on a phone (360 px): the header button opens search, which finds places, dates and people together', async () => {
    const context = await browser.newContext({ baseURL: kith.url, viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });
    context.setDefaultTimeout(UI_WAIT_MS);
    const phone = await context.newPage();
    await phone.goto('/login');
    await logIn(phone, gina.username, gina.password);
    await screenshot(phone, 'search-phone-library');
    await phone.getByTestId('library-screen').getByTestId('page-search-link').click();
    await phone.getByTestId('search-screen').waitFor();
    await phone.getByTestId('search-help').waitFor();
    // The field has focus on arrival: typing goes straight in.
    await expect.poll(() => phone.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('search-page-input');
    await phone.keyboard.type('lisbon');
    await phone.keyboard.press('Enter');
    await expectCount(tiles(phone), 2);
    expect(await terms(phone)).toEqual(['Place: Lisbon']);

    await phone.getByTestId('search-page-input').fill('carol 2025');
    await phone.getByTestId('search-page-input').press('Enter');
    await expectCount(tiles(phone), 1);
    expect(await textsOf(phone.getByTestId('search-term'))).toEqual(['Date: 2025', 'Person: Carol Smith']);
    // Nothing sticks out sideways at 360 px.
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(await seriousAxeViolations(phone)).toEqual([]);
    await screenshot(phone, 'search-phone');
    // The search screen is no section of the bottom bar: "More" is not marked current.
    expect(await phone.getByTestId('nav-more').getAttribute('class')).not.toContain('active');

    // A results address works as a deep link (reload, shared link).
    await phone.goto('/search?q=Carol%20Lisbon');
    await expectCount(tiles(phone), 1);
    expect(await terms(phone)).toEqual(['Person: Carol Smith', 'Place: Lisbon']);
    expect(await phone.getByTestId('search-page-input').inputValue()).toBe('Carol Lisbon');

    // Also in the More sheet, for those who look there.
    await phone.getByTestId('nav-more').click();
    await phone.getByTestId('more-search').click();
    await phone.getByTestId('search-screen').waitFor();
    await context.close();
  });
});
