/**
 * Every screen of the web app at a phone's size (360×740, touch), a tablet's (820×1180, the icon rail) and a
 * laptop's (1280×800), against a seeded Kith (e2e/src/app-fixture.ts):
 * - the page is never wider than the viewport (no sideways scroll that slides the tab bar away);
 * - axe-core finds no serious or critical accessibility violation;
 * - on the phone, every destination is reachable by touch: a bottom tab, or "More" and then the sheet's item.
 * The Trash shows one photo bob moved there (the fixture's own photos stay where they are).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAxeViolations } from '../src/axe.js';
import { partyPhoto } from '../../server/test/helpers/photos.js';
import { launchBrowser } from '../src/browser.js';
import { openAs, startAppFixture, type AppFixture } from '../src/app-fixture.js';
import { api } from '../src/now-playing-api.js';

/** Each screen: its path, the element that says it is shown, and a ready condition for its data. */
const screens = (f: AppFixture) => [
  { path: '/', id: 'library-screen', ready: '[data-testid=asset-tile][data-ready=true]' },
  { path: '/people', id: 'people-screen' },
  { path: '/albums', id: 'albums-screen', ready: '[data-testid=album-card]' },
  { path: `/albums/${f.albumId}`, id: 'album-screen', ready: '[data-testid=asset-tile]' },
  { path: '/events', id: 'events-screen', ready: '[data-testid=event-card]' },
  { path: `/events/${encodeURIComponent(f.eventMarker)}`, id: 'event-screen', ready: '[data-testid=asset-tile]' },
  { path: '/inbox', id: 'inbox-screen' },
  { path: '/shared', id: 'shared-screen' },
  { path: '/exchanges', id: 'exchanges-screen' },
  { path: '/friends', id: 'friends-screen', ready: '[data-testid=now-playing-recent-item]' },
  { path: '/contacts', id: 'contacts-screen', ready: '[data-testid=contact-row]' },
  { path: '/favorites', id: 'favorites-screen' },
  { path: '/archive', id: 'archive-screen' },
  { path: '/trash', id: 'trash-screen', ready: '[data-testid=asset-tile]' },
  { path: '/settings', id: 'settings-screen', ready: '[data-testid=settings-profile]' },
  { path: '/search', id: 'search-screen', ready: '[data-testid=search-help]' },
  { path: '/search?q=2026', id: 'search-screen', ready: '[data-testid=search-terms]' },
];

const SIZES = [
  { name: 'phone', viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true },
  // The icon rail (600–900 px): labels hidden from sight, names kept.
  { name: 'tablet', viewport: { width: 820, height: 1180 }, hasTouch: true, isMobile: false },
  { name: 'laptop', viewport: { width: 1280, height: 800 }, hasTouch: false, isMobile: false },
];

async function show(page: Page, s: { path: string; id: string; ready?: string }): Promise<void> {
  await page.goto(s.path);
  await page.getByTestId(s.id).waitFor();
  if (s.ready) await page.locator(s.ready).first().waitFor();
  await page.locator('.spinner').first().waitFor({ state: 'detached' });
}

describe('every screen', () => {
  let f: AppFixture;
  let browser: Browser;

  beforeAll(async () => {
    f = await startAppFixture();
    browser = await launchBrowser();
    // A photo of its own in the trash, so the Trash screen is checked with a tile (and its days left) on it.
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(await partyPhoto(6, { width: 640 }))], { type: 'image/jpeg' }), 'trashed.jpg');
    const res = await fetch(`${f.kith.url}/api/assets`, { method: 'POST', body: form, headers: { cookie: f.bob.cookie } });
    const trashed = ((await res.json()) as { results: Array<{ asset: { id: string } }> }).results[0]!.asset.id;
    await api(f.kith.url, f.bob, 'DELETE', '/api/assets', { assetIds: [trashed] });
  });
  afterAll(async () => {
    await browser?.close();
    await f?.kith.stop();
  });

  for (const size of SIZES) {
    it(`fits ${size.viewport.width} px with no sideways scroll and no serious axe violation`, async () => {
      const page = await openAs(browser, f, f.bob, size);
      const problems: string[] = [];
      for (const s of screens(f)) {
        await show(page, s);
        // A phone (isMobile) widens its layout viewport to fit wide content, so compare with the screen's width.
        const scroll = await page.evaluate(() => Math.max(document.documentElement.scrollWidth, window.innerWidth));
        if (scroll > size.viewport.width) problems.push(`${s.path}: page is ${scroll} px wide on a ${size.viewport.width} px screen`);
        for (const v of await seriousAxeViolations(page)) problems.push(`${s.path}: ${v}`);
      }
      await page.context().close();
      expect(problems).toEqual([]);
    });
  }

  it('reaches every destination by touch on a phone: a tab or the More sheet', async () => {
    const page = await openAs(browser, f, f.bob, SIZES[0]!);
    await show(page, screens(f)[0]!);
    const tabs = ['library', 'people', 'albums', 'friends'];
    const more = ['events', 'inbox', 'shared', 'exchanges', 'contacts', 'favorites', 'archive', 'trash', 'settings', 'search'];
    for (const t of tabs) {
      await page.getByTestId(`nav-${t}`).tap();
      await page.getByTestId(`${t}-screen`).waitFor();
    }
    for (const m of more) {
      expect(await page.getByTestId(`nav-${m}`).isVisible()).toBe(false);
      await page.getByTestId('nav-more').tap();
      await page.getByTestId(`more-${m}`).tap();
      await page.getByTestId(`${m}-screen`).waitFor();
      await page.getByTestId('more-sheet').waitFor({ state: 'detached' });
    }
    // Log out is in the sheet too.
    await page.getByTestId('nav-more').tap();
    await page.getByTestId('more-logout').tap();
    await page.getByTestId('login-screen').waitFor();
    await page.context().close();
  });
});
