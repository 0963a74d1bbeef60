/**
 * People in the web app against a real server with face analysis on (one model worker):
 * the same party photo at two sizes is uploaded; its three guests, each in two photos, become
 * people on the People page; one is named on their page, then one of her faces is split off, and Kith
 * asks "Same person?" about the two halves. Naming offers contacts, the owner and existing people.
 */
import path from 'node:path';
import sharp from 'sharp';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partyPath } from '../../server/test/helpers/photos.js';
import { expectCount, expectText, launchBrowser, openWindow, screenshot, SCREENS_DIR, textsOf } from '../src/browser.js';
import { startKith, type KithServer } from '../src/harness.js';
import { expectContactOffered, expectLibraryReady, signUp, uploadInLibrary, type Person, type UploadFile } from '../src/ui.js';

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

  it('asks "Same person?" about the split-off face and merges it back', async () => {
    await page.getByTestId('same-person-card').waitFor();
    await expectCount(page.getByTestId('same-person-card'), 1);
    await expectText(page.getByTestId('same-person-card'), 'Dana Lee');
    await screenshot(page, 'people-same-person');
    await page.getByTestId('same-person-yes').click();
    // The split's toast may still be showing beside this one.
    await page.getByTestId('toast').filter({ hasText: 'Merged into Dana Lee' }).waitFor();
    await expectCount(page.getByTestId('same-person'), 0);
    await expectCount(page.getByTestId('person-card'), 3);
    expect(await textsOf(page.getByTestId('person-card-count'))).toEqual(['2 photos', '2 photos', '2 photos']);
  });

  it('names a person from the contacts, offers an existing person for the same name, and takes "me" and a removal', async () => {
    const created = await page.request.post('/api/contacts', { data: { name: 'Carol Lindqvist', phones: [], emails: [] } });
    expect(created.status()).toBe(201);
    await page.setViewportSize({ width: 360, height: 740 });
    // The unnamed guests come after Dana Lee.
    await page.getByTestId('person-card').nth(1).click();
    await expectText(page.getByTestId('person-title'), 'Unnamed person');
    await expectContactOffered(page, 'car lin', 'Carol Lindqvist');
    const options = page.getByTestId('name-option');
    await screenshot(page, 'person-name-contact-360');
    await page.getByTestId('prompt-submit').click();
    await expectText(page.getByTestId('person-title'), 'Carol Lindqvist');
    await expectText(page.getByTestId('person-count'), 'from your contacts');

    // Another guest: typing "Carol" offers the Carol already in People, not a second Carol.
    await page.getByTestId('back-link').click();
    await page.getByTestId('people-screen').waitFor();
    const unnamed = page.getByTestId('person-card').filter({ hasText: 'Add a name' });
    await expectCount(unnamed, 1);
    await unnamed.click();
    await page.getByTestId('person-rename').click();
    await page.getByTestId('prompt-input').fill('Carol');
    await expectText(options.first(), 'Carol Lindqvist');
    expect(await options.first().getAttribute('data-kind')).toBe('person');
    await expectText(page.getByTestId('prompt-submit'), 'Same person: merge');
    await screenshot(page, 'person-name-existing-360');

    // It is the owner: "me" (keyboard: the arrow keys move through the suggestions).
    await page.getByTestId('prompt-input').fill('me');
    await expectText(options.first(), 'Erin Park');
    expect(await options.first().getAttribute('data-kind')).toBe('me');
    await page.getByTestId('prompt-input').press('Enter');
    await expectText(page.getByTestId('person-title'), 'Erin Park');
    await expectText(page.getByTestId('person-count'), 'you');

    await page.getByTestId('person-rename').click();
    await page.getByTestId('person-remove-name').click();
    await expectText(page.getByTestId('person-title'), 'Unnamed person');
    await page.setViewportSize({ width: 1280, height: 800 });
  });
});
