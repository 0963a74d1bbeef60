/**
 * Phone-size screenshots of Kith's main screens for docs/features/phone-and-keyboard.md: boots a seeded Kith
 * (e2e/src/app-fixture.ts), opens it in Chromium as a 360×740 touch phone (device pixel ratio 2) and writes
 * `docs/screenshots/phone/<screen>.webp`. Needs the built web app (`npm run build --workspace web`).
 *
 *   npx tsx scripts/phone-screenshots.ts
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { launchBrowser } from '@kith/e2e/browser';
import { openAs, startAppFixture } from '@kith/e2e/app-fixture';
import { REPO_ROOT } from '@kith/e2e/harness';

const OUT = path.join(REPO_ROOT, 'docs/screenshots/phone');

/** Waits for `ready`, lets the spinners go, and saves the viewport as `<name>.webp`. */
async function shoot(page: Page, name: string, ready: string): Promise<void> {
  await page.locator(ready).first().waitFor();
  await page.locator('.spinner').first().waitFor({ state: 'detached' });
  // Lazy thumbnails in view must have loaded, or the shot shows grey boxes.
  await page.waitForFunction(() => [...document.images].every((i) => i.loading === 'lazy' || i.complete));
  await page.waitForFunction(() =>
    [...document.images].filter((i) => i.getBoundingClientRect().top < innerHeight).every((i) => i.complete),
  );
  const png = await page.screenshot();
  await sharp(png)
    .webp({ quality: 72 })
    .toFile(path.join(OUT, `${name}.webp`));
  console.log(`docs/screenshots/phone/${name}.webp`);
}

const f = await startAppFixture();
const browser = await launchBrowser();
try {
  mkdirSync(OUT, { recursive: true });
  const page = await openAs(browser, f, f.bob, {
    viewport: { width: 360, height: 740 },
    deviceScaleFactor: 2,
    hasTouch: true,
    isMobile: true,
  });
  await page.goto('/');
  await shoot(page, 'library', '[data-testid=asset-tile][data-ready=true]');
  await page.getByTestId('tile-select').nth(0).tap();
  await page.getByTestId('tile-select').nth(1).tap();
  await shoot(page, 'selection', '[data-testid=selection-bar]');
  await page.getByTestId('selection-clear').tap();
  await page.getByTestId('tile-open').first().tap();
  await shoot(page, 'viewer', '[data-testid=viewer-image]');
  await page.getByTestId('viewer-close').tap();
  await page.getByTestId('nav-albums').tap();
  await shoot(page, 'albums', '[data-testid=album-card]');
  await page.getByTestId('nav-friends').tap();
  await shoot(page, 'friends', '[data-testid=friend-card]');
  await page.getByTestId('nav-more').tap();
  await shoot(page, 'more', '[data-testid=more-sheet]');
  await page.getByTestId('more-contacts').tap();
  await shoot(page, 'contacts', '[data-testid=contact-row]');
  await page.getByTestId('nav-more').tap();
  await page.getByTestId('more-events').tap();
  await shoot(page, 'events', '[data-testid=event-card]');
  await page.getByTestId('nav-more').tap();
  await page.getByTestId('more-settings').tap();
  await shoot(page, 'settings', '[data-testid=settings-profile]');
} finally {
  await browser.close();
  await f.kith.stop();
}
