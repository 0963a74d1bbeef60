/**
 * The real-client test of now playing: Debian's mpd plays a tagged FLAC made at test time, Debian's
 * mpdscribble reports it to Kith's Audioscrobbler 1.2 endpoint on loopback (handshake with
 * md5(md5(scrobbler token) + t), then now-playing), and a friend's socket.io client receives
 * `now-playing.updated` with the right title and artist.
 */
import { execFile, spawn } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, startKith, type KithServer } from '../src/harness.js';
import { makeTrack, playersInstalled, startMpd, startMpdscribble, type Mpd } from '../src/mpd.js';
import { listenAs } from '../../server/test/helpers/recording-socket.js';
import { api, apiLogin, apiSignup, associate, verifyPhones, type ApiUser } from '../src/now-playing-api.js';

const installed = await playersInstalled();
const KITH_CLI = path.join(REPO_ROOT, 'cli/bin/kith.mjs');

describe.skipIf(!installed)('mpd + mpdscribble report into Kith', () => {
  let kith: KithServer;
  let mpd: Mpd;
  let scribble: Awaited<ReturnType<typeof startMpdscribble>> | undefined;
  /** alice, the first account: the admin who marks numbers verified. */
  let admin: ApiUser;

  beforeAll(async () => {
    [kith, mpd] = await Promise.all([startKith(), startMpd()]);
  });
  afterAll(async () => {
    await scribble?.stop();
    await mpd?.stop();
    await kith?.stop();
  });

  it("a friend's socket gets now-playing with the song's title and artist", async () => {
    const alice = (admin = await apiSignup(kith.url, 'alice', 'Alice'));
    const bob = await apiSignup(kith.url, 'bob', 'Bob');
    await associate(kith.url, alice, '+14155550101', []);
    await associate(kith.url, bob, '+14155550102', ['+1 415 555 0101']);
    // Numbers link friends only once verified (docs/security.md); alice, the admin, marks them.
    await verifyPhones(kith.url, alice, alice, bob);
    const { token } = await api(kith.url, alice, 'POST', '/api/now-playing/scrobbler-token', { name: 'mpdscribble' });
    const { audioscrobbler_url } = await api(kith.url, alice, 'GET', '/api/now-playing/connect');
    expect(audioscrobbler_url).toBe(`${kith.url}/audioscrobbler/`);

    const track = await makeTrack(mpd.musicDir, { title: 'Loopback Lullaby', artist: 'The Sine Waves', album: 'Null Output', seconds: 40 });
    await mpd.mpc('update', '--wait');
    await mpd.mpc('add', track.file);

    const bobSocket = await listenAs(kith.url, bob);
    scribble = await startMpdscribble({ mpdPort: mpd.port, url: audioscrobbler_url, username: 'alice', password: token });
    await mpd.mpc('play');

    const pushed = await bobSocket.next('now-playing.updated', (e) => e.user.username === 'alice');
    expect(pushed.playing).toMatchObject({
      title: 'Loopback Lullaby',
      artist: 'The Sine Waves',
      album: 'Null Output',
      via: 'audioscrobbler',
    });
    expect(pushed.playing.duration_ms).toBe(40_000);
    const friends = await api(kith.url, bob, 'GET', '/api/now-playing/friends');
    expect(friends.friends[0].playing.title).toBe('Loopback Lullaby');
    bobSocket.close();
  });

  it('`kith now-playing watch --mpd` follows the same mpd over its idle protocol: play and stop reach bob', async () => {
    await scribble?.stop();
    scribble = undefined;
    const carol = await apiSignup(kith.url, 'carol', 'Carol');
    await associate(kith.url, carol, '+14155550103', []);
    await verifyPhones(kith.url, admin, carol);
    const bob = { username: 'bob', cookie: (await apiLogin(kith.url, 'bob')).cookie };
    await associate(kith.url, bob, '+14155550102', ['+1 415 555 0101', '+1 415 555 0103']);
    // The narrowest tokens that do the job (docs/security.md): `scrobble` reports plays, `read` shows friends.
    const { token } = await api(kith.url, carol, 'POST', '/api/me/tokens', { name: 'cli', scope: 'scrobble' });
    const bobSocket = await listenAs(kith.url, bob);
    const env = { ...process.env, KITH_URL: kith.url, KITH_TOKEN: token };
    const watcher = spawn(process.execPath, [KITH_CLI, 'now-playing', 'watch', '--mpd', `127.0.0.1:${mpd.port}`], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    watcher.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    watcher.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    try {
      const started = await bobSocket.next('now-playing.updated', (e) => e.user.username === 'carol');
      expect(started.playing).toMatchObject({
        title: 'Loopback Lullaby',
        artist: 'The Sine Waves',
        player: 'mpd',
        via: 'kith',
        duration_ms: 40_000,
      });
      // The terminal view of bob's friends, printed once.
      const view = await promisify(execFile)(process.execPath, [KITH_CLI, 'now-playing', 'friends', '--once', '--no-links'], {
        env: {
          ...process.env,
          KITH_URL: kith.url,
          KITH_TOKEN: (await api(kith.url, bob, 'POST', '/api/me/tokens', { name: 'cli', scope: 'read' })).token,
        },
      });
      expect(view.stdout).toContain('▶ Carol (@carol) on mpd');
      expect(view.stdout).toContain('The Sine Waves – Loopback Lullaby (Null Output)');
      await mpd.mpc('stop');
      expect((await bobSocket.next('now-playing.stopped', (e) => e.user.username === 'carol')).reason).toBe('stopped');
      expect(out).toContain('▶ The Sine Waves – Loopback Lullaby');
    } finally {
      watcher.kill('SIGINT');
      bobSocket.close();
    }
  });
});
