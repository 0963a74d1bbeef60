/**
 * The screens every-screen.e2e.test.ts cannot reach with its fixture, at a phone's size (360×740, touch), a tablet's
 * (820×1180) and a laptop's (1280×800), with the same checks (the page is never wider than the viewport; axe-core finds no
 * serious or critical violation): a person's page (face analysis on, the same party photo at two sizes so its
 * guests become people), an exchange room waiting for an answer and one showing a result (both images sent over
 * the API), and "Share → Kith" (`/share`, a shared web page's pictures from a loopback site, and the region picker).
 * Also log in, sign up, not found, the photo viewer, People with people, the exchanges list with an incoming request,
 * the new-exchange dialog and its invite QR code, a stranger's invite and a joined guest's room, and open dialogs.
 */
import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partyPath } from '../../server/test/helpers/photos.js';
import { seriousAxeViolations } from '../src/axe.js';
import { launchBrowser, screenshot, UI_WAIT_MS } from '../src/browser.js';
import { openAs } from '../src/app-fixture.js';
import { startKith, type KithServer } from '../src/harness.js';
import { api, apiSignup, type ApiUser } from '../src/now-playing-api.js';
import { startRegionPage, type RegionPage } from '../src/region-page.js';

/** Face analysis with one model worker on a shared 2-core box: a readiness bound, not an assertion. */
const PEOPLE_WAIT_MS = 240_000;

interface Screen {
  path: string;
  /** The element that says the screen is shown. */
  id: string;
  /** A ready condition for its data. */
  ready?: string;
  /** Something to do before checking (e.g. open the region picker). */
  then?: (page: Page) => Promise<void>;
  name?: string;
  /** Shown to someone not logged in. */
  anonymous?: boolean;
}

const SIZES = [
  { name: 'phone', viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true },
  // The icon rail (600–900 px), as in every-screen.e2e.test.ts.
  { name: 'tablet', viewport: { width: 820, height: 1180 }, hasTouch: true, isMobile: false },
  { name: 'laptop', viewport: { width: 1280, height: 800 }, hasTouch: false, isMobile: false },
];

/** POSTs `bytes` as multipart field `field` to `path` as `user`; @returns the JSON answer. */
async function postFile(url: string, user: ApiUser, path: string, field: string, bytes: Buffer, name: string): Promise<any> {
  const form = new FormData();
  form.append(field, new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }), name);
  const res = await fetch(`${url}${path}`, { method: 'POST', body: form, headers: { cookie: user.cookie } });
  const text = await res.text();
  if (!res.ok) throw new Error(`POST ${path}: ${res.status} ${text}`);
  return JSON.parse(text);
}

async function show(page: Page, s: Screen): Promise<void> {
  await page.goto(s.path);
  await page.getByTestId(s.id).waitFor();
  if (s.ready) await page.locator(s.ready).first().waitFor();
  await page.locator('.spinner').first().waitFor({ state: 'detached' });
  if (s.then) await s.then(page);
  // A dialog fading in is half transparent: let finite animations end so axe measures the colours a person sees.
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => a.effect?.getComputedTiming().endTime !== Infinity)
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );
}

describe('every screen, the ones that need more seeding', () => {
  let kith: KithServer;
  let site: RegionPage;
  let browser: Browser;
  let bob: ApiUser;
  let screens: Screen[];

  beforeAll(async () => {
    // Face analysis for people; the shared page is on loopback, which the SSRF guard refuses unless allowed.
    kith = await startKith({ KITH_FACE_ANALYSIS: 'on', KITH_FACE_WORKERS: '1', KITH_FETCH_ALLOW: '127.0.0.1/32' });
    site = await startRegionPage();
    browser = await launchBrowser();
    const { url } = kith;
    bob = await apiSignup(url, 'bob', 'Bob Stone');
    const alice = await apiSignup(url, 'alice', 'Alice Martin');

    // The same party photo at two sizes: each guest is seen in two photos, so becomes a person.
    for (const width of [1600, 1200]) {
      const jpeg = await sharp(partyPath(1)).resize({ width }).jpeg({ quality: 88 }).toBuffer();
      await postFile(url, bob, '/api/assets', 'file', jpeg, `party-${width}.jpg`);
    }

    // An exchange alice asked for and bob accepted; both sent a photo, so each sees the other's.
    await api(url, bob, 'PUT', '/api/exchanges/settings', { policy: 'anyone' });
    const done = (await api(url, alice, 'POST', '/api/exchanges', { mode: 'exchange', to: 'bob' })).exchange.id as string;
    await api(url, bob, 'POST', `/api/exchanges/${done}/accept`);
    await postFile(url, alice, `/api/exchanges/${done}/captures`, 'image', await readFile(partyPath(2)), 'a.jpg');
    await postFile(url, bob, `/api/exchanges/${done}/captures`, 'image', await readFile(partyPath(3)), 'b.jpg');
    // bob's own request to alice, not answered yet.
    await api(url, alice, 'PUT', '/api/exchanges/settings', { policy: 'anyone' });
    const pending = (await api(url, bob, 'POST', '/api/exchanges', { mode: 'synthesis', to: 'alice' })).exchange.id as string;
    // alice's request to bob, waiting for his answer (Accept / Decline in his list and room).
    const incoming = (await api(url, alice, 'POST', '/api/exchanges', { mode: 'exchange', to: 'bob' })).exchange.id as string;

    // A stranger's invite link from alice (the join form), and another a guest has joined: both sent a photo.
    const invite = async () =>
      new URL((await api(url, alice, 'POST', '/api/exchanges', { mode: 'exchange', invite: true })).invite.url as string).pathname;
    const joinForm = await invite();
    const joinLink = await invite();
    const stranger: ApiUser = { username: 'guest', cookie: '' };
    const { guestToken, exchange } = (await api(url, stranger, 'POST', `/api/guest/exchanges/${joinLink.slice(3)}/join`, {
      displayName: 'Mia',
    })) as { guestToken: string; exchange: { id: string } };
    await postFile(url, alice, `/api/exchanges/${exchange.id}/captures`, 'image', await readFile(partyPath(4)), 'c.jpg');
    await postFile(url, stranger, `/api/guest/exchanges/${guestToken}/captures`, 'image', await readFile(partyPath(5)), 'd.jpg');

    const deadline = Date.now() + PEOPLE_WAIT_MS;
    let people: Array<{ id: string }> = [];
    while (!people.length && Date.now() < deadline) {
      people = ((await api(url, bob, 'GET', '/api/people')) as { people: Array<{ id: string }> }).people;
      if (!people.length) await new Promise((r) => setTimeout(r, 1000));
    }
    if (!people[0]) throw new Error(`no person formed within ${PEOPLE_WAIT_MS / 1000}s:\n${kith.output()}`);

    const pageUrl = `/share?url=${encodeURIComponent(`${site.url}/`)}`;
    screens = [
      { path: '/login', id: 'login-screen', anonymous: true },
      { path: '/signup', id: 'signup-screen', anonymous: true },
      { path: '/no-such-page', id: 'not-found' },
      {
        path: '/',
        name: '/ (photo viewer)',
        id: 'library-screen',
        ready: '[data-testid=asset-tile][data-ready=true]',
        then: async (page) => {
          await page.getByTestId('asset-tile').first().click();
          await page.getByTestId('viewer').waitFor();
          await page.waitForFunction(() =>
            [...document.querySelectorAll<HTMLImageElement>('[data-testid=viewer] img')].some((i) => i.complete && i.naturalWidth > 0),
          );
        },
      },
      {
        path: '/exchanges',
        name: '/exchanges (new exchange dialog)',
        id: 'exchanges-screen',
        then: (page) => page.getByTestId('exchange-new').first().click(),
      },
      {
        path: '/exchanges',
        name: '/exchanges (invite link and QR code)',
        id: 'exchanges-screen',
        then: async (page) => {
          await page.getByTestId('exchange-new').first().click();
          await page.getByTestId('new-exchange-target-invite').click();
          await page.getByTestId('new-exchange-submit').click();
          await page.getByTestId('invite-qr').waitFor();
        },
      },
      { path: `/people/${people[0].id}`, id: 'person-screen', ready: '[data-testid=asset-tile]' },
      { path: '/people', id: 'people-screen', ready: '[data-testid=person-card]' },
      {
        path: `/people/${people[0].id}`,
        name: 'a person (rename prompt)',
        id: 'person-screen',
        ready: '[data-testid=asset-tile]',
        then: (page) =>
          page
            .getByTestId('person-rename')
            .click()
            .then(() => page.getByTestId('prompt-input').waitFor()),
      },
      {
        path: '/exchanges',
        name: '/exchanges (with an incoming request)',
        id: 'exchanges-screen',
        ready: '[data-testid=exchange-incoming] [data-testid=exchange-row]',
      },
      { path: `/exchanges/${incoming}`, name: 'an incoming request', id: 'exchange-screen', ready: '[data-testid=exchange-status]' },
      {
        path: `/exchanges/${done}`,
        name: 'an exchange (end confirmation)',
        id: 'exchange-screen',
        ready: '[data-testid=exchange-result] [data-testid=result-image]',
        then: (page) =>
          page
            .getByTestId('exchange-end')
            .click()
            .then(() => page.getByTestId('confirm-ok').waitFor()),
      },
      { path: `/exchanges/${done}`, id: 'exchange-screen', ready: '[data-testid=exchange-result] [data-testid=result-image]' },
      { path: `/exchanges/${pending}`, id: 'exchange-screen', ready: '[data-testid=exchange-status][data-state=awaiting-answer]' },
      { path: joinForm, id: 'guest-join-form' },
      { path: `/x/${guestToken}`, id: 'exchange-room', ready: '[data-testid=exchange-result] [data-testid=result-image]' },
      { path: '/share', id: 'share-screen' },
      {
        path: pageUrl,
        id: 'share-url',
        ready: '[data-testid=share-image]',
        // Every preview decoded (one arrives late), so axe sees the grid as a person does.
        then: (page) =>
          page
            .waitForFunction(() =>
              [...document.querySelectorAll<HTMLImageElement>('.share-image img')].every((i) => i.complete && i.naturalWidth > 0),
            )
            .then(() => undefined),
      },
      {
        path: pageUrl,
        name: `${pageUrl} (region picker)`,
        id: 'share-url',
        ready: '[data-testid=share-image]',
        then: async (page) => {
          await page.getByTestId('share-image').first().click();
          await page.getByTestId('region-picker').waitFor();
          await page.waitForFunction(
            () => (document.querySelector<HTMLImageElement>('[data-testid="region-frame"] img')?.naturalWidth ?? 0) > 0,
          );
        },
      },
      {
        path: pageUrl,
        name: `${pageUrl} (region chosen and shared)`,
        id: 'share-url',
        ready: '[data-testid=share-image]',
        then: async (page) => {
          await page.getByTestId('share-image').first().click();
          await page.getByTestId('region-frame').focus();
          // The first Shift+Arrow starts a box on the middle of the picture (the keyboard path of the picker).
          await page.keyboard.press('Shift+ArrowLeft');
          await page.getByTestId('region-box').waitFor();
          await page.getByTestId('region-description').fill('The marsh at dawn');
          await page.getByTestId('region-share').click();
          await page.getByTestId('region-link').waitFor();
        },
      },
    ];
  }, PEOPLE_WAIT_MS + 120_000);

  afterAll(async () => {
    await browser?.close();
    await kith?.stop();
    await site?.close();
  });

  for (const size of SIZES) {
    it(
      `fits ${size.viewport.width} px with no sideways scroll and no serious axe violation`,
      async () => {
        const mine = await openAs(browser, { kith }, bob, size);
        const nobody = await (await browser.newContext({ baseURL: kith.url, ...size })).newPage();
        const problems: string[] = [];
        for (const [i, s] of screens.entries()) {
          const page = s.anonymous ? nobody : mine;
          await show(page, s);
          await screenshot(page, `every-screen-more-${size.name}-${i + 1}`);
          const where = s.name ?? s.path;
          // A phone (isMobile) widens its layout viewport to fit wide content, so compare with the screen's width.
          const scroll = await page.evaluate(() => Math.max(document.documentElement.scrollWidth, window.innerWidth));
          if (scroll > size.viewport.width) problems.push(`${where}: page is ${scroll} px wide on a ${size.viewport.width} px screen`);
          for (const v of await seriousAxeViolations(page)) problems.push(`${where}: ${v}`);
        }
        await mine.context().close();
        await nobody.context().close();
        expect(problems).toEqual([]);
      },
      UI_WAIT_MS * 8,
    );
  }
});
