/**
 * The event-sharing story end to end, in two browser windows on one real server:
 * bob keeps alice in his address book before she has an account; both photograph the
 * same evening; alice shares the event; bob's open window gets the toast and the combined
 * album live, with every photo credited to whoever took it.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partyPhoto } from '../../server/test/helpers/photos.js';
import { expectCount, expectText, launchBrowser, openWindow, screenshot, textsOf } from '../src/browser.js';
import { startKith, type KithServer } from '../src/harness.js';
import {
  answerLinkQuestion,
  expectLibraryReady,
  importVcard,
  setPhone,
  signUp,
  uploadInLibrary,
  vcardOf,
  type Person,
  type UploadFile,
} from '../src/ui.js';

const alice: Person = { username: 'alice', displayName: 'Alice Martin', password: 'correct horse alice', phone: '+1 415 555 0101' };
const bob: Person = { username: 'bob', displayName: 'Bob Stone', password: 'correct horse bob', phone: '+1 415 555 0102' };
/** One party, Saturday 13 June 2026, 19:00–21:00 UTC. */
const evening = (h: number, m = 0) => new Date(Date.UTC(2026, 5, 13, h, m));
const photo = async (n: number, at: Date): Promise<UploadFile> => ({
  name: `sample${n}.jpg`,
  mimeType: 'image/jpeg',
  buffer: await partyPhoto(n, { capturedAt: at }),
});

describe('event sharing through the web app', () => {
  let kith: KithServer;
  let browser: Browser;
  let alicePage: Page, bobPage: Page;

  beforeAll(async () => {
    kith = await startKith();
    browser = await launchBrowser();
    [alicePage, bobPage] = [await openWindow(browser, kith.url), await openWindow(browser, kith.url)];
  });
  afterAll(async () => {
    await browser?.close();
    await kith?.stop();
  });

  it('bob signs up, keeps alice as a contact before she joins, and uploads his party photos', async () => {
    await signUp(bobPage, bob);
    await setPhone(bobPage, bob.phone);
    await expect.poll(() => bobPage.getByTestId('profile-phone').inputValue()).toBe('+14155550102');

    const report = await importVcard(bobPage, 'bob-phone.vcf', vcardOf([{ name: 'Alice', phone: alice.phone }]));
    expect(report).toEqual(['Alice:imported']); // alice has no account yet: imported, not linked
    await expectCount(bobPage.getByTestId('contact-row'), 1);
    expect(await bobPage.getByTestId('contact-linked').count()).toBe(0);
    await screenshot(bobPage, '01-bob-contacts');

    const statuses = await uploadInLibrary(bobPage, [await photo(3, evening(20, 0)), await photo(4, evening(20, 45))]);
    expect(statuses).toEqual(['created', 'created']);
    await expectLibraryReady(bobPage, 2);
    await screenshot(bobPage, '02-bob-library');

    // Bob waits on "Shared with me", nothing there yet. The marker proves later that the page never reloads.
    await bobPage.getByTestId('nav-shared').click();
    await bobPage.getByTestId('shared-empty').waitFor();
    await bobPage.evaluate(() => Object.assign(window, { e2eSamePage: true }));
  });

  it('alice signs up, uploads her photos of the evening and imports bob, linked to his account', async () => {
    await signUp(alicePage, alice);
    await setPhone(alicePage, alice.phone);

    const statuses = await uploadInLibrary(alicePage, [await photo(1, evening(19, 0)), await photo(2, evening(20, 30))]);
    expect(statuses).toEqual(['created', 'created']);
    await expectLibraryReady(alicePage, 2);

    const report = await importVcard(alicePage, 'alice-phone.vcf', vcardOf([{ name: 'Bob', phone: bob.phone }]));
    // Bob has not proven his number, so it links nothing by itself: alice is asked, and says yes.
    expect(report).toEqual(['Bob:imported']);
    await answerLinkQuestion(alicePage, 'Bob', 'yes');
    // Bob's card of alice asked him the same once she set her phone; he says yes (no reload: same page).
    await answerLinkQuestion(bobPage, 'Alice', 'yes');
    await bobPage.getByTestId('nav-shared').click();
    await bobPage.getByTestId('shared-empty').waitFor();
    // Both answered: mutual.
    await alicePage.getByTestId('nav-library').click();
    await alicePage.getByTestId('nav-contacts').click();
    await expectCount(alicePage.getByTestId('contact-mutual'), 1);
    await screenshot(alicePage, '03-alice-contacts');
  });

  it('alice previews the event share (bob, with his 2 photos) and shares it', async () => {
    await alicePage.getByTestId('nav-events').click();
    await expectCount(alicePage.getByTestId('event-card'), 1);
    await expectText(alicePage.getByTestId('event-card-count'), '2 photos');
    await alicePage.getByTestId('event-card').click();
    await alicePage.getByTestId('event-screen').waitFor();
    await expectCount(alicePage.getByTestId('event-screen').getByTestId('asset-tile'), 2);

    await alicePage.getByTestId('event-share').click();
    await alicePage.getByTestId('share-preview').waitFor();
    const recipients = alicePage.getByTestId('share-recipient');
    await expectCount(recipients, 1);
    expect(await recipients.getAttribute('data-username')).toBe('bob');
    await expectText(recipients, '2 photos');
    expect(await alicePage.getByTestId('share-excluded').count()).toBe(0);
    await expectText(alicePage.getByTestId('share-preview'), '2 photos of yours, 4 photos in all');
    await screenshot(alicePage, '04-alice-share-preview');

    await alicePage.getByTestId('share-confirm').click();
    await alicePage.getByTestId('album-screen').waitFor();
    await expectCount(alicePage.getByTestId('album-screen').getByTestId('asset-tile'), 4);
  });

  it("bob's open window gets the toast and the combined album live, credited to alice and bob", async () => {
    // No reload: the toast and the card arrive over the socket.
    const toast = bobPage.getByTestId('toast').filter({ hasText: 'shared' });
    await expectText(toast, `${alice.displayName} shared`);
    await expectCount(bobPage.getByTestId('shared-album-list').getByTestId('album-card'), 1);
    await expectText(bobPage.getByTestId('album-card-count'), '4 items');
    expect(await bobPage.evaluate(() => (window as unknown as { e2eSamePage?: boolean }).e2eSamePage)).toBe(true);
    await screenshot(bobPage, '05-bob-shared-live');

    // The toast stays 10 s; the card above arrives from the same socket event, well within that.
    await toast.getByTestId('toast-action').click();
    const album = bobPage.getByTestId('album-screen');
    await album.waitFor();
    await expectText(bobPage.getByTestId('album-title'), 'Saturday 13 June 2026');
    const tiles = album.getByTestId('asset-tile');
    await expectCount(tiles, 4);
    await expectCount(album.locator('[data-testid="asset-tile"][data-ready="true"]'), 4);
    await expectCount(album.getByTestId('contributor-badge'), 4);
    // Each photo is credited to whoever took it (tile label is "<file name>, <capture time>").
    const credits = Object.fromEntries(
      await Promise.all(
        (await tiles.all()).map(async (t) => [
          (await t.getAttribute('aria-label'))!.split(',')[0],
          (await t.locator('.contributor-name').textContent())?.trim(),
        ]),
      ),
    );
    expect(credits).toEqual({
      'sample1.jpg': alice.displayName,
      'sample2.jpg': alice.displayName,
      'sample3.jpg': bob.displayName,
      'sample4.jpg': bob.displayName,
    });
    expect(await textsOf(album.getByTestId('album-member').locator('.member-name'))).toEqual([alice.displayName, bob.displayName]);
    await screenshot(bobPage, '06-bob-event-album');
  });

  it('both event screens show the event as shared: in which album, with whom, nothing new to add', async () => {
    for (const [page, other] of [
      [bobPage, alice],
      [alicePage, bob],
    ] as const) {
      await page.getByTestId('nav-events').click();
      await expectCount(page.getByTestId('event-card'), 1);
      await page.getByTestId('event-card').click();
      const state = page.getByTestId('event-shared-state');
      await expectText(state.getByTestId('event-shared-with'), other.displayName);
      await expectText(state.getByTestId('event-shared-new'), 'no new photos to add');
      await expectText(state, '4 photos');
      // Shared already: no "Share with N people" offer any more.
      expect(await page.getByTestId('event-share').count()).toBe(0);
      await page.getByTestId('event-open-album').waitFor();
    }
    await screenshot(alicePage, '07-alice-event-shared');
  });
});
