/**
 * The Kith the viewer's panel and action tests run against (e2e/tests/viewer-info-share.e2e.test.ts at 1280 px,
 * viewer-phone.e2e.test.ts at 360 px), and the steps both sizes take in it. Face analysis is on; bob has the
 * three party photos near Stockholm ({@link seedPartyPhotos}); the newest is in his album "Family", which alice
 * sees; his album "Holiday" holds party 2 only (a target for Share → To an album); his contacts are Erik Berg and
 * Frida Lund (what "Add a name" offers beside "me"). Ready once every photo is analysed and grouped into people,
 * and the evening is an event.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { expectCount, expectText, screenshot, UI_WAIT_MS } from './browser.js';
import { startKith, type KithServer } from './harness.js';
import { api, apiSignup, type ApiUser } from './now-playing-api.js';
import { seedPartyPhotos, type SeededPhoto } from './viewer-page.js';

export interface ViewerKith {
  kith: KithServer;
  bob: ApiUser;
  /** party1-small.jpg, the first tile. */
  newest: SeededPhoto;
  /** Album ids by name. */
  albums: { family: string; holiday: string };
  /** Contact ids by first name. */
  contacts: { erik: string; frida: string };
  /** The evening's event as GET /api/events names it. */
  event: { name: string; marker: string };
}

/** Polls `ready` every 500 ms until it holds; throws after `ms` saying `what` did not happen (a readiness guard). */
export async function until(what: string, ms: number, ready: () => Promise<boolean>): Promise<void> {
  for (const deadline = Date.now() + ms; !(await ready());) {
    if (Date.now() > deadline) throw new Error(`${what} within ${ms / 1000} s`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Boots and seeds the Kith above (see the file comment). Call `kith.stop()` in afterAll. */
export async function startViewerKith(): Promise<ViewerKith> {
  const kith = await startKith({ KITH_FACE_ANALYSIS: 'on', KITH_FACE_WORKERS: '1' });
  const call = (user: ApiUser, method: string, path: string, body?: unknown) => api(kith.url, user, method, path, body);
  const bob = await apiSignup(kith.url, 'bob', 'Bob Stone');
  const photos = await seedPartyPhotos(kith.url, bob);
  await apiSignup(kith.url, 'alice', 'Alice Martin');
  const album = async (name: string, id: string) =>
    ((await call(bob, 'POST', '/api/albums', { name, assetIds: [id] })) as { album: { id: string } }).album.id;
  const albums = { family: await album('Family', photos.party1Small.id), holiday: await album('Holiday', photos.party2.id) };
  await call(bob, 'POST', `/api/albums/${albums.family}/members`, { username: 'alice', role: 'viewer' });
  const contact = async (name: string) => ((await call(bob, 'POST', '/api/contacts', { name })) as { contact: { id: string } }).contact.id;
  const contacts = { erik: await contact('Erik Berg'), frida: await contact('Frida Lund') };
  // Faces are found and grouped by a job: wait until every photo is analysed and photo 1's guests are people.
  await until('face analysis did not finish', 180_000, async () => {
    const status = (await call(bob, 'GET', '/api/faces/status')) as { done: number; people: number };
    return status.done === 3 && status.people > 0;
  });
  let event: ViewerKith['event'] | undefined;
  await until('the evening made no event', 30_000, async () => {
    event = ((await call(bob, 'GET', '/api/events')) as { events: Array<ViewerKith['event']> }).events[0];
    return !!event;
  });
  return { kith, bob, newest: photos.party1Small, albums, contacts, event: event! };
}

/**
 * How a step is pressed: `click` (a mouse, at 1280 px) or `tap` (a finger: the context has `hasTouch`).
 * Either way playwright scrolls the target into view first and checks nothing covers it.
 */
export type Press = 'click' | 'tap';
const press = (locator: Locator, how: Press) => (how === 'tap' ? locator.tap() : locator.click());

/** The locale and time zone the viewer tests' windows run in, so the capture time has one known spelling. */
export const PAGE_LOCALE = { locale: 'en-GB', timezoneId: 'Europe/Stockholm' } as const;

/**
 * The info panel's lines for the newest photo: the capture time (GET /api/assets/{id}'s `capturedAt` as the app
 * writes it, `dateStyle: 'medium', timeStyle: 'short'` in {@link PAGE_LOCALE}: "13 Jun 2026, 20:10"), the camera,
 * the place, the shared album and the event by name.
 */
export async function expectInfoLines(page: Page, fx: ViewerKith): Promise<void> {
  const { capturedAt } = ((await api(fx.kith.url, fx.bob, 'GET', `/api/assets/${fx.newest.id}`)) as { asset: { capturedAt: string } })
    .asset;
  const taken = new Intl.DateTimeFormat(PAGE_LOCALE.locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: PAGE_LOCALE.timezoneId });
  expect(taken.format(new Date(capturedAt))).toMatch(/^13 Jun 2026, \d\d:10$/);
  const { events } = (await api(fx.kith.url, fx.bob, 'GET', '/api/events')) as { events: Array<{ place: string | null }> };
  const place = events.find((e) => e.place)?.place;
  expect(place).toBeTruthy();
  await expectText(page.getByTestId('info-captured'), taken.format(new Date(capturedAt)));
  await expectText(page.getByTestId('info-camera'), 'Kith Party Cam');
  await expectText(page.getByTestId('info-place'), place!);
  await expectText(page.getByTestId('info-shared-in'), 'Family · 1 person');
  const chip = page.getByTestId('viewer-info').locator(`[data-testid="marker-chip"][data-marker="${fx.event.marker}"]`);
  await expectText(chip, fx.event.name);
}

/**
 * "Add a name" on the first unnamed face: the dialog offers "me" (Bob Stone) and bob's contacts; choosing
 * `contact` links the person to it, which GET /api/people shows as the person's contact (a link bob made).
 */
export async function nameFaceAsContact(page: Page, fx: ViewerKith, contact: 'erik' | 'frida', how: Press, shot?: string): Promise<void> {
  const face = page
    .getByTestId('viewer-face')
    .filter({ has: page.getByTestId('viewer-face-add-name') })
    .first();
  const personId = await face.getAttribute('data-person-id');
  expect(personId).toBeTruthy();
  await press(face.getByTestId('viewer-face-add-name'), how);
  const naming = page.getByTestId('person-rename-dialog');
  const option = (kind: string, label: string) =>
    naming.locator(`[data-testid="name-option"][data-kind="${kind}"]`).filter({ hasText: label });
  await expectCount(option('me', 'Bob Stone'), 1);
  await expectCount(option('contact', 'Erik Berg'), 1);
  await expectCount(option('contact', 'Frida Lund'), 1);
  if (shot) await screenshot(page, shot);
  const name = contact === 'erik' ? 'Erik Berg' : 'Frida Lund';
  await press(option('contact', name), how);
  await naming.waitFor({ state: 'detached' });
  await expectText(page.locator(`[data-testid="viewer-face"][data-person-id="${personId}"] [data-testid="viewer-face-name"]`), name);
  const { people } = (await api(fx.kith.url, fx.bob, 'GET', '/api/people')) as {
    people: Array<{ id: string; contact: { id: string } | null; linkSource: string | null; linkConfirmed: boolean }>;
  };
  expect(people.find((p) => p.id === personId)).toMatchObject({
    contact: { id: fx.contacts[contact] },
    linkSource: 'owner',
    linkConfirmed: true,
  });
}

/** Add to album → a new album named `name`: it holds the open photo alone. */
export async function addToNewAlbum(page: Page, fx: ViewerKith, name: string, how: Press, shot?: string): Promise<void> {
  await press(page.getByTestId('viewer-add-to-album'), how);
  const dialog = page.getByTestId('add-to-album-dialog');
  await dialog.getByTestId('new-album-name').fill(name);
  // The existing albums are listed too (Family, Holiday).
  await expectCount(dialog.getByTestId('album-pick'), 2);
  if (shot) await screenshot(page, shot);
  await press(dialog.getByTestId('new-album-create'), how);
  await dialog.waitFor({ state: 'detached' });
  const { albums } = (await api(fx.kith.url, fx.bob, 'GET', '/api/albums')) as { albums: Array<{ id: string; name: string }> };
  expect(await albumAssetIds(fx, albums.find((a) => a.name === name)!.id)).toEqual([fx.newest.id]);
}

/** The ids of an album's photos (GET /api/albums/{id}). */
export async function albumAssetIds(fx: ViewerKith, albumId: string): Promise<string[]> {
  const { album } = (await api(fx.kith.url, fx.bob, 'GET', `/api/albums/${albumId}`)) as { album: { assets: Array<{ id: string }> } };
  return album.assets.map((a) => a.id);
}

/** Opens Share from the bar and waits until it knows whether routing suggests anyone; @returns the dialog. */
export async function openShare(page: Page, how: Press): Promise<Locator> {
  await press(page.getByTestId('viewer-share'), how);
  const share = page.getByTestId('viewer-share-dialog');
  await share.waitFor();
  await share.locator('[data-testid="share-person"], [data-testid="share-person-none"]:not(:has-text("Looking for people"))').waitFor();
  return share;
}

/** Share → To an album → Holiday (party 2 only until now): the open photo joins it. */
export async function shareToHoliday(page: Page, fx: ViewerKith, how: Press): Promise<void> {
  const share = await openShare(page, how);
  await press(share.getByTestId('share-to-album'), how);
  await share.waitFor({ state: 'detached' });
  const dialog = page.getByTestId('add-to-album-dialog');
  await press(dialog.getByTestId('album-pick').filter({ hasText: 'Holiday' }), how);
  await dialog.waitFor({ state: 'detached' });
  // Add to album's own toast may still be up: look for this one among them.
  await page.getByTestId('toast').filter({ hasText: 'Added 1 photo to “Holiday”' }).waitFor();
  const holiday = await albumAssetIds(fx, fx.albums.holiday);
  expect(holiday).toHaveLength(2);
  expect(holiday).toContain(fx.newest.id);
}

/** Share → Get a link: a `/l/{key}` URL whose public page (GET /api/l/{key}, no login) has the one photo. */
export async function getLink(page: Page, fx: ViewerKith, how: Press): Promise<Locator> {
  const share = await openShare(page, how);
  await share.getByTestId('share-person-none').waitFor();
  await press(share.getByTestId('share-link'), how);
  await expect.poll(() => share.getByTestId('share-link-url').inputValue(), { timeout: UI_WAIT_MS }).toMatch(/\/l\/[\w-]{22}$/);
  const key = (await share.getByTestId('share-link-url').inputValue()).split('/l/')[1]!;
  const visitor = (await (await fetch(`${fx.kith.url}/api/l/${key}`)).json()) as { assets: Array<{ id: string }> };
  expect(visitor.assets).toHaveLength(1);
  return share;
}

/** Download original: the browser saves a file named as uploaded, byte for byte the uploaded JPEG (SHA-256). */
export async function expectDownloadsOriginal(page: Page, photo: SeededPhoto, name: string, how: Press): Promise<void> {
  const download = page.waitForEvent('download');
  await press(page.getByTestId('viewer-download'), how);
  const file = await download;
  expect(file.suggestedFilename()).toBe(name);
  const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
  const saved = await readFile(await file.path());
  expect(saved.length).toBe(photo.bytes.length);
  expect(sha256(saved)).toBe(sha256(photo.bytes));
}
