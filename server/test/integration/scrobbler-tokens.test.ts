import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, engines, signup, type TestApp, type TestUser } from '../helpers/test-app.js';
import { md5, signLastfm as sign } from '../helpers/now-playing.js';

// Scrobbler tokens as players obtain them: minted with or without a body, and used by pylast, which logs in with
// `auth.getMobileSession` and authToken = md5(username + md5(password)) (pylast's SessionKeyGenerator) at every start.
describe.each(engines)('scrobbler tokens on %s', (engine) => {
  let t: TestApp;
  let alice: TestUser;
  let apiKey: string, secret: string;
  const lastfm = (params: Record<string, string>) =>
    t.app.inject({
      method: 'POST',
      url: '/2.0/',
      payload: new URLSearchParams(sign({ ...params, api_key: apiKey }, secret)).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
  const tokens = async () => (await as(t.app, alice).get('/api/me/tokens')).json().tokens as Array<{ id: string; name: string }>;

  beforeAll(async () => {
    t = await createTestApp(engine);
    alice = await signup(t.app, 'alice');
    const connect = (await as(t.app, alice).get('/api/now-playing/connect')).json();
    apiKey = connect.lastfm.api_key;
    secret = connect.lastfm.shared_secret;
  });
  afterAll(async () => t?.close());

  it('POST /api/now-playing/scrobbler-token with no body makes a token named "Scrobbler"', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/now-playing/scrobbler-token', headers: { cookie: alice.cookie } });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ name: 'Scrobbler', token: expect.any(String) });
    await as(t.app, alice).delete(`/api/me/tokens/${res.json().id}`);
  });

  it("pylast's authToken log-in, twice, gives the same working session key and leaves one token", async () => {
    const { token } = (await as(t.app, alice).post('/api/now-playing/scrobbler-token', { name: 'pylast' })).json();
    const before = await tokens();
    expect(before.map((x) => x.name)).toEqual(['pylast']);
    const session = async () => {
      const res = await lastfm({
        method: 'auth.getMobileSession',
        username: 'alice',
        authToken: md5('alice' + md5(token)),
        format: 'json',
      });
      expect(res.statusCode, res.body).toBe(200);
      return res.json().session.key as string;
    };
    const first = await session();
    const second = await session();
    expect(second).toBe(first);
    expect((await tokens()).map((x) => x.id)).toEqual(before.map((x) => x.id));

    // The key works for what pylast does next, and dies with the token it came from.
    const nowPlaying = () => lastfm({ method: 'track.updateNowPlaying', artist: 'Björk', track: 'Joga', sk: first, format: 'json' });
    expect((await nowPlaying()).statusCode).toBe(200);
    expect((await as(t.app, alice).get('/api/now-playing')).json().playing).toMatchObject({ title: 'Joga', via: 'lastfm' });
    await as(t.app, alice).delete(`/api/me/tokens/${before[0].id}`);
    expect((await nowPlaying()).json()).toMatchObject({ error: 9 });
    // A forged key of the right shape opens nothing.
    const forged = `lfm.${before[0].id}.${'0'.repeat(32)}`;
    expect((await lastfm({ method: 'track.updateNowPlaying', artist: 'A', track: 'B', sk: forged, format: 'json' })).json()).toMatchObject({
      error: 9,
    });
  });
});
