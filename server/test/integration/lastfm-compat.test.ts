import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import { as, createTestApp, engines, type TestApp, type TestUser } from '../helpers/test-app.js';
import { aliceReachesBob, listenAs, signLastfm as sign, urlOf } from '../helpers/now-playing.js';
const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', parseTagValue: false });

describe.each(engines)('Last.fm-compatible API on %s', (engine) => {
  let t: TestApp;
  let alice: TestUser, bob: TestUser;
  let apiKey: string, secret: string, token: string, sk: string;
  const post = (params: Record<string, string>) =>
    t.app.inject({
      method: 'POST',
      url: '/2.0/',
      payload: new URLSearchParams(params).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });

  beforeAll(async () => {
    t = await createTestApp(engine);
    ({ alice, bob } = await aliceReachesBob(t.app));
    const connect = (await as(t.app, alice).get('/api/now-playing/connect')).json();
    apiKey = connect.lastfm.api_key;
    secret = connect.lastfm.shared_secret;
    token = (await as(t.app, alice).post('/api/now-playing/scrobbler-token', { name: 'Last.fm app' })).json().token;
  });
  afterAll(async () => t?.close());

  it('auth.getMobileSession with the Kith password returns a session (XML by default)', async () => {
    const res = await post(sign({ method: 'auth.getMobileSession', username: 'alice', password: 'password123', api_key: apiKey }, secret));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/xml/);
    const doc = xml.parse(res.body);
    expect(doc.lfm['@_status']).toBe('ok');
    expect(doc.lfm.session).toMatchObject({ name: 'alice', subscriber: '0' });
    sk = doc.lfm.session.key;
    expect(sk).toMatch(/^kith_/);
  });

  it('auth.getMobileSession with a scrobbler token as password, JSON with format=json', async () => {
    const res = await post({
      ...sign({ method: 'auth.getMobileSession', username: 'alice', password: token, api_key: apiKey }, secret),
      format: 'json',
    });
    expect(res.json()).toEqual({ session: { name: 'alice', key: token, subscriber: '0' } });
  });

  it('track.updateNowPlaying pushes now-playing to friends; answers the documented nowplaying element', async () => {
    const bobSocket = await listenAs(await urlOf(t.app), bob);
    const res = await post(
      sign(
        { method: 'track.updateNowPlaying', artist: 'Portishead', track: 'Roads', album: 'Dummy', duration: '305', api_key: apiKey, sk },
        secret,
      ),
    );
    expect(res.statusCode).toBe(200);
    const doc = xml.parse(res.body);
    expect(doc.lfm.nowplaying.track).toEqual({ '@_corrected': '0', '#text': 'Roads' });
    expect(doc.lfm.nowplaying.ignoredMessage['@_code']).toBe('0');
    const pushed = await bobSocket.next('now-playing.updated');
    expect(pushed.playing).toMatchObject({ title: 'Roads', artist: 'Portishead', album: 'Dummy', duration_ms: 305_000, via: 'lastfm' });
    bobSocket.close();
  });

  it('track.scrobble, batch form with [i] indexes, JSON answer with @attr accepted', async () => {
    const ts = Math.floor(Date.now() / 1000) - 600;
    const params = sign(
      {
        method: 'track.scrobble',
        'artist[0]': 'Portishead',
        'track[0]': 'Sour Times',
        'timestamp[0]': String(ts),
        'artist[1]': 'Portishead',
        'track[1]': 'Glory Box',
        'timestamp[1]': String(ts + 300),
        api_key: apiKey,
        sk,
      },
      secret,
    );
    const res = await post({ ...params, format: 'json' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.scrobbles['@attr']).toEqual({ accepted: '2', ignored: '0' });
    expect(body.scrobbles.scrobble[1].track).toEqual({ corrected: '0', '#text': 'Glory Box' });
    const listens = (await as(t.app, bob).get(`/api/now-playing/listens?user=${alice.id}`)).json().listens;
    expect(listens.map((l: any) => l.title)).toEqual(['Glory Box', 'Sour Times']);
  });

  it('error 13 for a bad signature, in XML and in JSON', async () => {
    const params = {
      ...sign({ method: 'track.updateNowPlaying', artist: 'A', track: 'B', api_key: apiKey, sk }, secret),
      artist: 'Tampered',
    };
    const res = await post(params);
    expect(res.statusCode).toBe(403);
    const doc = xml.parse(res.body);
    expect(doc.lfm['@_status']).toBe('failed');
    expect(doc.lfm.error).toEqual({ '@_code': '13', '#text': 'Invalid method signature supplied' });
    expect((await post({ ...params, format: 'json' })).json()).toEqual({ error: 13, message: 'Invalid method signature supplied' });
  });

  it.each([
    [
      '10 for an unknown api_key',
      () => sign({ method: 'track.updateNowPlaying', artist: 'A', track: 'B', api_key: 'x'.repeat(32), sk }, secret),
      10,
    ],
    [
      '9 for an unknown session key',
      () => sign({ method: 'track.updateNowPlaying', artist: 'A', track: 'B', api_key: apiKey, sk: 'kith_nope' }, secret),
      9,
    ],
    ['6 for a missing track', () => sign({ method: 'track.updateNowPlaying', artist: 'A', api_key: apiKey, sk }, secret), 6],
    ['3 for an unknown method', () => sign({ method: 'track.love', artist: 'A', track: 'B', api_key: apiKey, sk }, secret), 3],
    [
      '4 for a wrong password',
      () => sign({ method: 'auth.getMobileSession', username: 'alice', password: 'wrong-password', api_key: apiKey }, secret),
      4,
    ],
  ])('error %s', async (_name, params, code) => {
    const res = await post({ ...params(), format: 'json' });
    expect(res.json().error).toBe(code);
    expect(typeof res.json().message).toBe('string');
  });
});
