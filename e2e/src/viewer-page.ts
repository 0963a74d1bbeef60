/**
 * The photo viewer seen from a test: the stage's and the zoomed photo's rects, the bounds rule for panning,
 * axe after animations, a photo seed near Stockholm and opening the newest photo (e2e/tests/viewer-*.e2e.test.ts).
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { partyPhoto } from '../../server/test/helpers/photos.js';
import { seriousAxeViolations } from './axe.js';
import { UI_WAIT_MS } from './browser.js';
import type { ApiUser } from './now-playing-api.js';
import { expectLibraryReady } from './ui.js';

const STOCKHOLM = { latitude: 59.3293, longitude: 18.0686 };

/** The stage's and the transformed photo's client rects (px) and the photo's scale. */
export const geometry = (page: Page) =>
  page.evaluate(() => {
    const rect = (id: string) => {
      const r = document.querySelector(`[data-testid="${id}"]`)!.getBoundingClientRect();
      return { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height };
    };
    const photo = document.querySelector<HTMLElement>('[data-testid="viewer-photo"]')!;
    return { stage: rect('viewer-stage'), photo: rect('viewer-photo'), scale: Number(photo.dataset.scale) };
  });
export type Geometry = Awaited<ReturnType<typeof geometry>>;

/** Along each axis: a photo wider than the stage covers it edge to edge; a narrower one lies inside it. */
export function expectWithinBounds({ stage, photo }: Geometry): void {
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
export async function axeFindings(page: Page): Promise<string[]> {
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
/** Polls the photo's scale (data-scale, 3 decimals) until the matcher holds. */
export const expectScale = (page: Page) => expect.poll(() => scaleOf(page), { timeout: UI_WAIT_MS, interval: 100 });

/** Uploads one JPEG as `user` over the API; @returns the new asset's id. */
export async function uploadAs(url: string, user: ApiUser, name: string, data: Buffer): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(data)], { type: 'image/jpeg' }), name);
  const res = await fetch(`${url}/api/assets`, { method: 'POST', body: form, headers: { cookie: user.cookie } });
  if (!res.ok) throw new Error(`upload ${name}: ${res.status} ${await res.text()}`);
  const id = ((await res.json()) as { results: Array<{ asset?: { id: string } }> }).results[0]?.asset?.id;
  if (!id) throw new Error(`upload ${name}: no asset in the answer`);
  return id;
}

/** One seeded photo: its asset id and the exact bytes uploaded (what Download original must give back). */
export interface SeededPhoto {
  id: string;
  bytes: Buffer;
}

/**
 * bob's three photos, all near Stockholm on one evening: party 2, then party 1 at two sizes (so its
 * guests become people when face analysis is on); the smaller party 1, the newest, is the first tile.
 */
export async function seedPartyPhotos(url: string, bob: ApiUser): Promise<Record<'party2' | 'party1Big' | 'party1Small', SeededPhoto>> {
  const at = (min: number) => new Date(Date.UTC(2026, 5, 13, 18, min));
  const seed = async (name: string, data: Buffer) => ({ id: await uploadAs(url, bob, name, data), bytes: data });
  const party2 = await seed('party2.jpg', await partyPhoto(2, { width: 1000, gps: STOCKHOLM, capturedAt: at(0) }));
  const party1Big = await seed('party1-big.jpg', await partyPhoto(1, { width: 1200, gps: STOCKHOLM, capturedAt: at(5) }));
  const party1Small = await seed('party1-small.jpg', await partyPhoto(1, { width: 900, gps: STOCKHOLM, capturedAt: at(10) }));
  return { party2, party1Big, party1Small };
}

/**
 * Opens the library and its tile `index` (0: party1-small.jpg, the newest capture) in the viewer, the preview
 * decoded; `tiles` is how many photos the library holds.
 */
export async function openViewer(page: Page, { index = 0, tiles = 3 }: { index?: number; tiles?: number } = {}): Promise<void> {
  await page.goto('/library');
  await expectLibraryReady(page, tiles);
  await page.getByTestId('asset-tile').nth(index).click();
  await page.getByTestId('viewer-image').waitFor();
  await page.locator('[data-testid="viewer-image"]:not(.loading)').waitFor();
}
