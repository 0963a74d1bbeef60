import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, engines, type TestApp, type TestUser } from '../helpers/test-app.js';
import { aliceReachesBob, listenAs, urlOf } from '../helpers/now-playing.js';

const md5 = (s: string) => crypto.createHash('md5').update(s, 'utf8').digest('hex');
const now = () => Math.floor(Date.now() / 1000);

// Audioscrobbler Realtime Submission Protocol v1.2 (http://www.audioscrobbler.net/development/protocol/):
// handshake, now-playing and submission, with the answers the document lists.
describe.each(engines)('Audioscrobbler 1.2 on %s', (engine) => {
  let t: TestApp;
  let alice: TestUser, bob: TestUser;
  let token: string;
  const handshake = (q: Record<string, string>) => t.app.inject({ method: 'GET', url: `/audioscrobbler/?${new URLSearchParams(q)}` });
  const form = (url: string, body: Record<string, string>) =>
    t.app.inject({
      method: 'POST',
      url,
      payload: new URLSearchParams(body).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
  const hs = (ts = now(), password = token) => ({
    hs: 'true',
    p: '1.2',
    c: 'tst',
    v: '1.0',
    u: 'alice',
    t: String(ts),
    a: md5(md5(password) + ts),
  });

  beforeAll(async () => {
    t = await createTestApp(engine);
    ({ alice, bob } = await aliceReachesBob(t.app));
    token = (await as(t.app, alice).post('/api/now-playing/scrobbler-token', { name: 'mpdscribble' })).json().token;
  });
  afterAll(async () => t?.close());

  it('handshake with a = md5(md5(token) + t) answers OK, a session id and the two URLs', async () => {
    const res = await handshake(hs());
    expect(res.statusCode).toBe(200);
    const [status, session, nowPlayingUrl, submitUrl] = res.body.trim().split('\n');
    expect(status).toBe('OK');
    expect(session).toMatch(/\S{20,}/);
    expect(nowPlayingUrl).toMatch(/\/audioscrobbler\/np$/);
    expect(submitUrl).toMatch(/\/audioscrobbler\/submit$/);
  });

  it('BADAUTH for a wrong password or user, BADTIME for a clock far off, FAILED for a missing parameter', async () => {
    expect((await handshake(hs(now(), 'wrong'))).body).toBe('BADAUTH\n');
    expect((await handshake({ ...hs(), u: 'bob' })).body).toBe('BADAUTH\n');
    expect((await handshake(hs(now() - 3 * 3600))).body).toBe('BADTIME\n');
    const { a: _a, ...noAuth } = hs();
    expect((await handshake(noAuth)).body).toBe('FAILED Missing parameter a\n');
  });

  it('the 1.2.1 token variant: a = md5(shared secret + t) with api_key and sk', async () => {
    const { lastfm } = (await as(t.app, alice).get('/api/now-playing/connect')).json();
    const ts = String(now());
    const res = await handshake({
      hs: 'true',
      p: '1.2.1',
      c: 'tst',
      v: '1.0',
      u: 'alice',
      t: ts,
      a: md5(lastfm.shared_secret + ts),
      api_key: lastfm.api_key,
      sk: token,
    });
    expect(res.body.split('\n')[0]).toBe('OK');
  });

  it('now-playing reaches bob; submission adds a listen; a forged session gets BADSESSION', async () => {
    const [, session] = (await handshake(hs())).body.split('\n');
    const bobSocket = await listenAs(await urlOf(t.app), bob);
    const np = await form('/audioscrobbler/np', { s: session, a: 'Björk', t: 'Jóga', b: 'Homogenic', l: '305', n: '3', m: '' });
    expect(np.body).toBe('OK\n');
    expect((await bobSocket.next('now-playing.updated')).playing).toMatchObject({
      title: 'Jóga',
      artist: 'Björk',
      duration_ms: 305_000,
      via: 'audioscrobbler',
    });
    const started = now() - 310;
    const sub = await form('/audioscrobbler/submit', {
      s: session,
      'a[0]': 'Björk',
      't[0]': 'Jóga',
      'i[0]': String(started),
      'o[0]': 'P',
      'r[0]': '',
      'l[0]': '305',
      'b[0]': 'Homogenic',
      'n[0]': '3',
      'm[0]': '',
    });
    expect(sub.body).toBe('OK\n');
    const listens = (await as(t.app, alice).get('/api/now-playing/listens')).json().listens;
    expect(listens[0]).toMatchObject({
      title: 'Jóga',
      artist: 'Björk',
      via: 'audioscrobbler',
      listened_at: new Date(started * 1000).toISOString(),
    });
    expect((await form('/audioscrobbler/np', { s: session.replace(/.$/, (c) => (c === 'a' ? 'b' : 'a')), a: 'x', t: 'y' })).body).toBe(
      'BADSESSION\n',
    );
    const missing = await form('/audioscrobbler/submit', { s: session, 'a[0]': 'Björk', 't[0]': 'Jóga', 'o[0]': 'P', 'l[0]': '305' });
    expect(missing.body).toBe('FAILED Track 0: i[0] must be the UNIX start time\n');
    bobSocket.close();
  });

  it('revoking the token ends its sessions (BADSESSION)', async () => {
    const [, session] = (await handshake(hs())).body.split('\n');
    const tokens = (await as(t.app, alice).get('/api/me/tokens')).json().tokens;
    await as(t.app, alice).delete(`/api/me/tokens/${tokens.find((x: any) => x.name === 'mpdscribble').id}`);
    expect((await form('/audioscrobbler/np', { s: session, a: 'x', t: 'y' })).body).toBe('BADSESSION\n');
  });
});
