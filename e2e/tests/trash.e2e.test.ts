/**
 * The trash in the web app against a real server, at phone (360 px) and desktop (1280 px) sizes:
 * delete from the library and Undo on the toast, delete again, open Trash (the sidebar, or the More
 * sheet on a phone), restore one, delete one for ever, empty the trash; and the warning naming the
 * shared album before deleting a photo other people see.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partyPhoto } from '../../server/test/helpers/photos.js';
import { expectCount, expectText, launchBrowser, screenshot } from '../src/browser.js';
import { startKith, type KithServer } from '../src/harness.js';
import { expectLibraryReady, signUp, uploadInLibrary, type Person } from '../src/ui.js';

const SIZES = [
  { name: 'phone', viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true },
  { name: 'desktop', viewport: { width: 1280, height: 860 }, hasTouch: false, isMobile: false },
] as const;

describe.each(SIZES)('the trash at $viewport.width px', (size) => {
  let kith: KithServer;
  let browser: Browser;
  let page: Page;
  const owner: Person = {
    username: `dana${size.name}`,
    displayName: 'Dana Trash',
    password: 'correct horse dana',
    phone: '+1 415 555 0170',
  };
  const libraryTiles = () => page.getByTestId('library-screen').getByTestId('asset-tile');
  const trashTiles = () => page.getByTestId('trash-screen').getByTestId('asset-tile');
  const select = async (tiles: ReturnType<Page['getByTestId']>, i: number) => {
    const tile = tiles.nth(i);
    await tile.hover().catch(() => undefined);
    await tile.getByTestId('tile-select').click({ force: true });
  };
  const openTrash = async () => {
    if (size.isMobile) {
      await page.getByTestId('nav-more').click();
      await page.getByTestId('more-trash').click();
    } else await page.getByTestId('nav-trash').click();
    await page.getByTestId('trash-screen').waitFor();
  };

  beforeAll(async () => {
    kith = await startKith({ KITH_SIGNUP: 'open' });
    browser = await launchBrowser();
    const context = await browser.newContext({
      baseURL: kith.url,
      viewport: size.viewport,
      hasTouch: size.hasTouch,
      isMobile: size.isMobile,
    });
    context.setDefaultTimeout(45_000);
    page = await context.newPage();
    page.on('pageerror', (e) => console.error(`[browser] page error: ${e.message}`));
  });
  afterAll(async () => {
    await browser?.close();
    await kith?.stop();
  });

  it('deletes with Undo, deletes again, restores one, deletes one for ever and empties the trash', async () => {
    await signUp(page, owner);
    const files = await Promise.all(
      [1, 2, 3, 4].map(async (n) => ({ name: `trash${n}.jpg`, mimeType: 'image/jpeg', buffer: await partyPhoto(n) })),
    );
    expect(await uploadInLibrary(page, files)).toEqual(['created', 'created', 'created', 'created']);
    await expectLibraryReady(page, 4);

    // Delete one, then Undo: it is back.
    await select(libraryTiles(), 0);
    await page.getByTestId('selection-delete').click();
    await expectText(page.getByTestId('toast').last(), /Moved 1 photo to the trash/);
    await expectCount(libraryTiles(), 3);
    await page.getByTestId('toast-action').last().click();
    await expectCount(libraryTiles(), 4);

    // Delete three for real.
    for (const i of [0, 1, 2]) await select(libraryTiles(), i);
    await page.getByTestId('selection-delete').click();
    await expectCount(libraryTiles(), 1);
    await screenshot(page, `trash-library-${size.viewport.width}`);

    await openTrash();
    await expectCount(trashTiles(), 3);
    await screenshot(page, `trash-screen-${size.viewport.width}`);
    await select(trashTiles(), 0);
    await page.getByTestId('trash-restore').click();
    await expectCount(trashTiles(), 2);
    await select(trashTiles(), 0);
    await page.getByTestId('trash-delete-forever').click();
    await page.getByTestId('confirm-ok').click();
    await expectCount(trashTiles(), 1);
    await page.getByTestId('trash-empty').click();
    await page.getByTestId('confirm-ok').click();
    await page.getByTestId('trash-empty-state').waitFor();
    await screenshot(page, `trash-empty-${size.viewport.width}`);

    if (size.isMobile) await page.getByTestId('nav-library').click();
    else await page.getByTestId('nav-library').click();
    await expectCount(libraryTiles(), 2);
  });

  it('names the shared album and its people before deleting a photo they see', async () => {
    const ids: string[] = await page.evaluate(async () =>
      (await (await fetch('/api/assets')).json()).items.map((a: { id: string }) => a.id),
    );
    const album = await page.evaluate(
      async (assetIds) =>
        (
          await (
            await fetch('/api/albums', {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ name: 'Family picnic', assetIds }),
            })
          ).json()
        ).album,
      [ids[0]],
    );
    // A second account joins the album as a viewer, invited by username as the Share dialog does.
    const signup = await fetch(`${kith.url}/api/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: `eli${size.name}`, password: 'password123' }),
    });
    expect(signup.status).toBe(201);
    const invited = await page.evaluate(
      async ({ albumId, username }) =>
        (
          await fetch(`/api/albums/${albumId}/members`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ username, role: 'viewer' }),
          })
        ).status,
      { albumId: album.id as string, username: `eli${size.name}` },
    );
    expect(invited).toBe(200);

    await page.reload();
    await expectLibraryReady(page, 2);
    const tile = page.locator(`[data-testid="asset-tile"][data-asset-id="${ids[0]}"]`);
    await tile.hover().catch(() => undefined);
    await tile.getByTestId('tile-select').click({ force: true });
    await page.getByTestId('selection-delete').click();
    await expectText(page.getByTestId('shared-delete-warning'), /“Family picnic”: 1 person will no longer see it/);
    await screenshot(page, `trash-shared-warning-${size.viewport.width}`);
    await page.getByTestId('confirm-ok').click();
    await expectCount(libraryTiles(), 1);
  });
});
