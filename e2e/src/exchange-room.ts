/**
 * Steps in the exchange room (web/src/screens/exchanges), the same for a Kith user and a guest:
 * read the live status line, take the photo with the camera (3-2-1 countdown), and fetch the
 * image a result shows with the page's own cookies.
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { UI_WAIT_MS } from './browser.js';

/** The status line's `data-state` (see web/README-testids.md). */
export const roomState = (page: Page) => page.getByTestId('exchange-status').getAttribute('data-state');

/**
 * Waits until the room's status line reaches `state`; pushed over socket.io, the page is never
 * reloaded. A failed round will not turn into anything else, so that fails at once with the room's words.
 */
export async function expectRoomState(page: Page, state: string, timeout = UI_WAIT_MS): Promise<void> {
  const deadline = Date.now() + timeout;
  let now: string | null = null;
  while (Date.now() < deadline) {
    now = await roomState(page).catch(() => null);
    if (now === state) return;
    if (now === 'failed') throw new Error(`The round failed: ${await page.getByTestId('exchange-room').innerText()}`);
    await page.waitForTimeout(200);
  }
  expect(now, `room state after ${timeout} ms`).toBe(state);
}

/**
 * Turns the camera on, presses "Take photo" (the 3-2-1 countdown runs, then the frame is sent) and
 * waits for the server to take the capture. @returns the upload's HTTP status.
 */
export async function captureWithCamera(page: Page): Promise<number> {
  await page.getByTestId('capture-camera').click();
  const shoot = page.getByTestId('capture-start');
  await expect.poll(() => shoot.isEnabled(), { timeout: UI_WAIT_MS }).toBe(true);
  const upload = page.waitForResponse((r) => /\/captures$/.test(r.url()) && r.request().method() === 'POST', { timeout: UI_WAIT_MS });
  await shoot.click();
  // The countdown is on screen while it runs (it is part of what the person sees).
  await page.getByTestId('capture-countdown').waitFor({ timeout: 5_000 });
  const res = await upload;
  expect(res.request().headers()['content-type']).toMatch(/^multipart\/form-data/);
  return res.status();
}

/** The bytes of the result image of `kind` (`partner`, `mine` or `result`) of the shown round. */
export async function resultImage(page: Page, kind: 'partner' | 'mine' | 'result'): Promise<Buffer> {
  const img = page.locator(`[data-testid="exchange-result"] [data-testid="result-image"][data-kind="${kind}"]`).first();
  await img.waitFor({ timeout: UI_WAIT_MS });
  // Loaded in the page (not just in the DOM): the person sees it.
  await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0), { timeout: UI_WAIT_MS }).toBe(true);
  const src = new URL((await img.getAttribute('src'))!, page.url()).href;
  const res = await page.request.get(src);
  expect(res.status(), `GET ${src}`).toBe(200);
  expect(res.headers()['content-type']).toBe('image/jpeg');
  return Buffer.from(await res.body());
}
