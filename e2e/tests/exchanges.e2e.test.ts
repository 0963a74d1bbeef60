/**
 * Exchanges end to end (the image-exchange-and-synthesis seed): a logged-in requester and a stranger who opens
 * the invite link, each in their own Chromium whose fake camera plays a real person (a face cropped
 * from a party photo, made into .y4m by ffmpeg). Exchange mode: each side receives the other's
 * photo, recognised by the face engine. Synthesis mode: the composite holds both people. Then the
 * permission paths as the requester sees them live: decline, block, a policy that refuses, expiry.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import exifr from 'exifr';
import { CALIBRATION, createFaceEngine, descriptorDistance, type FaceEngine } from '@kith/faces';
import type { Browser, Page } from 'playwright-core';
import { afterAll, assert, beforeAll, describe, expect, it } from 'vitest';
import { partyPath, partyPhoto } from '../../server/test/helpers/photos.js';
import { expectText, launchBrowser, openWindow, screenshot, SCREENS_DIR, UI_WAIT_MS } from '../src/browser.js';
import { captureWithCamera, expectRoomState, resultImage } from '../src/exchange-room.js';
import { fakeCameraArgs, sitterFrom, type Sitter } from '../src/fake-camera.js';
import { startKith, type KithServer } from '../src/harness.js';
import { signUp, type Person } from '../src/ui.js';

const alice: Person = { username: 'alice', displayName: 'Alice Moreau', password: 'correct horse alice', phone: '+1 415 555 0101' };
const bob: Person = { username: 'bob', displayName: 'Bob Tran', password: 'correct horse bob', phone: '+1 415 555 0102' };
/** Composing runs segmentation and face analysis on a shared 2-core box: a readiness bound, not an assertion. */
const COMPOSE_WAIT_MS = 180_000;

describe('Exchanges between a Kith user and a stranger, in two real browsers', () => {
  let kith: KithServer;
  let engine: FaceEngine;
  let dir: string;
  let requester: Sitter;
  let stranger: Sitter;
  let aliceBrowser: Browser;
  let guestBrowser: Browser;
  let a: Page;

  /** Whether `jpeg` shows a face of `who` (distance within the engine's calibrated threshold). */
  const facesOf = async (jpeg: Buffer) => (await engine.analyse(jpeg)).faces;
  const isSame = (d: Float32Array, who: Sitter) =>
    descriptorDistance(engine.model, d, who.descriptor) <= CALIBRATION[engine.model].threshold;

  /** Alice signs up once, in whichever test runs first (each test can run alone with -t). */
  let aliceIn = false;
  const aliceSignedIn = async () => {
    if (!aliceIn) await signUp(a, alice);
    aliceIn = true;
  };

  /** A phone-sized window in the stranger's own browser (no cookies, no account). */
  const strangerWindow = async (): Promise<Page> => {
    const ctx = await guestBrowser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
    ctx.setDefaultTimeout(UI_WAIT_MS);
    const page = await ctx.newPage();
    page.on('pageerror', (e) => console.error(`[guest] page error: ${e.message}`));
    return page;
  };

  /** Alice makes an invite link for `mode`; @returns its URL (as shown and as the QR code encodes it). */
  const invite = async (mode: 'exchange' | 'synthesis', shot: string): Promise<string> => {
    await a.getByTestId('nav-exchanges').click();
    await a.getByTestId('exchanges-screen').waitFor();
    await a.getByTestId('exchange-new').first().click();
    await a.getByTestId(`new-exchange-mode-${mode}`).check();
    await a.getByTestId('new-exchange-target-invite').click();
    await a.getByTestId('new-exchange-submit').click();
    await a.getByTestId('invite-qr').waitFor();
    const url = await a.getByTestId('invite-link').inputValue();
    expect(url).toMatch(new RegExp(`^${kith.url}/x/[A-Za-z0-9_-]{43,}$`));
    await screenshot(a, `${shot}-invite`);
    await a.getByTestId('invite-open-room').click();
    await expectRoomState(a, 'awaiting-answer');
    return url;
  };

  /** The stranger opens the link, sees who invites and for what, gives a name and joins. */
  const join = async (g: Page, url: string, mode: string, shot: string) => {
    await g.goto(url);
    await g.getByTestId('guest-join-form').waitFor();
    await expectText(g.getByTestId('guest-inviter'), alice.displayName);
    expect(await g.getByTestId('guest-mode').getAttribute('data-mode')).toBe(mode);
    await screenshot(g, `${shot}-guest-join`);
    await g.getByTestId('guest-name').fill('Mia');
    await g.getByTestId('guest-join').click();
    await g.getByTestId('capture-panel').waitFor();
    // The link now carries the guest's own token: the one-time invite is spent.
    expect(g.url()).not.toBe(url);
  };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'kith-exchange-cam-'));
    engine = createFaceEngine({ poolSize: 1 });
    // Two different people, one face each, from the party photos shipped with face-api.
    requester = await sitterFrom(engine, partyPath(1), dir, 'requester');
    stranger = await sitterFrom(engine, partyPath(5), dir, 'stranger');
    expect(isSame(requester.descriptor, stranger)).toBe(false);

    kith = await startKith({ KITH_FACE_ANALYSIS: 'on', KITH_FACE_WORKERS: '1', KITH_EXCHANGE_REQUEST_MINUTES: '1' });
    aliceBrowser = await launchBrowser(fakeCameraArgs(requester.y4m));
    guestBrowser = await launchBrowser(fakeCameraArgs(stranger.y4m));
    a = await openWindow(aliceBrowser, kith.url);
  }, 240_000);

  afterAll(async () => {
    await aliceBrowser?.close();
    await guestBrowser?.close();
    await kith?.stop();
    await engine?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('exchange mode: each side receives the other’s photo, live', async () => {
    await aliceSignedIn();
    const url = await invite('exchange', 'x-exchange-1');
    const g = await strangerWindow();
    await join(g, url, 'exchange', 'x-exchange-2');
    // Alice's room learns of the join over socket.io.
    await expectRoomState(a, 'your-turn');
    await expectText(a.getByTestId('exchange-partner'), 'Mia');

    expect(await captureWithCamera(g)).toBe(200);
    await expectRoomState(g, 'waiting-partner');
    await expectRoomState(a, 'partner-captured');
    await screenshot(g, 'x-exchange-3-guest-waiting');
    await screenshot(a, 'x-exchange-3-requester-partner-captured');

    expect(await captureWithCamera(a)).toBe(200);
    await expectRoomState(a, 'done');
    await expectRoomState(g, 'done');
    await screenshot(a, 'x-exchange-4-requester-result');
    await screenshot(g, 'x-exchange-4-guest-result');

    // Alice got the stranger's photo and the stranger got Alice's: the face engine recognises each.
    const toAlice = await facesOf(await resultImage(a, 'partner'));
    const toGuest = await facesOf(await resultImage(g, 'partner'));
    expect(toAlice).toHaveLength(1);
    expect(toGuest).toHaveLength(1);
    const [aliceGot, guestGot] = [toAlice[0], toGuest[0]];
    assert(aliceGot && guestGot, 'one face in each result');
    expect(isSame(aliceGot.descriptor, stranger)).toBe(true);
    expect(isSame(aliceGot.descriptor, requester)).toBe(false);
    expect(isSame(guestGot.descriptor, requester)).toBe(true);
    expect(isSame(guestGot.descriptor, stranger)).toBe(false);
    // The guest can download it.
    expect(await g.locator('[data-testid="result-download"][data-kind="partner"]').getAttribute('href')).toMatch(
      /^\/api\/guest\/exchanges\//,
    );

    // A reaction reaches the other side; another round starts for both; Alice ends it and the guest is told.
    await g.locator('[data-testid="reaction-button"][data-emoji="❤️"]').click();
    await expectText(a.locator('[data-testid="reaction-button"][data-emoji="❤️"]'), '1');
    // Each reaction is drawn from a bundled image, not a colour emoji font this machine lacks: every one decoded.
    await a.waitForFunction(() =>
      [...document.querySelectorAll<HTMLImageElement>('[data-testid="reaction-button"] img')].every(
        (i) => i.complete && i.naturalWidth > 0,
      ),
    );
    expect(await a.locator('[data-testid="reaction-button"] img').count()).toBe(5);
    await a.getByTestId('reactions').screenshot({ path: `${SCREENS_DIR}/e2e-exchange-reactions.png` });
    await a.getByTestId('exchange-another-round').click();
    await expectRoomState(a, 'your-turn');
    await expectRoomState(g, 'your-turn');

    // Round 2: the stranger chooses a file instead, a camera JPEG with GPS; what Alice receives has none.
    const withGps = await partyPhoto(3, { gps: { latitude: 48.8584, longitude: 2.2945 } });
    expect(await exifr.gps(withGps)).toBeTruthy();
    const sent = g.waitForResponse((r) => /\/captures$/.test(r.url()) && r.request().method() === 'POST');
    await g.getByTestId('capture-file-input').setInputFiles({ name: 'party.jpg', mimeType: 'image/jpeg', buffer: withGps });
    expect((await sent).status()).toBe(200);
    await expectRoomState(a, 'partner-captured');
    expect(await captureWithCamera(a)).toBe(200);
    await expectRoomState(a, 'done');
    await expectRoomState(g, 'done');
    expect(await a.getByTestId('exchange-result').first().getAttribute('data-n')).toBe('2');
    expect(await exifr.gps(await resultImage(a, 'partner'))).toBeFalsy();
    await screenshot(a, 'x-exchange-5-requester-round-2');
    await a.getByTestId('exchange-end').click();
    await a.getByTestId('confirm-ok').click();
    await expectRoomState(a, 'ended');
    await expectRoomState(g, 'ended');
    await screenshot(g, 'x-exchange-6-guest-ended');
    await g.context().close();

    // The images stay in the exchange until alice keeps one: "Save to library" files it in the album "Exchanges".
    await a.getByTestId('result-save').first().click();
    await expectText(a.getByTestId('result-saved').first(), 'Saved to library');
    await a.getByTestId('nav-albums').click();
    await expectText(a.getByTestId('album-card-name'), 'Exchanges');
  });

  it('synthesis mode: the group photo holds both people and reaches both sides', async () => {
    await aliceSignedIn();
    const url = await invite('synthesis', 'x-synthesis-1');
    const g = await strangerWindow();
    await join(g, url, 'synthesis', 'x-synthesis-2');
    await expectRoomState(a, 'your-turn');

    expect(await captureWithCamera(a)).toBe(200);
    await expectRoomState(g, 'partner-captured');
    expect(await captureWithCamera(g)).toBe(200);
    await expectRoomState(a, 'done', COMPOSE_WAIT_MS);
    await expectRoomState(g, 'done');
    await screenshot(a, 'x-synthesis-3-requester-result');
    await screenshot(g, 'x-synthesis-3-guest-result');

    const mode = await a.getByTestId('exchange-result').getAttribute('data-mode');
    const note = (await a.getByTestId('result-note').count()) ? await a.getByTestId('result-note').textContent() : null;
    expect(mode, `composite mode (note: ${note})`).toBe('synthesis');
    const composite = await resultImage(a, 'result');
    // Both sides see the same composite.
    expect((await resultImage(g, 'result')).equals(composite)).toBe(true);
    const faces = await facesOf(composite);
    expect(faces.length).toBeGreaterThanOrEqual(2);
    expect(faces.some((f) => isSame(f.descriptor, requester))).toBe(true);
    expect(faces.some((f) => isSame(f.descriptor, stranger))).toBe(true);
    await g.context().close();
  }, 300_000);

  describe('permission paths, as the requester sees them live', () => {
    let b: Page;

    beforeAll(async () => {
      b = await openWindow(aliceBrowser, kith.url);
    });

    /** Alice asks `to` from the dialog. @returns the server's answer: status and error code, if any. */
    const ask = async (to: string): Promise<{ status: number; code?: string }> => {
      await a.getByTestId('nav-exchanges').click();
      await a.getByTestId('exchange-new').first().click();
      await a.getByTestId('new-exchange-target-user').click();
      await a.getByTestId('new-exchange-to').fill(to);
      const answer = a.waitForResponse((r) => r.url().endsWith('/api/exchanges') && r.request().method() === 'POST');
      await a.getByTestId('new-exchange-submit').click();
      const res = await answer;
      return { status: res.status(), code: res.ok() ? undefined : ((await res.json()) as { code: string }).code };
    };
    const setPolicy = async (policy: 'anyone' | 'contacts' | 'nobody') => {
      await b.getByTestId('nav-exchanges').click();
      const saved = b.waitForResponse((r) => r.url().endsWith('/api/exchanges/settings') && r.request().method() === 'PUT');
      await b.getByTestId('exchange-policy').selectOption(policy);
      expect((await saved).status()).toBe(200);
    };
    /** Bob's row for the newest incoming request. */
    const incoming = () => b.locator('[data-testid="exchange-incoming"] [data-testid="exchange-row"]').first();

    it('a policy that refuses: the requester is told why in the dialog', async () => {
      await aliceSignedIn();
      await signUp(b, bob);
      // Bob's default policy is "contacts", and Alice is not in his address book.
      expect(await ask('bob')).toEqual({ status: 403, code: 'exchange_not_allowed' });
      await a.getByTestId('new-exchange-error').waitFor();
      await screenshot(a, 'x-perm-1-refused-contacts');
      await a.keyboard.press('Escape');
      await setPolicy('nobody');
      expect(await ask('bob')).toEqual({ status: 403, code: 'exchange_not_allowed' });
      await a.getByTestId('new-exchange-error').waitFor();
      await a.keyboard.press('Escape');
    });

    it('decline: the requester’s room says so at once', async () => {
      await setPolicy('anyone');
      expect((await ask('bob')).status).toBe(201);
      await expectRoomState(a, 'awaiting-answer');
      await incoming().waitFor();
      await screenshot(b, 'x-perm-2-request-incoming');
      await incoming().getByTestId('exchange-decline').click();
      await expectRoomState(a, 'declined');
      await screenshot(a, 'x-perm-2-declined');
    });

    it('block: the request is refused live, and a new one is refused outright', async () => {
      expect((await ask('bob')).status).toBe(201);
      await expectRoomState(a, 'awaiting-answer');
      await incoming().getByTestId('exchange-block').click();
      await b.getByTestId('confirm-ok').click();
      await expectRoomState(a, 'blocked');
      await screenshot(a, 'x-perm-3-blocked');
      expect(await ask('bob')).toEqual({ status: 403, code: 'exchange_blocked' });
      await a.getByTestId('new-exchange-error').waitFor();
      await screenshot(a, 'x-perm-3-blocked-new-request');
      await a.keyboard.press('Escape');
    });

    it('expiry: an unanswered invite expires and the requester sees it without reloading', async () => {
      await aliceSignedIn();
      await invite('exchange', 'x-perm-4');
      // KITH_EXCHANGE_REQUEST_MINUTES=1: the server's timer fires after a minute and tells the room.
      await expectRoomState(a, 'expired', 120_000);
      await screenshot(a, 'x-perm-4-expired');
    });
  });
});
