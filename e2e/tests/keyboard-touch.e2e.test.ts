/**
 * The web app with the keyboard alone and with a finger (WAI-ARIA APG "Dialog (Modal)", WCAG 2.4.1 and
 * 2.4.3; the Google Photos / Immich long-press convention), against a seeded Kith (e2e/src/app-fixture.ts):
 * - a dialog and the photo viewer keep Tab inside and give focus back to their opener on close;
 * - "Skip to content" is the first Tab stop and leads past the navigation; after a navigation focus is on
 *   the new screen's heading; every section is reachable with Tab and Enter;
 * - on a phone the More sheet works by keyboard too (focus in, Esc back to More, Enter goes);
 * - on a touch screen the select circles show, a long-press selects a photo instead of opening it, and
 *   dragging on selects the photos the finger passes over.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectText, launchBrowser } from '../src/browser.js';
import { openAs, startAppFixture, type AppFixture } from '../src/app-fixture.js';

/** The focused element's data-testid, or its tag and text when it has none. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return el?.dataset.testid ?? `${el?.tagName.toLowerCase()}:${el?.textContent?.trim().slice(0, 30)}`;
  });
/** Whether the focused element is inside `root`. */
const focusInside = (root: Locator) => root.evaluate((el) => el.contains(document.activeElement));

describe('keyboard and touch', () => {
  let f: AppFixture;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    f = await startAppFixture();
    browser = await launchBrowser();
    page = await openAs(browser, f, f.bob);
  });
  afterAll(async () => {
    await browser?.close();
    await f?.kith.stop();
  });

  it('keeps focus inside the New album dialog and gives it back to its button', async () => {
    await page.goto('/albums');
    await page.getByTestId('album-create').focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByTestId('album-create-dialog');
    await dialog.waitFor();
    expect(await focusInside(dialog)).toBe(true);
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press('Tab');
      expect(await focusInside(dialog), `after ${i + 1} Tabs focus is on ${await focused(page)}`).toBe(true);
    }
    await page.keyboard.press('Shift+Tab');
    expect(await focusInside(dialog)).toBe(true);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await focused(page)).toBe('album-create');
  });

  it('moves focus into the viewer opened with Enter, keeps it there, and back to the photo on close', async () => {
    await page.goto('/');
    const open = page.getByTestId('tile-open').first();
    await open.focus();
    await page.keyboard.press('Enter');
    const viewer = page.getByTestId('viewer');
    await viewer.waitFor();
    expect(await focusInside(viewer)).toBe(true);
    // The grid behind is inert: neither Tab nor a screen reader reaches its hidden tiles.
    expect(await page.getByTestId('asset-grid').evaluate((g) => !!g.closest('[inert]'))).toBe(true);
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      expect(await focusInside(viewer), `after ${i + 1} Tabs focus is on ${await focused(page)}`).toBe(true);
    }
    await page.keyboard.press('Escape');
    await viewer.waitFor({ state: 'detached' });
    expect(await open.evaluate((el) => el === document.activeElement)).toBe(true);
  });

  it('offers "Skip to content" first, which leads to the first photo in a few Tabs', async () => {
    await page.goto('/');
    await page.getByTestId('asset-tile').first().waitFor();
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('skip-link');
    await page.keyboard.press('Enter');
    expect(await focused(page)).toBe('h1:Library');
    const stops: string[] = [];
    while (stops.length < 4 && stops.at(-1) !== 'tile-open') {
      await page.keyboard.press('Tab');
      stops.push(await focused(page));
    }
    expect(stops.at(-1), `Tab stops after the skip: ${stops.join(', ')}`).toBe('tile-open');
  });

  it('puts focus on the new screen’s heading after a navigation, and reaches every section by keyboard', async () => {
    await page.goto('/');
    await page.getByTestId('nav-albums').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('albums-screen').waitFor();
    await expect.poll(() => focused(page)).toBe('h1:Albums');

    await page.goto('/');
    await page.getByTestId('library-screen').waitFor();
    const sections = [
      'library',
      'people',
      'albums',
      'events',
      'inbox',
      'shared',
      'exchanges',
      'friends',
      'contacts',
      'favorites',
      'archive',
      'trash',
      'settings',
    ];
    const seen = new Set<string>();
    for (let i = 0; i < 30 && seen.size < sections.length; i++) {
      await page.keyboard.press('Tab');
      const id = await focused(page);
      if (id.startsWith('nav-')) seen.add(id.slice(4));
    }
    expect([...seen].sort()).toEqual([...sections].sort());
    // The last one reached by Tab opens with Enter.
    await page.keyboard.press('Enter');
    await page.getByTestId('settings-screen').waitFor();
  });

  it('on a phone, by keyboard: More opens its sheet with focus inside, Esc gives focus back, Enter on an item goes there', async () => {
    const phone = await openAs(browser, f, f.bob, { viewport: { width: 360, height: 740 } });
    await phone.goto('/');
    await phone.getByTestId('library-screen').waitFor();
    await phone.getByTestId('nav-more').focus();
    await phone.keyboard.press('Enter');
    const sheet = phone.getByTestId('more-sheet');
    await sheet.waitFor();
    expect(await focusInside(sheet)).toBe(true);
    for (let i = 0; i < 10; i++) {
      await phone.keyboard.press('Tab');
      expect(await focusInside(sheet)).toBe(true);
    }
    await phone.keyboard.press('Escape');
    await sheet.waitFor({ state: 'detached' });
    expect(await focused(phone)).toBe('nav-more');
    await phone.keyboard.press('Enter');
    await phone.getByTestId('more-contacts').focus();
    await phone.keyboard.press('Enter');
    await phone.getByTestId('contacts-screen').waitFor();
    await expect.poll(() => focused(phone)).toBe('h1:Contacts');
    await phone.context().close();
  });

  it('on a touch screen: shows the select circles, long-press selects instead of opening, a drag selects more', async () => {
    const phone = await openAs(browser, f, f.bob, { viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });
    await phone.goto('/');
    const tiles = phone.locator('[data-testid=asset-tile][data-ready=true]');
    await tiles.nth(1).waitFor();
    // No hover on a phone: the select circle must be visible without one.
    expect(
      await phone
        .getByTestId('tile-select')
        .first()
        .evaluate((el) => getComputedStyle(el).opacity),
    ).toBe('1');

    const centre = async (l: Locator) => {
      const b = (await l.boundingBox())!;
      return { x: Math.round(b.x + b.width / 2), y: Math.round(b.y + b.height / 2) };
    };
    const a = await centre(tiles.nth(0));
    const b = await centre(tiles.nth(1));
    const cdp = await phone.context().newCDPSession(phone);
    const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', p?: { x: number; y: number }) =>
      cdp.send('Input.dispatchTouchEvent', { type, touchPoints: p ? [{ x: p.x, y: p.y }] : [] });
    await touch('touchStart', a);
    // The finger rests until the photo is selected (the long-press), then drags down to the next one.
    await expect.poll(() => tiles.nth(0).getAttribute('data-selected'), { timeout: 10_000 }).toBe('true');
    for (let s = 1; s <= 6; s++) await touch('touchMove', { x: a.x + ((b.x - a.x) * s) / 6, y: a.y + ((b.y - a.y) * s) / 6 });
    await expect.poll(() => tiles.nth(1).getAttribute('data-selected'), { timeout: 10_000 }).toBe('true');
    await touch('touchEnd');
    await expectText(phone.getByTestId('selection-count'), '2 selected');
    expect(await phone.getByTestId('viewer').count()).toBe(0);
    await phone.context().close();
  });
});
