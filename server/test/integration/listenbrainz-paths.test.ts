import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, engines, type TestApp, type TestUser } from '../helpers/test-app.js';
import { aliceReachesBob, listenAs, urlOf } from '../helpers/now-playing.js';

/** A listen as ListenBrainz's JSON documents it (https://listenbrainz.readthedocs.io/en/latest/users/json.html). */
const listen = (track: string, at: number) => ({ listened_at: at, track_metadata: { artist_name: 'Portishead', track_name: track } });

// ListenBrainz clients (the npm `listenbrainz` client, scrobblers) read as well as write: what Kith serves answers in
// ListenBrainz's shapes, and what it does not serve is a ListenBrainz-shaped JSON 404, never the web app.
describe.each(engines)('ListenBrainz paths and listens on %s', (engine) => {
  let t: TestApp;
  let alice: TestUser, bob: TestUser;
  let token: string;
  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });
  const submit = (body: unknown) =>
    t.app.inject({ method: 'POST', url: '/1/submit-listens', payload: body as object, headers: { authorization: `Token ${token}` } });

  beforeAll(async () => {
    t = await createTestApp(engine);
    ({ alice, bob } = await aliceReachesBob(t.app));
    token = (await as(t.app, alice).post('/api/now-playing/scrobbler-token', { name: 'ListenBrainz client' })).json().token;
  });
  afterAll(async () => t?.close());

  it('announces every listen of an import on the realtime channel, in one event', async () => {
    const bobSocket = await listenAs(await urlOf(t.app), bob);
    const res = await submit({
      listen_type: 'import',
      payload: [listen('Roads', 1_700_000_100), listen('Sour Times', 1_700_000_300), listen('Glory Box', 1_700_000_200)],
    });
    expect(res.statusCode, res.body).toBe(200);
    const event = await bobSocket.next('now-playing.listened');
    expect(event.user.username).toBe('alice');
    expect(event.listens.map((l: { title: string }) => l.title)).toEqual(['Sour Times', 'Glory Box', 'Roads']);
    expect(event.listen.title).toBe('Sour Times');
    bobSocket.close();
  });

  it("GET /1/user/{name}/listens answers ListenBrainz's payload, newest first, paged by count and max_ts", async () => {
    const res = await get('/1/user/alice/listens?count=2', { authorization: `Token ${token}` });
    expect(res.statusCode, res.body).toBe(200);
    const { payload } = res.json();
    expect(payload).toMatchObject({ count: 2, user_id: 'alice', latest_listen_ts: 1_700_000_300 });
    expect(
      payload.listens.map((l: any) => [l.listened_at, l.user_name, l.track_metadata.track_name, l.track_metadata.artist_name]),
    ).toEqual([
      [1_700_000_300, 'alice', 'Sour Times', 'Portishead'],
      [1_700_000_200, 'alice', 'Glory Box', 'Portishead'],
    ]);
    const older = (await get('/1/user/alice/listens?max_ts=1700000200', { cookie: bob.cookie })).json().payload;
    expect(older.listens.map((l: any) => l.track_metadata.track_name)).toEqual(['Roads']);
  });

  it('answers a stranger, anonymous or not, 404 Cannot find user on playing-now and listens; a wrong token 401', async () => {
    for (const path of ['playing-now', 'listens']) {
      for (const headers of [{}, { authorization: `Token ${token}` }] as Array<Record<string, string>>) {
        const res = await get(`/1/user/bob/${path}`, headers);
        expect([path, res.statusCode, res.json()]).toEqual([path, 404, { code: 404, error: 'Cannot find user: bob' }]);
      }
      const anonymous = await get(`/1/user/alice/${path}`);
      expect([path, anonymous.statusCode, anonymous.json()]).toEqual([path, 404, { code: 404, error: 'Cannot find user: alice' }]);
      const wrong = await get(`/1/user/alice/${path}`, { authorization: 'Token 00000000-0000-0000-0000-000000000000' });
      expect([path, wrong.statusCode, wrong.json()]).toEqual([path, 401, { code: 401, error: 'Invalid authorization token.' }]);
    }
  });

  it("answers paths Kith does not implement with ListenBrainz's JSON 404", async () => {
    for (const [method, url] of [
      ['GET', '/1/latest-import?user_name=alice'],
      ['POST', '/1/latest-import'],
      ['GET', '/1/stats/user/alice/artists'],
      ['GET', '/1/user/alice/similar-users'],
    ] as const) {
      const res = await t.app.inject({ method, url, headers: { authorization: `Token ${token}` } });
      expect([url, res.statusCode, res.headers['content-type']]).toEqual([url, 404, 'application/json; charset=utf-8']);
      expect(res.json()).toEqual({ code: 404, error: expect.stringContaining('Kith does not implement') });
    }
  });
});
