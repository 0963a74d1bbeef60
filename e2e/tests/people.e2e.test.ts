/**
 * People in the web app against a real server with face analysis on (one model worker):
 * the same party photo at two sizes is uploaded; its three guests, each in two photos, become
 * people on the People page; one is named on their page, then one of her faces is split off.
 */
import path from 'node:path';
import sharp from 'sharp';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partyPath } from '../../server/test/helpers/photos.js';
import { expectCount, expectText, launchBrowser, openWindow, screenshot, SCREENS_DIR, textsOf } from '../src/browser.js';
import { startKith, type KithServer } from '../src/harness.js';
import { expectLibraryReady, signUp, uploadInLibrary, type Person, type UploadFile } from '../src/ui.js';

const erin: Person = { username: 'erin', displayName: 'Erin Park', password: 'correct horse erin', phone: '+1 415 555 0105' };
const party = async (n: number, width: number): Promise<UploadFile> => ({
  name: `party${n}-${width}.jpg`,
  mimeType: 'image/jpeg',
  buffer: await sharp(partyPath(n)).resize({ width }).jpeg({ quality: 88 }).toBuffer(),
});

describe('People page', () => {
  let kith: KithServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    kith = await startKith({ KITH_FACE_ANALYSIS: 'on', KITH_FACE_WORKERS: '1' });
    browser = await launchBrowser();
    page = await openWindow(browser, kith.url);
  });
  afterAll(async () => {
    await browser?.close();
    await kith?.stop();
  });

  it('shows the guests seen in two photos as people, and names one', async () => {
    await signUp(page, erin);
    const statuses = await uploadInLibrary(page, [await party(1, 1600), await party(1, 1200)]);
    expect(statuses).toEqual(['created', 'created']);
    await expectLibraryReady(page, 2);

    await page.getByTestId('nav-people').click();
    await page.getByTestId('people-screen').waitFor();
    // People form once both photos are analysed: the three guests, two photos each.
    await expectCount(page.getByTestId('person-card'), 3);
    expect(await textsOf(page.getByTestId('person-card-count'))).toEqual(['2 photos', '2 photos', '2 photos']);
    await screenshot(page, 'people');

    await page.getByTestId('person-card').first().click();
    await page.getByTestId('person-screen').waitFor();
    await expectText(page.getByTestId('person-count'), '2 photos');
    await expectCount(page.getByTestId('person-screen').getByTestId('asset-tile'), 2);
    await page.getByTestId('person-rename').click();
    await page.getByTestId('prompt-input').fill('Dana Lee');
    await page.getByTestId('prompt-submit').click();
    await expectText(page.getByTestId('person-title'), 'Dana Lee');
    await screenshot(page, 'person');

    await page.getByTestId('back-link').click();
    await page.getByTestId('people-screen').waitFor();
    // Named people come first.
    await expectText(page.getByTestId('person-card-name').first(), 'Dana Lee');
  });

  it('moves a selected face to a new person, leaving the rest', async () => {
    // Dana Lee (named above) has two faces, one per photo.
    await page.getByTestId('person-card').first().click();
    await expectText(page.getByTestId('person-title'), 'Dana Lee');
    const faces = page.getByTestId('person-face');
    await expectCount(faces, 2);
    await faces.first().click();
    await expect.poll(() => faces.first().getAttribute('data-selected')).toBe('true');
    await expectText(page.getByTestId('person-faces-selected'), '1 face selected');
    await page.screenshot({ path: path.join(SCREENS_DIR, 'person-split.png'), fullPage: true });

    await page.getByTestId('person-split').click();
    await expectText(page.getByTestId('toast'), 'Moved 1 face to a new person');
    await expectText(page.getByTestId('person-count'), '1 photo');
    // One face left here: nothing to split any more, so the face list goes away.
    await expectCount(page.getByTestId('person-face'), 0);

    await page.getByTestId('back-link').click();
    await page.getByTestId('people-screen').waitFor();
    await expectCount(page.getByTestId('person-card'), 4);
    expect((await textsOf(page.getByTestId('person-card-count'))).sort()).toEqual(['1 photo', '1 photo', '2 photos', '2 photos']);
    await expectText(page.getByTestId('person-card-name').first(), 'Dana Lee');
    await expectText(page.getByTestId('person-card-count').first(), '1 photo');
  });
});
