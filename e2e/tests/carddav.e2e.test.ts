/**
 * Settings → Contacts, driven in Chromium against a real CardDAV server (Debian's Radicale on
 * loopback): connect the address book, "Sync now", the cards become contacts; a card changed and
 * one deleted on the server are followed at the next "Sync now"; a contact edited in Kith whose card
 * changed too shows both values and waits for the owner's choice.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { card, radicaleInstalled, startRadicale, type Radicale } from '../../server/test/helpers/radicale.js';
import path from 'node:path';
import { expectCount, expectText, launchBrowser, openWindow, screenshot, SCREENS_DIR, textsOf, UI_WAIT_MS } from '../src/browser.js';
import { startKith, type KithServer } from '../src/harness.js';
import { signUp } from '../src/ui.js';

const PASSWORD = 'radicale-pass-e2e';
const installed = await radicaleInstalled();

describe.skipIf(!installed)('CardDAV address-book sync in the browser', () => {
  let kith: KithServer;
  let dav: Radicale;
  let bookUrl: string;
  let browser: Browser;
  let page: Page;

  const syncNow = async () => {
    await page.getByTestId('carddav-sync').click();
    await expectText(page.getByTestId('carddav-sync'), 'Sync now');
  };
  /** Opens Contacts and waits until its list shows exactly `names` (the list loads after the screen). */
  const expectContacts = async (names: string[]) => {
    await page.getByTestId('nav-contacts').click();
    await page.getByTestId('contacts-screen').waitFor();
    await expect.poll(() => textsOf(page.getByTestId('contact-name')), { timeout: UI_WAIT_MS, interval: 250 }).toEqual(names);
  };

  beforeAll(async () => {
    dav = await startRadicale({ robin: PASSWORD });
    bookUrl = await dav.createBook('robin');
    kith = await startKith({ KITH_FETCH_ALLOW: '127.0.0.1/32' });
    browser = await launchBrowser();
    page = await openWindow(browser, kith.url);
  });
  afterAll(async () => {
    await browser?.close();
    await kith?.stop();
    await dav?.stop();
  });

  it('connects the Radicale book, syncs, follows changes and deletions, and shows a conflict', async () => {
    await dav.put(bookUrl, 'ada.vcf', card('ada', 'Ada Quill', 'TEL:+44 20 7946 0958', 'EMAIL:ada@example.org'));
    await dav.put(bookUrl, 'ben.vcf', card('ben', 'Ben Ortiz', 'EMAIL:ben@example.org'));
    await signUp(page, { username: 'robin', displayName: 'Robin Fenn', password: 'correct horse robin', phone: '+1 415 555 0177' });
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('settings-contacts').waitFor();

    // A wrong password is refused in words, nothing is stored.
    await page.getByTestId('carddav-url').fill(bookUrl);
    await page.getByTestId('carddav-username').fill('robin');
    await page.getByTestId('carddav-password').fill('not-the-password');
    await page.getByTestId('carddav-connect').click();
    await expectText(page.getByTestId('carddav-error'), 'refused the user name or password');

    await page.getByTestId('carddav-password').fill(PASSWORD);
    await page.getByTestId('carddav-connect').click();
    await expectCount(page.getByTestId('carddav-book'), 1);
    await expectText(page.getByTestId('carddav-book'), 'Family');
    await syncNow();
    await expectText(page.getByTestId('carddav-book-status'), /Synced .* 2 cards/);
    await expectContacts(['Ada Quill', 'Ben Ortiz']);

    // Changed and deleted on the server; added too.
    await dav.put(bookUrl, 'ada.vcf', card('ada', 'Ada Quill-Marsh', 'TEL:+44 20 7946 0958'));
    await dav.delete(bookUrl, 'ben.vcf');
    await dav.put(bookUrl, 'cas.vcf', card('cas', 'Cas Lund', 'EMAIL:cas@example.org'));
    await page.getByTestId('nav-settings').click();
    await syncNow();
    await expectText(page.getByTestId('carddav-book-status'), '1 added, 1 changed, 1 deleted');
    await expectContacts(['Ada Quill-Marsh', 'Cas Lund']);

    // Edited in Kith, changed on the server: both values are shown, Kith's stays until the owner chooses.
    const contacts = (await (await page.request.get(`${kith.url}/api/contacts`)).json()) as {
      contacts: Array<{ id: string; name: string }>;
    };
    const cas = contacts.contacts.find((c) => c.name === 'Cas Lund')!;
    expect((await page.request.patch(`${kith.url}/api/contacts/${cas.id}`, { data: { name: 'Cas (my edit)' } })).status()).toBe(200);
    await dav.put(bookUrl, 'cas.vcf', card('cas', 'Cas Lund-Berg', 'EMAIL:cas@example.org', 'TEL:+44 20 7946 0999'));
    await page.getByTestId('nav-settings').click();
    await syncNow();
    await expectCount(page.getByTestId('carddav-conflict'), 1);
    await expectText(page.getByTestId('carddav-conflict-kith'), 'Cas (my edit)');
    await expectText(page.getByTestId('carddav-conflict-server'), 'Cas Lund-Berg');
    await page.getByTestId('settings-contacts').scrollIntoViewIfNeeded();
    await screenshot(page, 'carddav-settings-1280');
    await page.getByTestId('settings-contacts').screenshot({ path: path.join(SCREENS_DIR, 'e2e-carddav-section-1280.png') });
    await page.setViewportSize({ width: 360, height: 800 });
    await page.getByTestId('settings-contacts').scrollIntoViewIfNeeded();
    await screenshot(page, 'carddav-settings-360');
    await page.getByTestId('settings-contacts').screenshot({ path: path.join(SCREENS_DIR, 'e2e-carddav-section-360.png') });
    await page.setViewportSize({ width: 1280, height: 860 });
    await expectContacts(['Ada Quill-Marsh', 'Cas (my edit)']);
    await expectText(page.getByTestId('contacts-sync-conflicts'), 'Cas (my edit) was changed on both sides');

    await page.getByTestId('nav-settings').click();
    await page.getByTestId('carddav-keep-server').click();
    await expectCount(page.getByTestId('carddav-conflict'), 0);
    await expectContacts(['Ada Quill-Marsh', 'Cas Lund-Berg']);
  });
});
