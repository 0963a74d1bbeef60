/**
 * The photo viewer's panel and actions in real Chromium at 1280 px, against a Kith with face analysis on: `?`
 * lists the shortcuts; the info panel names the event's place and the shared album the photo is in, lists the
 * faces, and "Add a name" names one; Add to album and Share → Get a link work on the owner's photo. axe-core
 * finds nothing serious on the viewer or its dialogs.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAs } from '../src/app-fixture.js';
import { expectCount, expectText, launchBrowser, screenshot, UI_WAIT_MS } from '../src/browser.js';
import { startKith, type KithServer } from '../src/harness.js';
import { api, apiSignup, type ApiUser } from '../src/now-playing-api.js';
import { axeFindings, openViewer, seedPartyPhotos } from '../src/viewer-page.js';

describe('photo viewer panel and actions', () => {
  let kith: KithServer;
  let browser: Browser;
  let bob: ApiUser;

  beforeAll(async () => {
    kith = await startKith({ KITH_FACE_ANALYSIS: 'on', KITH_FACE_WORKERS: '1' });
    browser = await launchBrowser();
    bob = await apiSignup(kith.url, 'bob', 'Bob Stone');
    await seedPartyPhotos(kith.url, bob);
    // The newest photo (the one the tests open) is in an album alice sees.
    await apiSignup(kith.url, 'alice', 'Alice Martin');
    const { items } = (await api(kith.url, bob, 'GET', '/api/assets')) as { items: Array<{ id: string; originalName: string }> };
    const newest = items.find((a) => a.originalName === 'party1-small.jpg')!.id;
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

  it('at 1280 px: ? lists the shortcuts; the info panel has the place and the faces, and Add a name names one', async () => {
    const page = await openAs(browser, { kith }, bob, { viewport: { width: 1280, height: 800 } });
    await openViewer(page);
    await page.keyboard.press('?');
    const shortcuts = page.getByTestId('viewer-shortcuts-dialog');
    await shortcuts.waitFor();
    // 11 keys (viewer-shortcuts.ts, Favourite included) and 4 gestures.
    await expectCount(shortcuts.getByTestId('shortcut-row'), 15);
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
});
