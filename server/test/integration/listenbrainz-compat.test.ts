import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, engines, type TestApp, type TestUser } from '../helpers/test-app.js';
import { aliceReachesBob, listenAs, urlOf } from '../helpers/now-playing.js';

// Bodies from https://listenbrainz.readthedocs.io/en/latest/users/json.html ("Submission JSON" and
// the sample listen), sent as a ListenBrainz client would, with `Authorization: Token <token>`.
const SAMPLE_LISTEN = {
  listened_at: 1443521965,
  track_metadata: {
    additional_info: {
      release_mbid: 'bf9e91ea-8029-4a04-a26a-224e00a83266',
      artist_mbids: ['db92a151-1ac2-438b-bc43-b82e149ddd50'],
      recording_mbid: '98255a8c-017a-4bc7-8dd6-1fa36124572b',
      tags: ['you', 'just', 'got', 'rick rolled!'],
    },
    artist_name: 'Rick Astley',
    track_name: 'Never Gonna Give You Up',
    release_name: 'Whenever you need somebody',
  },
};
const { listened_at: _ts, ...PLAYING_NOW } = SAMPLE_LISTEN;

describe.each(engines)('ListenBrainz-compatible API on %s', (engine) => {
  let t: TestApp;
  let alice: TestUser, bob: TestUser;
  let token: string;
  const submit = (body: unknown, auth = `Token ${token}`) =>
    t.app.inject({
      method: 'POST',
      url: '/1/submit-listens',
      payload: body as any,
      headers: { authorization: auth, 'content-type': 'application/json' },
    });

  beforeAll(async () => {
    t = await createTestApp(engine);
    ({ alice, bob } = await aliceReachesBob(t.app));
    token = (await as(t.app, alice).post('/api/now-playing/scrobbler-token', { name: 'ListenBrainz client' })).json().token;
  });
  afterAll(async () => t?.close());

  it('playing_now (one listen, no listened_at) becomes alice’s now-playing, pushed to bob', async () => {
    const bobSocket = await listenAs(await urlOf(t.app), bob);
    const res = await submit({ listen_type: 'playing_now', payload: [PLAYING_NOW] });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
    const pushed = await bobSocket.next('now-playing.updated');
    expect(pushed).toMatchObject({
      user: { username: 'alice' },
      playing: { title: 'Never Gonna Give You Up', artist: 'Rick Astley', album: 'Whenever you need somebody', via: 'listenbrainz' },
    });
    bobSocket.close();
  });

  it('GET /1/user/{name}/playing-now answers in ListenBrainz’s shape for a friend', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/1/user/alice/playing-now', headers: { cookie: bob.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      payload: {
        count: 1,
        user_id: 'alice',
        playing_now: true,
        listens: [
          {
            playing_now: true,
            track_metadata: {
              artist_name: 'Rick Astley',
              track_name: 'Never Gonna Give You Up',
              release_name: 'Whenever you need somebody',
              additional_info: {},
            },
          },
        ],
      },
    });
    // Alice's book does not hold bob: bob's plays are not alice's to see, and bob is "not found" for her.
    const hidden = await t.app.inject({ method: 'GET', url: '/1/user/bob/playing-now', headers: { authorization: `Token ${token}` } });
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json()).toEqual({ code: 404, error: 'Cannot find user: bob' });
  });

  it('single and import add listens', async () => {
    expect((await submit({ listen_type: 'single', payload: [SAMPLE_LISTEN] })).statusCode).toBe(200);
    const older = {
      ...SAMPLE_LISTEN,
      listened_at: 1443521000,
      track_metadata: { ...SAMPLE_LISTEN.track_metadata, track_name: 'Together Forever' },
    };
    expect((await submit({ listen_type: 'import', payload: [older, SAMPLE_LISTEN] })).statusCode).toBe(200); // the repeat is not counted twice
    const listens = (await as(t.app, alice).get('/api/now-playing/listens')).json().listens;
    expect(listens.map((l: any) => [l.title, l.listened_at])).toEqual([
      ['Never Gonna Give You Up', '2015-09-29T10:19:25.000Z'],
      ['Together Forever', '2015-09-29T10:03:20.000Z'],
    ]);
  });

  it('validate-token: valid and invalid, from the header or the query (always 200), 400 without one', async () => {
    const ok = await t.app.inject({ method: 'GET', url: '/1/validate-token', headers: { authorization: `Token ${token}` } });
    expect(ok.json()).toEqual({ code: 200, message: 'Token valid.', valid: true, user_name: 'alice' });
    const bad = await t.app.inject({ method: 'GET', url: '/1/validate-token?token=not-a-token' });
    expect(bad.statusCode).toBe(200);
    expect(bad.json()).toEqual({ code: 200, message: 'Token invalid.', valid: false });
    const none = await t.app.inject({ method: 'GET', url: '/1/validate-token' });
    expect(none.statusCode).toBe(400);
    expect(none.json()).toEqual({ code: 400, error: 'You need to provide an Authorization token.' });
  });

  it('401 with ListenBrainz’s messages for a missing, malformed or unknown token', async () => {
    const cases: Array<[string | undefined, string]> = [
      [undefined, 'You need to provide an Authorization header.'],
      ['Token', 'Provided Authorization header is invalid.'],
      ['Token 00000000-0000-0000-0000-000000000000', 'Invalid authorization token.'],
    ];
    for (const [auth, error] of cases) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/1/submit-listens',
        payload: { listen_type: 'playing_now', payload: [PLAYING_NOW] },
        headers: auth ? { authorization: auth } : {},
      });
      expect(res.statusCode).toBe(401);
      expect(res.json()).toEqual({ code: 401, error });
    }
  });

  // The documented rules, each with ListenBrainz's own message.
  const invalid: Array<[string, unknown, string]> = [
    [
      'playing_now with listened_at',
      { listen_type: 'playing_now', payload: [SAMPLE_LISTEN] },
      'JSON document must not contain listened_at while submitting playing_now.',
    ],
    [
      'playing_now with two listens',
      { listen_type: 'playing_now', payload: [PLAYING_NOW, PLAYING_NOW] },
      'JSON document contains more than listen for a single/playing_now. It should contain only one.',
    ],
    [
      'single without listened_at',
      { listen_type: 'single', payload: [PLAYING_NOW] },
      'JSON document must contain the key listened_at at the top level.',
    ],
    ['an unknown listen_type', { listen_type: 'sometimes', payload: [SAMPLE_LISTEN] }, 'JSON document requires a valid listen_type key.'],
    ['an empty payload', { listen_type: 'import', payload: [] }, 'JSON document does not contain any listens'],
    ['no payload', { listen_type: 'single' }, 'Invalid JSON document submitted.'],
    [
      'no track_name',
      { listen_type: 'playing_now', payload: [{ track_metadata: { artist_name: 'Rick Astley', track_name: '' } }] },
      'JSON document does not contain required track_metadata.track_name.',
    ],
    [
      'artist_name as a list',
      { listen_type: 'playing_now', payload: [{ track_metadata: { artist_name: ['a', 'b'], track_name: 'x' } }] },
      'artist_name must be a single string.',
    ],
    [
      'listened_at not an int',
      { listen_type: 'single', payload: [{ ...SAMPLE_LISTEN, listened_at: 'yesterday' }] },
      'JSON document must contain an int value for listened_at.',
    ],
    [
      'listened_at before 2002-10-01',
      { listen_type: 'single', payload: [{ ...SAMPLE_LISTEN, listened_at: 1000 }] },
      'Value for key listened_at is too low. listened_at timestamp should be greater than 1033430400 (2002-10-01 00:00:00 UTC).',
    ],
    [
      'listened_at in the future',
      { listen_type: 'single', payload: [{ ...SAMPLE_LISTEN, listened_at: Math.floor(Date.now() / 1000) + 7200 }] },
      'Value for key listened_at is too high.',
    ],
    [
      'an extra top-level key',
      { listen_type: 'single', payload: [{ ...SAMPLE_LISTEN, user: 'x' }] },
      'JSON document may only contain listened_at and track_metadata top level keys',
    ],
    [
      'a bad MBID',
      {
        listen_type: 'playing_now',
        payload: [{ track_metadata: { ...PLAYING_NOW.track_metadata, additional_info: { recording_mbid: 'nope' } } }],
      },
      'recording_mbid MBID format invalid.',
    ],
    [
      '51 tags',
      {
        listen_type: 'playing_now',
        payload: [
          { track_metadata: { ...PLAYING_NOW.track_metadata, additional_info: { tags: Array.from({ length: 51 }, (_, i) => `t${i}`) } } },
        ],
      },
      'JSON document may not contain more than 50 items in track_metadata.additional_info.tags.',
    ],
  ];
  it.each(invalid)('400 for %s', async (_name, body, error) => {
    const res = await submit(body);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ code: 400, error });
  });

  it('400 "Cannot parse JSON document" for a body that is not JSON', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/1/submit-listens',
      payload: '{"listen_type": ',
      headers: { authorization: `Token ${token}`, 'content-type': 'application/json' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe(400);
    expect(res.json().error).toMatch(/^Cannot parse JSON document/);
  });
});
