/**
 * The photo viewer's panel and actions in real Chromium at 1280 px, against a Kith with face analysis on
 * (e2e/src/viewer-fixture.ts): `?` lists the shortcuts; the info panel has the capture time, the camera, the
 * place, the shared album the photo is in and its event by name, and lists the faces; "Add a name" names one,
 * and offers "me" and bob's contacts (choosing one links the person); Add to album, Share → To an album,
 * Share → Get a link and Download original (the uploaded bytes) work on the owner's photo. axe-core finds
 * nothing serious on the viewer or its dialogs. The same at 360 px on a touch screen: viewer-phone.e2e.test.ts.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAs } from '../src/app-fixture.js';
import { expectCount, expectText, launchBrowser, screenshot } from '../src/browser.js';
import {
  addToNewAlbum,
  expectDownloadsOriginal,
  expectInfoLines,
  getLink,
  nameFaceAsContact,
  PAGE_LOCALE,
  shareToHoliday,
  startViewerKith,
  type ViewerKith,
} from '../src/viewer-fixture.js';
import { axeFindings, openViewer } from '../src/viewer-page.js';

describe('photo viewer panel and actions', () => {
  let fx: ViewerKith;
  let browser: Browser;
  const desktop = (): Promise<Page> => openAs(browser, fx, fx.bob, { viewport: { width: 1280, height: 800 }, ...PAGE_LOCALE });

  beforeAll(async () => {
    fx = await startViewerKith();
    browser = await launchBrowser();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await fx?.kith.stop();
  });

  it('at 1280 px: ? lists the shortcuts; the info panel has the time, camera, place, album, event and faces; Add a name names one', async () => {
    const page = await desktop();
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

    await expectInfoLines(page, fx);
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

  it('at 1280 px: Add a name offers me and my contacts, and choosing a contact links the person to it', async () => {
    const page = await desktop();
    await openViewer(page);
    await nameFaceAsContact(page, fx, 'erik', 'click');
    await screenshot(page, 'viewer-1280-named-contact');
    await page.context().close();
  });

  it('at 1280 px: Add to album, Share → To an album, Share → Get a link, Download original', async () => {
    const page = await desktop();
    await openViewer(page);
    await addToNewAlbum(page, fx, 'Viewer picks', 'click');
    await shareToHoliday(page, fx, 'click');
    const share = await getLink(page, fx, 'click');
    expect(await axeFindings(page)).toEqual([]);
    await screenshot(page, 'viewer-share-1280');
    await page.keyboard.press('Escape');
    await share.waitFor({ state: 'detached' });
    await expectDownloadsOriginal(page, fx.newest, 'party1-small.jpg', 'click');
    await page.context().close();
  });
});
