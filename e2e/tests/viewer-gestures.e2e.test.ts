/**
 * The photo viewer's gestures in real Chromium: at 1280 px the wheel, a double click and `+` `−` `0` change the
 * photo's scale, and dragging pans a zoomed photo without ever leaving an empty band inside the stage; at 360 px
 * on a touch screen (fingers sent with CDP Input.dispatchTouchEvent) a swipe moves to the next photo, a pinch
 * and a double tap zoom, and one finger pans within the same bounds.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAs } from '../src/app-fixture.js';
import { expectText, launchBrowser, screenshot } from '../src/browser.js';
import { startKith, type KithServer } from '../src/harness.js';
import { apiSignup, type ApiUser } from '../src/now-playing-api.js';
import { axeFindings, expectScale, expectWithinBounds, geometry, openViewer, seedPartyPhotos } from '../src/viewer-page.js';

describe('photo viewer gestures', () => {
  let kith: KithServer;
  let browser: Browser;
  let bob: ApiUser;

  beforeAll(async () => {
    kith = await startKith();
    browser = await launchBrowser();
    bob = await apiSignup(kith.url, 'bob', 'Bob Stone');
    await seedPartyPhotos(kith.url, bob);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await kith?.stop();
  });

  it('at 1280 px: wheel, double click and keys zoom; dragging pans within bounds; ← → move', async () => {
    const page = await openAs(browser, { kith }, bob, { viewport: { width: 1280, height: 800 } });
    await openViewer(page);
    await expectText(page.locator('.viewer-count'), '1 / 3');
    const fitted = await geometry(page);
    expect(fitted.scale).toBe(1);
    expectWithinBounds(fitted);

    const cx = (fitted.photo.left + fitted.photo.right) / 2;
    const cy = (fitted.photo.top + fitted.photo.bottom) / 2;
    await page.mouse.move(cx, cy);
    await page.mouse.wheel(0, -400);
    await expectScale(page).toBeGreaterThan(1.5);
    const zoomed = await geometry(page);
    expect(zoomed.photo.width).toBeGreaterThan(fitted.photo.width * 1.5);
    expectWithinBounds(zoomed);
    await screenshot(page, 'viewer-1280-zoomed');

    // Drag far to the right: the photo's left edge stops at the stage's left edge.
    await page.mouse.down();
    await page.mouse.move(cx + 1500, cy + 900, { steps: 8 });
    await page.mouse.up();
    const right = await geometry(page);
    expect(right.photo.left).not.toBeCloseTo(zoomed.photo.left, 0);
    expect(Math.abs(right.photo.left - right.stage.left)).toBeLessThan(1);
    expectWithinBounds(right);
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    await page.mouse.move(cx - 3000, cy - 900, { steps: 8 });
    await page.mouse.up();
    const left = await geometry(page);
    expect(Math.abs(left.photo.right - left.stage.right)).toBeLessThan(1);
    expectWithinBounds(left);

    await page.keyboard.press('0');
    await expectScale(page).toBe(1);
    await page.mouse.dblclick(cx, cy);
    await expectScale(page).toBe(2.5);
    expectWithinBounds(await geometry(page));
    await page.mouse.dblclick(cx, cy);
    await expectScale(page).toBe(1);
    await page.keyboard.press('+');
    await expectScale(page).toBe(1.5);
    await page.keyboard.press('-');
    await expectScale(page).toBe(1);

    await page.keyboard.press('ArrowRight');
    await expectText(page.locator('.viewer-count'), '2 / 3');
    await page.keyboard.press('ArrowLeft');
    await expectText(page.locator('.viewer-count'), '1 / 3');
    await page.context().close();
  });

  it('at 360 px on a touch screen: swipe moves on, pinch and double tap zoom, one finger pans within bounds', async () => {
    const page = await openAs(browser, { kith }, bob, { viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });
    await openViewer(page);
    await expectText(page.locator('.viewer-count'), '1 / 3');
    await screenshot(page, 'viewer-360');
    const cdp = await page.context().newCDPSession(page);
    type P = { x: number; y: number };
    const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', points: P[]) =>
      cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points.map((p, id) => ({ x: p.x, y: p.y, id })) });
    const drag = async (from: P[], to: P[], steps = 6) => {
      await touch('touchStart', from);
      for (let s = 1; s <= steps; s++)
        await touch(
          'touchMove',
          from.map((p, i) => ({ x: p.x + ((to[i]!.x - p.x) * s) / steps, y: p.y + ((to[i]!.y - p.y) * s) / steps })),
        );
      await touch('touchEnd', []);
    };

    let g = await geometry(page);
    const mid = { x: (g.photo.left + g.photo.right) / 2, y: (g.photo.top + g.photo.bottom) / 2 };
    await drag([{ x: mid.x + 120, y: mid.y }], [{ x: mid.x - 120, y: mid.y + 10 }]);
    await expectText(page.locator('.viewer-count'), '2 / 3');
    await drag([{ x: mid.x - 120, y: mid.y }], [{ x: mid.x + 120, y: mid.y }]);
    await expectText(page.locator('.viewer-count'), '1 / 3');
    await page.locator('[data-testid="viewer-image"]:not(.loading)').waitFor();

    // Two fingers moving apart from 60 px to 240 px: four times the scale.
    await drag(
      [
        { x: mid.x - 30, y: mid.y },
        { x: mid.x + 30, y: mid.y },
      ],
      [
        { x: mid.x - 120, y: mid.y },
        { x: mid.x + 120, y: mid.y },
      ],
    );
    await expectScale(page).toBeGreaterThan(3.5);
    g = await geometry(page);
    expectWithinBounds(g);
    await screenshot(page, 'viewer-360-pinched');
    // One finger far to the left and up: the photo's right and bottom edges stop at the stage's.
    await drag([mid], [{ x: mid.x - 2000, y: mid.y - 2000 }]);
    g = await geometry(page);
    expect(Math.abs(g.photo.right - g.stage.right)).toBeLessThan(1);
    expect(Math.abs(g.photo.bottom - g.stage.bottom)).toBeLessThan(1);
    expectWithinBounds(g);
    expect(await page.locator('.viewer-count').textContent()).toContain('1 / 3');

    // A double tap zooms out of a zoomed photo, and in again.
    const tap = async () => {
      await touch('touchStart', [mid]);
      await touch('touchEnd', []);
    };
    await tap();
    await tap();
    await expectScale(page).toBe(1);
    await tap();
    await tap();
    await expectScale(page).toBe(2.5);
    expectWithinBounds(await geometry(page));

    await page.getByTestId('viewer-info-toggle').click();
    await page.getByTestId('viewer-info').waitFor();
    await screenshot(page, 'viewer-360-info');
    await page.getByTestId('viewer-share').click();
    await page.getByTestId('viewer-share-dialog').waitFor();
    expect(await axeFindings(page)).toEqual([]);
    await screenshot(page, 'viewer-360-share');
    await page.context().close();
  });
});
