/**
 * The Contacts screen on a book larger than one page of `GET /api/contacts` (100): the list loads
 * the next pages as it scrolls (InfiniteSentinel), shows every contact once, counts the whole book,
 * and searches on the server. Real server, real Chromium.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectCount, expectText, launchBrowser, openWindow } from '../src/browser.js';
import { startKith, type KithServer } from '../src/harness.js';
import { importVcard, signUp, vcardOf, type Person } from '../src/ui.js';

const carol: Person = { username: 'carol', displayName: 'Carol Book', password: 'correct horse carol', phone: '+1 415 555 0103' };
const BOOK = 230;

describe('contacts paging in the web app', () => {
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

  it('scrolls through a book of 230 contacts page by page, each once, and searches it on the server', async () => {
    await signUp(page, carol);
    const people = Array.from({ length: BOOK }, (_, i) => ({ name: `Friend ${String(i).padStart(3, '0')}`, phone: `+1415${3000000 + i}` }));
    const report = await importVcard(page, 'big-book.vcf', vcardOf(people));
    expect(report.filter((r) => r.endsWith(':imported'))).toHaveLength(BOOK);
    await page.getByRole('button', { name: 'Close report' }).click();

    const rows = page.getByTestId('contact-row');
    await expectCount(rows, 100); // the first page
    await expectText(page.locator('.page-header'), /230 contacts/);
    for (let shown = 100; shown < BOOK; shown = Math.min(BOOK, shown + 100)) {
      await rows.last().scrollIntoViewIfNeeded();
      await expectCount(rows, Math.min(BOOK, shown + 100));
    }
    const names = await rows.getByTestId('contact-name').allTextContents();
    expect(names.map((n) => n.trim())).toEqual(people.map((p) => p.name));

    await page.getByTestId('contacts-search').fill('Friend 21');
    await expectCount(rows, 10); // Friend 210 … 219, found by the server among all 230
  });
});
