/**
 * A Kith with something on every screen, for the whole-app browser tests (every screen at phone and
 * desktop sizes, keyboard and touch): bob owns photos, an album and contacts; his friends alice and
 * carol (linked by verified phone numbers) play music, alice's last track already in her recent listens.
 * Everything is set up over the HTTP API; {@link openAs} gives a browser window already logged in as bob.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { UI_WAIT_MS } from './browser.js';
import { REPO_ROOT, startKith, type KithServer } from './harness.js';
import { api, apiSignup, associate, verifyPhones, type ApiUser } from './now-playing-api.js';

const SAMPLES = path.join(REPO_ROOT, 'node_modules/@vladmandic/face-api/demo');
export const PHONES = { alice: '+14155550101', bob: '+14155550102', carol: '+14155550103' };

export interface AppFixture {
  kith: KithServer;
  bob: ApiUser;
  alice: ApiUser;
  carol: ApiUser;
  /** bob's photo ids, in upload order. */
  assetIds: string[];
  albumId: string;
  /** The marker of one of bob's events (his photos were taken on different evenings). */
  eventMarker: string;
}

/** Uploads one of face-api's sample photos as `user`; @returns the new asset's id. */
async function upload(url: string, user: ApiUser, n: number): Promise<string> {
  const form = new FormData();
  form.append(
    'file',
    new Blob([new Uint8Array(await readFile(path.join(SAMPLES, `sample${n}.jpg`)))], { type: 'image/jpeg' }),
    `sample${n}.jpg`,
  );
  const res = await fetch(`${url}/api/assets`, { method: 'POST', body: form, headers: { cookie: user.cookie } });
  const body = (await res.json()) as { results: Array<{ asset?: { id: string } }> };
  const id = body.results?.[0]?.asset?.id;
  if (!res.ok || !id) throw new Error(`upload sample${n}.jpg: ${res.status} ${JSON.stringify(body)}`);
  return id;
}

/** Boots Kith and seeds it (see the file comment). Call `fixture.kith.stop()` in afterAll. */
export async function startAppFixture(): Promise<AppFixture> {
  const kith = await startKith();
  const { url } = kith;
  const alice = await apiSignup(url, 'alice', 'Alice Martin');
  const bob = await apiSignup(url, 'bob', 'Bob Stone');
  const carol = await apiSignup(url, 'carol', 'Carol Diaz');
  const assetIds: string[] = [];
  for (const n of [1, 2, 3, 4, 5, 6]) assetIds.push(await upload(url, bob, n));
  const { album } = (await api(url, bob, 'POST', '/api/albums', { name: 'Saturday by the lake', assetIds: assetIds.slice(0, 3) })) as {
    album: { id: string };
  };
  await api(url, bob, 'POST', '/api/contacts', { name: 'Alice Martin', phones: [PHONES.alice] });
  await api(url, bob, 'POST', '/api/contacts', { name: 'Carol Diaz', phones: [PHONES.carol] });
  await associate(url, alice, PHONES.alice, [PHONES.bob]);
  await associate(url, carol, PHONES.carol, [PHONES.bob]);
  await associate(url, bob, PHONES.bob, [PHONES.alice, PHONES.carol]);
  await verifyPhones(url, alice, alice, bob, carol);
  const play = (user: ApiUser, title: string, artist: string, album: string, position_ms = 100_000) =>
    api(url, user, 'POST', '/api/now-playing', { title, artist, album, duration_ms: 330_000, position_ms, player: 'mpd' });
  // alice's first track, past half way, counts as a listen once the next starts: it shows in her recent
  // listens (the row that must wrap on a phone).
  await play(alice, 'Teardrop', 'Massive Attack', 'Mezzanine', 200_000);
  await play(alice, 'An exceptionally long song title that will not fit on one line', 'Massive Attack', 'Mezzanine');
  await play(carol, 'Roads', 'Portishead', 'Dummy');
  const { events } = (await api(url, bob, 'GET', '/api/events')) as { events: Array<{ marker: string }> };
  if (!events[0]) throw new Error('the seeded photos made no event');
  return { kith, bob, alice, carol, assetIds, albumId: album.id, eventMarker: events[0].marker };
}

/** A fresh window logged in as `user` (its session cookie), e.g. a phone: `{ viewport, hasTouch, isMobile }`. */
export async function openAs(
  browser: Browser,
  f: Pick<AppFixture, 'kith'>,
  user: ApiUser,
  options: BrowserContextOptions = {},
): Promise<Page> {
  const context = await browser.newContext({ baseURL: f.kith.url, viewport: { width: 1280, height: 800 }, ...options });
  context.setDefaultTimeout(UI_WAIT_MS);
  const host = new URL(f.kith.url).hostname;
  await context.addCookies(
    user.cookie.split('; ').map((pair) => {
      const i = pair.indexOf('=');
      return { name: pair.slice(0, i), value: pair.slice(i + 1), domain: host, path: '/' };
    }),
  );
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(`[browser] page error: ${e.message}`));
  return page;
}
