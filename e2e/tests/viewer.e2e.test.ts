/**
 * The photo viewer in real Chromium at 1280 px (mouse and keyboard) and 360 px (a touch phone, fingers sent
 * with CDP Input.dispatchTouchEvent), against a Kith with face analysis on: three party photos near Stockholm,
 * the first at two sizes so its guests become people.
 * - the wheel, a double click, `+`/`0`, a pinch and a double tap change the photo's scale; dragging or one
 *   finger pans a zoomed photo and never leaves an empty band inside the stage; a swipe moves to the next photo;
 * - `?` lists the shortcuts; Add to album and Share → Get a link work on the owner's photo;
 * - the info panel names the event's place and the shared album the photo is in, lists the faces, and
 *   "Add a name" names one.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partyPhoto } from '../../server/test/helpers/photos.js';
import { openAs } from '../src/app-fixture.js';
import { seriousAxeViolations } from '../src/axe.js';
import { expectCount, expectText, launchBrowser, screenshot, UI_WAIT_MS } from '../src/browser.js';
import { startKith, type KithServer } from '../src/harness.js';
import { api, apiSignup, type ApiUser } from '../src/now-playing-api.js';
import { expectLibraryReady } from '../src/ui.js';

const STOCKHOLM = { latitude: 59.3293, longitude: 18.0686 };

/** The stage's and the transformed photo's client rects (px) and the photo's scale. */
const geometry = (page: Page) =>
  page.evaluate(() => {
    const rect = (id: string) => {
      const r = document.querySelector(`[data-testid="${id}"]`)!.getBoundingClientRect();
      return { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height };
    };
    const photo = document.querySelector<HTMLElement>('[data-testid="viewer-photo"]')!;
    return { stage: rect('viewer-stage'), photo: rect('viewer-photo'), scale: Number(photo.dataset.scale) };
  });
type Geometry = Awaited<ReturnType<typeof geometry>>;

/** Along each axis: a photo wider than the stage covers it edge to edge; a narrower one lies inside it. */
function expectWithinBounds({ stage, photo }: Geometry): void {
  const axis = (lo: 'left' | 'top', hi: 'right' | 'bottom', size: 'width' | 'height') => {
    if (photo[size] > stage[size]) {
      expect(photo[lo], `${lo} edge inside the stage`).toBeLessThanOrEqual(stage[lo] + 0.5);
      expect(photo[hi], `${hi} edge inside the stage`).toBeGreaterThanOrEqual(stage[hi] - 0.5);
    } else {
      expect(photo[lo]).toBeGreaterThanOrEqual(stage[lo] - 0.5);
      expect(photo[hi]).toBeLessThanOrEqual(stage[hi] + 0.5);
    }
  };
  axis('left', 'right', 'width');
  axis('top', 'bottom', 'height');
}

/** axe-core's serious and critical findings once finite animations (a dialog fading in, the preview) have ended. */
async function axeFindings(page: Page): Promise<string[]> {
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => a.effect?.getComputedTiming().endTime !== Infinity)
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );
  return seriousAxeViolations(page);
}

const scaleOf = async (page: Page) => (await geometry(page)).scale;
const expectScale = (page: Page) => expect.poll(() => scaleOf(page), { timeout: UI_WAIT_MS, interval: 100 });

async function upload(url: string, user: ApiUser, name: string, data: Buffer): Promise<void> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(data)], { type: 'image/jpeg' }), name);
  const res = await fetch(`${url}/api/assets`, { method: 'POST', body: form, headers: { cookie: user.cookie } });
  if (!res.ok) throw new Error(`upload ${name}: ${res.status} ${await res.text()}`);
}

describe('photo viewer', () => {
  let kith: KithServer;
  let browser: Browser;
  let bob: ApiUser;

  beforeAll(async () => {
    kith = await startKith({ KITH_FACE_ANALYSIS: 'on', KITH_FACE_WORKERS: '1' });
    browser = await launchBrowser();
    bob = await apiSignup(kith.url, 'bob', 'Bob Stone');
    const at = (min: number) => new Date(Date.UTC(2026, 5, 13, 18, min));
    await upload(kith.url, bob, 'party1-big.jpg', await partyPhoto(1, { width: 1200, gps: STOCKHOLM, capturedAt: at(0) }));
    await upload(kith.url, bob, 'party1-small.jpg', await partyPhoto(1, { width: 900, gps: STOCKHOLM, capturedAt: at(5) }));
    await upload(kith.url, bob, 'party2.jpg', await partyPhoto(2, { width: 1000, gps: STOCKHOLM, capturedAt: at(10) }));
    // The newest photo (the one the tests open) is in an album alice sees.
    await apiSignup(kith.url, 'alice', 'Alice Martin');
    const { items } = (await api(kith.url, bob, 'GET', '/api/assets')) as { items: Array<{ id: string; originalName: string }> };
    const newest = items.find((a) => a.originalName === 'party2.jpg')!.id;
    const { album } = (await api(kith.url, bob, 'POST', '/api/albums', { name: 'Family', assetIds: [newest] })) as {
      album: { id: string };
    };
    await api(kith.url, bob, 'POST', `/api/albums/${album.id}/members`, { username: 'alice', role: 'viewer' });
    // Faces are found and grouped by a job: wait until every photo is analysed and photo 1's guests are people.
    const ready = async () => {
      const status = (await api(kith.url, bob, 'GET', '/api/faces/status')) as { done: number; people: number };
      return status.done === 3 && status.people > 0;
    };
    for (const until = Date.now() + 180_000; !(await ready());) {
      if (Date.now() > until) throw new Error('face analysis did not finish in 180 s');
      await new Promise((r) => setTimeout(r, 500));
    }
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await kith?.stop();
  });

  /** Opens the library and the newest photo (party1-small.jpg... the newest capture first) in the viewer. */
  async function openViewer(page: Page): Promise<void> {
    await page.goto('/library');
    await expectLibraryReady(page, 3);
    await page.getByTestId('asset-tile').first().click();
    await page.getByTestId('viewer-image').waitFor();
    await page.locator('[data-testid="viewer-image"]:not(.loading)').waitFor();
  }

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

  it('at 1280 px: ? lists the shortcuts; the info panel has the place and the faces, and Add a name names one', async () => {
    const page = await openAs(browser, { kith }, bob, { viewport: { width: 1280, height: 800 } });
    await openViewer(page);
    await page.keyboard.press('?');
    const shortcuts = page.getByTestId('viewer-shortcuts-dialog');
    await shortcuts.waitFor();
    await expectCount(shortcuts.getByTestId('shortcut-row'), 14);
    expect(await axeFindings(page)).toEqual([]);
    await screenshot(page, 'viewer-shortcuts-1280');
    await page.keyboard.press('Escape');
    await shortcuts.waitFor({ state: 'detached' });
    expect(await page.getByTestId('viewer').count()).toBe(1);

    const { events } = (await api(kith.url, bob, 'GET', '/api/events')) as { events: Array<{ place: string | null }> };
    const place = events.find((e) => e.place)?.place;
    expect(place).toBeTruthy();
    await expectText(page.getByTestId('info-place'), place!);
    await expectText(page.getByTestId('info-camera'), 'Kith Party Cam');
    await expectText(page.getByTestId('info-shared-in'), 'Family · 1 person');
    await page.getByTestId('viewer-face').first().waitFor();
    expect(await page.getByTestId('viewer-face-box').count()).toBe(await page.getByTestId('viewer-face').count());
    expect(await axeFindings(page)).toEqual([]);
    await screenshot(page, 'viewer-1280');

    await page.getByTestId('viewer-face-add-name').first().click();
    const naming = page.getByTestId('person-rename-dialog');
    await naming.getByTestId('prompt-input').fill('Dana Lee');
    await naming.locator('[data-testid="name-option"][data-kind="new"]').click();
    await naming.waitFor({ state: 'detached' });
    await expectText(page.getByTestId('viewer-face-name'), 'Dana Lee');
    await page.getByTestId('viewer-face-box').filter({ hasText: 'Dana Lee' }).waitFor();
    await page.context().close();
  });

  it('at 1280 px: Add to album and Share → Get a link', async () => {
    const page = await openAs(browser, { kith }, bob, { viewport: { width: 1280, height: 800 } });
    await openViewer(page);
    await page.getByTestId('viewer-add-to-album').click();
    const dialog = page.getByTestId('add-to-album-dialog');
    await dialog.getByTestId('new-album-name').fill('Viewer picks');
    await dialog.getByTestId('new-album-create').click();
    await dialog.waitFor({ state: 'detached' });
    const { albums } = (await api(kith.url, bob, 'GET', '/api/albums')) as { albums: Array<{ name: string; assetCount: number }> };
    expect(albums.find((a) => a.name === 'Viewer picks')?.assetCount).toBe(1);

    await page.keyboard.press('s');
    const share = page.getByTestId('viewer-share-dialog');
    await share.waitFor();
    await share.getByTestId('share-person-none').waitFor();
    await share.getByTestId('share-link').click();
    await expect.poll(() => share.getByTestId('share-link-url').inputValue(), { timeout: UI_WAIT_MS }).toMatch(/\/l\/[\w-]{22}$/);
    const key = (await share.getByTestId('share-link-url').inputValue()).split('/l/')[1]!;
    const visitor = (await (await fetch(`${kith.url}/api/l/${key}`)).json()) as { assets: unknown[] };
    expect(visitor.assets).toHaveLength(1);
    expect(await axeFindings(page)).toEqual([]);
    await screenshot(page, 'viewer-share-1280');
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
