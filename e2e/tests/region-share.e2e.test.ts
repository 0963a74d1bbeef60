/**
 * Region sharing in real Chromium: a third-party page embeds the script with a site key;
 * the visitor hovers past the threshold, drags the box, resizes it from a corner and an
 * edge, types a description and shares. The stored crop must equal, pixel for pixel, the
 * region of the source image that the moves select (CSS-scaled image, devicePixelRatio 2).
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectCount, launchBrowser, SCREENS_DIR, UI_WAIT_MS } from '../src/browser.js';
import { startKith, type KithServer } from '../src/harness.js';
import { hoverUntilSelection, startRegionPage, type RegionPage } from '../src/region-page.js';
import path from 'node:path';
import { mkdirSync } from 'node:fs';

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

const raw = async (img: Buffer, r?: Rect) => {
  let s = sharp(img).rotate();
  if (r) s = s.extract({ left: r.x, top: r.y, width: r.width, height: r.height });
  return s.removeAlpha().raw().toBuffer();
};

async function dragBy(page: Page, handle: Locator, dx: number, dy: number): Promise<void> {
  const b = (await handle.boundingBox())!;
  const x = Math.round(b.x + b.width / 2);
  const y = Math.round(b.y + b.height / 2);
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + dx, y + dy, { steps: 6 });
  await page.mouse.up();
}

describe('region sharing from a third-party page', () => {
  let kith: KithServer;
  let site: RegionPage;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let cookie: string;

  const shot = async (name: string) => {
    mkdirSync(SCREENS_DIR, { recursive: true });
    await page.screenshot({ path: path.join(SCREENS_DIR, `region-${name}.png`) });
  };
  const stored = async (shareUrl: string) => Buffer.from(await (await fetch(`${shareUrl}/image.png`)).arrayBuffer());

  beforeAll(async () => {
    kith = await startKith({ KITH_FETCH_ALLOW: '127.0.0.1/32' });
    const signup = await fetch(`${kith.url}/api/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'marsh', password: 'password123', displayName: 'Marsh Walker' }),
    });
    cookie = signup.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    // The site key names the page's origin.
    site = await startRegionPage();
    const res = await fetch(`${kith.url}/api/site-keys`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ name: 'marsh blog', origins: [site.url], targets: ['kith', 'pinterest'] }),
    });
    const key = ((await res.json()) as { siteKey: { key: string } }).siteKey.key;
    site.setScript(
      `<script src="${kith.url}/embed/region-share.js" data-kith="${kith.url}" data-site-key="${key}" data-min-size="200" data-hover-ms="300" data-targets="kith,pinterest"></script>`,
    );
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1100, height: 900 }, deviceScaleFactor: 2 });
    context.setDefaultTimeout(UI_WAIT_MS);
    page = await context.newPage();
    page.on('pageerror', (e) => console.error(`[page] ${e.message}`));
    await page.goto(site.url);
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await kith?.stop();
  });

  it('binds the images at or above the threshold, including one added after load', async () => {
    // One keyboard button per bound image: big, square, wide, contain, late; not small (120×90).
    await expectCount(page.locator('kith-region-share-button'), 5);
    expect(await page.locator('#small + kith-region-share-button').count()).toBe(0);
    expect(await page.locator('#late + kith-region-share-button').count()).toBe(1);
  });

  it('hover, drag, corner and edge resize, description, share: the crop is pixel-exact', async () => {
    const big = page.locator('#big');
    await big.scrollIntoViewIfNeeded();
    const b = (await big.boundingBox())!;
    await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 4 });
    const sel = page.getByTestId('krs-sel');
    await sel.waitFor();
    // Content box 400×300 CSS px showing 800×600: the box starts at the middle 60%.
    await dragBy(page, sel, 20, 10); // (80,60,240,180) → (100,70,240,180)
    await dragBy(page, page.getByTestId('krs-handle-se'), 30, 20); // → (100,70,270,200)
    await dragBy(page, page.getByTestId('krs-handle-n'), 0, -10); // → (100,60,270,210)
    await page.getByTestId('krs-description').fill('The heron, right where the reeds part');
    await page.getByTestId('krs-target-kith').click();
    await shot('overlay');
    await page.getByTestId('krs-share').click();
    const link = page.getByTestId('krs-link');
    await link.waitFor();
    await shot('shared');
    const shareUrl = (await link.getAttribute('href'))!;
    expect(shareUrl).toMatch(new RegExp(`^${kith.url}/s/[A-Za-z0-9_-]{16}$`));

    const id = shareUrl.split('/').pop()!;
    const api = (await (await fetch(`${kith.url}/api/region-shares/${id}`, { headers: { cookie } })).json()) as {
      share: { rect: Rect; imageIndex: number; sourceImageUrl: string; description: string; imageSource: string; pageUrl: string };
    };
    const expected = { x: 200, y: 120, width: 540, height: 420 }; // CSS px × 2 (natural 800 / rendered 400)
    expect(api.share).toMatchObject({
      rect: expected,
      imageIndex: 0,
      sourceImageUrl: `${site.url}/big.png`,
      description: 'The heron, right where the reeds part',
      imageSource: 'fetched',
      pageUrl: `${site.url}/`,
    });
    const crop = await stored(shareUrl);
    expect((await sharp(crop).metadata()).width).toBe(540);
    expect((await raw(crop)).equals(await raw(site.images['big.png'], expected))).toBe(true);

    await page.keyboard.press('Escape');
    await expectCount(page.locator('kith-region-share'), 0);
  });

  it('keyboard: the focus button opens the overlay on the srcset image, arrows move, Shift+arrows resize', async () => {
    const button = page.locator('#wide + kith-region-share-button').getByTestId('krs-open');
    await button.focus();
    await page.keyboard.press('Enter');
    const sel = page.getByTestId('krs-sel');
    await sel.waitFor();
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
    for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Shift+ArrowLeft');
    await page.getByTestId('krs-share').click();
    const link = page.getByTestId('krs-link');
    await link.waitFor();
    const currentSrc = await page.locator('#wide').evaluate((i: HTMLImageElement) => i.currentSrc);
    expect(currentSrc).toBe(`${site.url}/wide-800.png`); // DPR 2 picks the 800w candidate
    const id = (await link.getAttribute('href'))!.split('/').pop()!;
    const { share } = (await (await fetch(`${kith.url}/api/region-shares/${id}`, { headers: { cookie } })).json()) as {
      share: { rect: Rect; sourceImageUrl: string; imageIndex: number };
    };
    // Rendered 400×200 showing 800×400: start (80,40,240,120) → +5 x → +3 h → −1 w, then ×2.
    const expected = { x: 170, y: 80, width: 478, height: 246 };
    expect(share).toMatchObject({ sourceImageUrl: currentSrc, imageIndex: 3, rect: expected });
    expect((await raw(await stored(`${kith.url}/s/${id}`))).equals(await raw(site.images['wide-800.png'], expected))).toBe(true);
    await page.keyboard.press('Escape');
  });

  it('object-fit: contain — the letterbox does not shift the rectangle', async () => {
    await hoverUntilSelection(page, '#contain', 5);
    await shot('contain');
    await page.getByTestId('krs-share').click();
    const link = page.getByTestId('krs-link');
    await link.waitFor();
    const id = (await link.getAttribute('href'))!.split('/').pop()!;
    const { share } = (await (await fetch(`${kith.url}/api/region-shares/${id}`, { headers: { cookie } })).json()) as {
      share: { rect: Rect };
    };
    // 600×300 drawn 400×200 at y=100 in a 400×400 box; the box is the middle 60% of the drawn image.
    const expected = { x: 120, y: 60, width: 360, height: 180 };
    expect(share.rect).toEqual(expected);
    expect((await raw(await stored(`${kith.url}/s/${id}`))).equals(await raw(site.images['contain.png'], expected))).toBe(true);
  });
});
