/**
 * The People steps people.e2e.test.ts runs at one size only, here at the other, against a real server with face
 * analysis on (one model worker); the same party photo at two sizes makes its three guests people
 * (docs/features/faces-and-people.md):
 * - at 1280 px, naming a person from the contacts ("car lin" finds Carol Lindqvist and links her), then "Remove name",
 *   which clears the name and the link together;
 * - at 360 px with touch, splitting a face off a named person and answering Kith's "Same person?" with "Yes, merge".
 */
import sharp from 'sharp';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partyPath } from '../../server/test/helpers/photos.js';
import { expectCount, expectText, launchBrowser, screenshot, textsOf, UI_WAIT_MS } from '../src/browser.js';
import { openAs } from '../src/app-fixture.js';
import { startKith, type KithServer } from '../src/harness.js';
import { api, apiSignup, type ApiUser } from '../src/now-playing-api.js';
import { expectContactOffered } from '../src/ui.js';

/** Face analysis with one model worker on a shared 2-core box: a readiness bound, not an assertion. */
const PEOPLE_WAIT_MS = 240_000;

interface PersonDto {
  id: string;
  name: string | null;
  displayName: string | null;
  isMe: boolean;
  contact: { id: string; name: string } | null;
  account: { id: string } | null;
  photoCount: number;
}

async function uploadParty(url: string, user: ApiUser, width: number): Promise<void> {
  const jpeg = await sharp(partyPath(1)).resize({ width }).jpeg({ quality: 88 }).toBuffer();
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' }), `party-${width}.jpg`);
  const res = await fetch(`${url}/api/assets`, { method: 'POST', body: form, headers: { cookie: user.cookie } });
  if (!res.ok) throw new Error(`upload party-${width}.jpg: ${res.status} ${await res.text()}`);
}

describe('People at the other size', () => {
  let kith: KithServer;
  let browser: Browser;
  let erin: ApiUser;
  const people = async (): Promise<PersonDto[]> => (await api(kith.url, erin, 'GET', '/api/people')).people;
  const person = async (id: string): Promise<PersonDto> => (await api(kith.url, erin, 'GET', `/api/people/${id}`)).person;

  beforeAll(async () => {
    kith = await startKith({ KITH_FACE_ANALYSIS: 'on', KITH_FACE_WORKERS: '1' });
    browser = await launchBrowser();
    erin = await apiSignup(kith.url, 'erin', 'Erin Park');
    for (const width of [1600, 1200]) await uploadParty(kith.url, erin, width);
    // People form once both photos are analysed: the three guests, two photos each.
    const deadline = Date.now() + PEOPLE_WAIT_MS;
    let counts: number[] = [];
    while (counts.join() !== '2,2,2' && Date.now() < deadline) {
      counts = (await people()).map((p) => p.photoCount);
      if (counts.join() !== '2,2,2') await new Promise((r) => setTimeout(r, 1000));
    }
    if (counts.join() !== '2,2,2') throw new Error(`people did not form within ${PEOPLE_WAIT_MS / 1000}s (${counts}):\n${kith.output()}`);
  }, PEOPLE_WAIT_MS + 60_000);
  afterAll(async () => {
    await browser?.close();
    await kith?.stop();
  });

  describe('at 1280 px', () => {
    let page: Page;
    beforeAll(async () => {
      page = await openAs(browser, { kith }, erin, { viewport: { width: 1280, height: 800 } });
    });
    afterAll(() => page?.context().close());

    it('names a person from the contacts, then "Remove name" clears the name and the link', async () => {
      const contact = (await api(kith.url, erin, 'POST', '/api/contacts', { name: 'Carol Lindqvist', phones: [], emails: [] })).contact;
      await page.goto('/people');
      await expectCount(page.getByTestId('person-card'), 3);
      await page.getByTestId('person-card').first().click();
      await page.getByTestId('person-screen').waitFor();
      await expectText(page.getByTestId('person-title'), 'Unnamed person');
      const id = (await page.evaluate(() => location.pathname)).split('/').pop()!;

      await expectContactOffered(page, 'car lin', 'Carol Lindqvist');
      await screenshot(page, 'people-sizes-1280-name-contact');
      await page.getByTestId('name-option').first().click();
      await expectText(page.getByTestId('person-title'), 'Carol Lindqvist');
      await expectText(page.getByTestId('person-count'), 'from your contacts');
      expect(await person(id)).toMatchObject({ contact: { id: contact.id }, displayName: 'Carol Lindqvist' });

      await page.getByTestId('person-rename').click();
      await page.getByTestId('person-remove-name').click();
      await expectText(page.getByTestId('person-title'), 'Unnamed person');
      await screenshot(page, 'people-sizes-1280-name-removed');
      expect(await person(id)).toMatchObject({ name: null, contact: null, account: null, isMe: false, displayName: null });
      await page.getByTestId('back-link').click();
      expect(await textsOf(page.getByTestId('person-card-name'))).not.toContain('Carol Lindqvist');
    });
  });

  describe('at 360 px with touch', () => {
    let page: Page;
    beforeAll(async () => {
      page = await openAs(browser, { kith }, erin, { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    });
    afterAll(() => page?.context().close());

    it('splits a face off a person, and merges it back through "Same person?"', async () => {
      const [first] = await people();
      await api(kith.url, erin, 'PATCH', `/api/people/${first!.id}`, { name: 'Dana Lee' });
      await page.goto('/');
      await page.getByTestId('nav-people').tap();
      await page.getByTestId('people-screen').waitFor();
      // Named people come first.
      await expectText(page.getByTestId('person-card-name').first(), 'Dana Lee');
      await page.getByTestId('person-card').first().tap();
      await expectText(page.getByTestId('person-title'), 'Dana Lee');
      const faces = page.getByTestId('person-face');
      await expectCount(faces, 2);
      await faces.first().tap();
      await expect.poll(() => faces.first().getAttribute('data-selected')).toBe('true');
      await screenshot(page, 'people-sizes-360-split');
      await page.getByTestId('person-split').tap();
      await expectText(page.getByTestId('toast'), 'Moved 1 face to a new person');
      await expectText(page.getByTestId('person-count'), '1 photo');
      expect((await people()).length).toBe(4);

      await page.getByTestId('back-link').tap();
      await page.getByTestId('people-screen').waitFor();
      const card = page.getByTestId('same-person-card');
      await expectCount(card, 1);
      await expectText(card, 'Dana Lee');
      await card.scrollIntoViewIfNeeded();
      await screenshot(page, 'people-sizes-360-same-person');
      const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(scroll).toBeLessThanOrEqual(360);
      await page.getByTestId('same-person-yes').tap();
      await page.getByTestId('toast').filter({ hasText: 'Merged into Dana Lee' }).waitFor({ timeout: UI_WAIT_MS });
      await expectCount(page.getByTestId('same-person'), 0);
      await expectCount(page.getByTestId('person-card'), 3);
      expect(await textsOf(page.getByTestId('person-card-count'))).toEqual(['2 photos', '2 photos', '2 photos']);
      expect((await people()).map((p) => p.photoCount)).toEqual([2, 2, 2]);
    });
  });
});
