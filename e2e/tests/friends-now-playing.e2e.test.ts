/**
 * The Friends panel in Chromium: bob links his number and a vCard holding alice's and
 * carol's numbers; alice and carol report plays over the API; bob's open panel updates live —
 * title, artist, ticking progress, cover, "find it" links — and shows alice's finished play in
 * her recent listens, all without reloading.
 */
import sharp from 'sharp';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectCount, expectText, launchBrowser, openWindow, screenshot } from '../src/browser.js';
import { startKith, type KithServer } from '../src/harness.js';
import { api, apiSignup, associate, verifyPhones, type ApiUser } from '../src/now-playing-api.js';
import { signUp, vcardOf, type Person } from '../src/ui.js';

const bob: Person = { username: 'bob', displayName: 'Bob Stone', password: 'correct horse bob', phone: '+1 415 555 0102' };
const ALICE_PHONE = '+14155550101';
const CAROL_PHONE = '+14155550103';
const COVER_HOST = 'https://covers.kith.test';

/** Square gradient "cover art" made locally; the browser's requests to COVER_HOST are answered with it. */
const cover = (from: string, to: string) =>
  sharp(
    Buffer.from(
      `<svg xmlns="http://www.w3.org/2000/svg" width="240" height="240"><defs><linearGradient id="g" x2="1" y2="1"><stop offset="0" stop-color="${from}"/><stop offset="1" stop-color="${to}"/></linearGradient></defs><rect width="240" height="240" fill="url(#g)"/><circle cx="120" cy="120" r="64" fill="none" stroke="#fff" stroke-opacity=".55" stroke-width="10"/><circle cx="120" cy="120" r="12" fill="#fff" fill-opacity=".8"/></svg>`,
    ),
  )
    .png()
    .toBuffer();

describe('Friends panel (now playing) in the web app', () => {
  let kith: KithServer;
  let browser: Browser;
  let page: Page;
  let alice: ApiUser, carol: ApiUser;

  beforeAll(async () => {
    kith = await startKith();
    browser = await launchBrowser();
    page = await openWindow(browser, kith.url);
    const covers: Record<string, Buffer> = {
      'teardrop.png': await cover('#1f2a6b', '#c2410c'),
      'roads.png': await cover('#0f766e', '#a3e635'),
    };
    await page.route(`${COVER_HOST}/**`, (route) =>
      route.fulfill({ contentType: 'image/png', body: covers[route.request().url().split('/').pop()!] }),
    );
    alice = await apiSignup(kith.url, 'alice', 'Alice Martin');
    carol = await apiSignup(kith.url, 'carol', 'Carol Diaz');
    await associate(kith.url, alice, ALICE_PHONE, []);
    await associate(kith.url, carol, CAROL_PHONE, []);
    // Their numbers reach bob's book only once verified; alice is the admin (first account).
    await verifyPhones(kith.url, alice, alice, carol);
  });
  afterAll(async () => {
    await browser?.close();
    await kith?.stop();
  });

  it('bob links his number and a vCard with alice and carol in it', async () => {
    await signUp(page, bob);
    await page.getByTestId('nav-friends').click();
    await page.getByTestId('friends-screen').waitFor();
    await page.getByTestId('now-playing-self-phone').fill(bob.phone);
    const vcf = vcardOf([
      { name: 'Friend 0', phone: ALICE_PHONE },
      { name: 'Friend 1', phone: CAROL_PHONE },
    ]);
    await page
      .getByTestId('now-playing-book-file')
      .setInputFiles({ name: 'contacts.vcf', mimeType: 'text/vcard', buffer: Buffer.from(vcf) });
    await page.getByTestId('now-playing-associate').click();
    await expectText(page.getByTestId('now-playing-reaches-me'), 'Alice Martin, Carol Diaz');
    await expectCount(page.getByTestId('friend-card'), 2);
  });

  it("shows alice's play the moment she submits it, with progress ticking and find-it links", async () => {
    await api(kith.url, alice, 'POST', '/api/now-playing', {
      title: 'Teardrop',
      artist: 'Massive Attack',
      album: 'Mezzanine',
      duration_ms: 330_000,
      position_ms: 200_000,
      cover_url: `${COVER_HOST}/teardrop.png`,
      player: 'mpd',
    });
    const card = page.locator('[data-testid=friend-card][data-username=alice]');
    await expectText(card.getByTestId('now-playing-title'), 'Teardrop');
    await expectText(card.getByTestId('now-playing-artist'), 'Massive Attack · Mezzanine');
    await expectText(card.getByTestId('now-playing-live'), 'Listening now · mpd');
    const first = await card.getByTestId('now-playing-elapsed').textContent();
    await expect.poll(() => card.getByTestId('now-playing-elapsed').textContent(), { timeout: 10_000 }).not.toBe(first);
    expect(await card.getByTestId('now-playing-find-link').allTextContents()).toEqual(['MusicBrainz ', 'Web ']);
    expect(await card.getByTestId('now-playing-find-link').first().getAttribute('href')).toBe(
      'https://musicbrainz.org/search?type=recording&query=Massive%20Attack%20%E2%80%93%20Teardrop',
    );
    await expect.poll(() => card.getByTestId('now-playing-cover').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(240);
  });

  it('moves on live: alice’s next track replaces it, the finished one lands in her recent listens; carol starts too', async () => {
    await api(kith.url, alice, 'POST', '/api/now-playing', {
      title: 'Angel',
      artist: 'Massive Attack',
      album: 'Mezzanine',
      duration_ms: 379_000,
      position_ms: 12_000,
      cover_url: `${COVER_HOST}/teardrop.png`,
      player: 'mpd',
    });
    await api(kith.url, carol, 'POST', '/api/now-playing', {
      title: 'Roads',
      artist: 'Portishead',
      album: 'Dummy',
      duration_ms: 305_000,
      position_ms: 95_000,
      cover_url: `${COVER_HOST}/roads.png`,
      source_url: 'https://example.org/portishead/roads',
      player: 'VLC',
    });
    const aliceCard = page.locator('[data-testid=friend-card][data-username=alice]');
    const carolCard = page.locator('[data-testid=friend-card][data-username=carol]');
    await expectText(aliceCard.getByTestId('now-playing-title'), 'Angel');
    await expectText(aliceCard.getByTestId('now-playing-recent-item'), 'Teardrop');
    await expectText(carolCard.getByTestId('now-playing-title'), 'Roads');
    expect((await carolCard.getByTestId('now-playing-find-link').allTextContents())[0]).toBe('Source ');
    await expectText(page.getByTestId('friends-screen').locator('.page-subtitle'), '2 friends · 2 playing now');
    await page.mouse.move(0, 0);
    await screenshot(page, 'friends-now-playing');
  });

  it('shows "Not playing" when a friend stops', async () => {
    await api(kith.url, carol, 'DELETE', '/api/now-playing');
    const carolCard = page.locator('[data-testid=friend-card][data-username=carol]');
    await expectText(carolCard, 'Not playing');
    await expectCount(carolCard.getByTestId('now-playing-playing'), 0);
  });
});
