/**
 * The photo viewer's panel and actions at 360 px on a touch screen (every step a tap), against the same Kith as
 * the 1280 px tests in viewer-info-share.e2e.test.ts (e2e/src/viewer-fixture.ts): the info panel has the capture
 * time, the camera, the place, the shared album the photo is in and its event by name, and the faces; "Add a name"
 * offers "me" and bob's contacts, and choosing one links the person; Add to album, Share → To an album, Share → Get
 * a link and Download original (the uploaded bytes) work on the owner's photo. axe-core finds nothing serious.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAs } from '../src/app-fixture.js';
import { launchBrowser, screenshot } from '../src/browser.js';
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

describe('photo viewer on a phone', () => {
  let fx: ViewerKith;
  let browser: Browser;
  const phone = (): Promise<Page> =>
    openAs(browser, fx, fx.bob, { viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true, ...PAGE_LOCALE });

  beforeAll(async () => {
    fx = await startViewerKith();
    browser = await launchBrowser();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await fx?.kith.stop();
  });

  it('at 360 px: Info has the time, camera, place, album, event and faces; Add a name links a contact', async () => {
    const page = await phone();
    await openViewer(page);
    // A phone opens the viewer without the panel (Viewer.tsx: only wider than 900 px).
    expect(await page.getByTestId('viewer-info').count()).toBe(0);
    await page.getByTestId('viewer-info-toggle').tap();
    await expectInfoLines(page, fx);
    await page.getByTestId('viewer-face').first().waitFor();
    expect(await page.getByTestId('viewer-face-box').count()).toBe(await page.getByTestId('viewer-face').count());
    expect(await axeFindings(page)).toEqual([]);
    await screenshot(page, 'viewer-360-info-lines');
    await nameFaceAsContact(page, fx, 'frida', 'tap', 'viewer-360-name-dialog');
    await screenshot(page, 'viewer-360-named-contact');
    await page.context().close();
  });

  it('at 360 px: Add to album, Share → To an album, Share → Get a link, Download original', async () => {
    const page = await phone();
    await openViewer(page);
    await addToNewAlbum(page, fx, 'Phone picks', 'tap', 'viewer-360-add-to-album');
    await shareToHoliday(page, fx, 'tap');
    const share = await getLink(page, fx, 'tap');
    expect(await axeFindings(page)).toEqual([]);
    await screenshot(page, 'viewer-360-share-link');
    await share.getByRole('button', { name: 'Close' }).tap();
    await share.waitFor({ state: 'detached' });
    await expectDownloadsOriginal(page, fx.newest, 'party1-small.jpg', 'tap');
    await page.context().close();
  });
});
