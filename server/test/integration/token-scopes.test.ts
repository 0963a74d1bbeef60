import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import { scratchDatabase, seedBeforeMigration } from '../helpers/migration-db.js';
import { as, createTestApp, engines, signup, type TestApp, type TestUser } from '../helpers/test-app.js';
import { md5, signLastfm } from '../helpers/now-playing.js';
import { multipart, partyPhoto } from '../helpers/photos.js';

type Scope = 'scrobble' | 'read' | 'upload' | 'full';

// The scope matrix of accounts/token-scopes.ts, checked on the real app through each door a token opens.
describe.each(engines)('API token scopes on %s', (engine) => {
  let t: TestApp;
  let alice: TestUser;
  const tokens = {} as Record<Scope, string>;
  let photo: Buffer;
  const bearer = (scope: Scope) => ({ authorization: `Bearer ${tokens[scope]}` });
  const call = (scope: Scope, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: bearer(scope), ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    t = await createTestApp(engine);
    alice = await signup(t.app, 'alice');
    for (const scope of ['scrobble', 'read', 'upload', 'full'] as const) {
      const res = await as(t.app, alice).post('/api/me/tokens', { name: scope, scope });
      expect(res.statusCode).toBe(201);
      expect(res.json().info.scope).toBe(scope);
      tokens[scope] = res.json().token;
    }
    photo = await partyPhoto(1, { width: 320 });
  });
  afterAll(async () => t?.close());

  it('a token made without a scope is full, as every token was before scopes', async () => {
    expect((await as(t.app, alice).post('/api/me/tokens', { name: 'old client' })).json().info.scope).toBe('full');
  });

  it.each([
    ['GET /api/assets (read)', 'GET', '/api/assets', undefined, { scrobble: 403, read: 200, upload: 200, full: 200 }],
    ['POST /api/contacts (full)', 'POST', '/api/contacts', { name: 'Eve' }, { scrobble: 403, read: 403, upload: 403, full: 201 }],
    [
      'POST /api/me/tokens (mint: full)',
      'POST',
      '/api/me/tokens',
      { name: 'x', scope: 'scrobble' },
      { scrobble: 403, read: 403, upload: 403, full: 201 },
    ],
    [
      'POST /api/now-playing/scrobbler-token (mint: full)',
      'POST',
      '/api/now-playing/scrobbler-token',
      { name: 'x' },
      { scrobble: 403, read: 403, upload: 403, full: 201 },
    ],
    [
      'POST /api/now-playing (scrobble)',
      'POST',
      '/api/now-playing',
      { title: 'T', artist: 'A' },
      { scrobble: 200, read: 403, upload: 403, full: 200 },
    ],
    ['DELETE /api/now-playing (scrobble)', 'DELETE', '/api/now-playing', undefined, { scrobble: 204, read: 403, upload: 403, full: 204 }],
  ] as const)('%s', async (_name, method, url, payload, expected) => {
    for (const scope of ['scrobble', 'read', 'upload', 'full'] as const) {
      const res = await call(scope, method, url, payload);
      expect({ scope, status: res.statusCode }).toEqual({ scope, status: expected[scope] });
      if (res.statusCode === 403) expect(res.json().code).toBe('insufficient_scope');
    }
  });

  it('POST /api/assets (upload): upload and full tokens upload a photo; read and scrobble get 403', async () => {
    for (const scope of ['scrobble', 'read', 'upload', 'full'] as const) {
      const { payload, headers } = await multipart([{ filename: 'p.jpg', data: photo, type: 'image/jpeg' }]);
      const res = await t.app.inject({ method: 'POST', url: '/api/assets', payload, headers: { ...headers, ...bearer(scope) } });
      expect({ scope, status: res.statusCode }).toEqual({ scope, status: scope === 'upload' || scope === 'full' ? 200 : 403 });
    }
  });

  it('the scrobbler protocols accept only scrobble tokens (ListenBrainz, Last.fm session key, Audioscrobbler 1.2.1 sk)', async () => {
    const { lastfm } = (await as(t.app, alice).get('/api/now-playing/connect')).json();
    const ts = String(Math.floor(Date.now() / 1000));
    for (const scope of ['scrobble', 'read', 'upload', 'full'] as const) {
      const ok = scope === 'scrobble';
      const lb = await t.app.inject({
        method: 'POST',
        url: '/1/submit-listens',
        headers: { authorization: `Token ${tokens[scope]}` },
        payload: { listen_type: 'playing_now', payload: [{ track_metadata: { artist_name: 'A', track_name: 'T' } }] },
      });
      expect({ scope, status: lb.statusCode }).toEqual({ scope, status: ok ? 200 : 401 });
      const valid = await t.app.inject({ method: 'GET', url: '/1/validate-token', headers: { authorization: `Token ${tokens[scope]}` } });
      expect(valid.json().valid).toBe(ok);
      const params = signLastfm(
        { method: 'track.updateNowPlaying', artist: 'A', track: 'T', api_key: lastfm.api_key, sk: tokens[scope] },
        lastfm.shared_secret,
      );
      const lf = await t.app.inject({
        method: 'POST',
        url: '/2.0/',
        payload: new URLSearchParams({ ...params, format: 'json' }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect({ scope, error: lf.json().error }).toEqual({ scope, error: ok ? undefined : 9 });
      const q = {
        hs: 'true',
        p: '1.2.1',
        c: 'tst',
        v: '1',
        u: 'alice',
        t: ts,
        a: md5(lastfm.shared_secret + ts),
        api_key: lastfm.api_key,
        sk: tokens[scope],
      };
      const hs = await t.app.inject({ method: 'GET', url: `/audioscrobbler/?${new URLSearchParams(q)}` });
      expect({ scope, line: hs.body.split('\n')[0] }).toEqual({ scope, line: ok ? 'OK' : 'BADAUTH' });
    }
  });

  it('the Audioscrobbler 1.2 password digest works for a scrobble token and no other; only scrobble tokens keep an md5', async () => {
    const ts = String(Math.floor(Date.now() / 1000));
    for (const scope of ['scrobble', 'read', 'upload', 'full'] as const) {
      const q = { hs: 'true', p: '1.2', c: 'tst', v: '1', u: 'alice', t: ts, a: md5(md5(tokens[scope]) + ts) };
      const hs = await t.app.inject({
        method: 'GET',
        url: `/audioscrobbler/?${new URLSearchParams(q)}`,
        remoteAddress: `10.9.0.${scope.length}`,
      });
      expect({ scope, line: hs.body.split('\n')[0] }).toEqual({ scope, line: scope === 'scrobble' ? 'OK' : 'BADAUTH' });
    }
    const rows = await t.container.db.selectFrom('api_token').select(['scope', 'scrobble_md5']).execute();
    for (const row of rows)
      expect({ scope: row.scope, md5: row.scrobble_md5 !== null }).toEqual({ scope: row.scope, md5: row.scope === 'scrobble' });
  });

  it('a socket.io handshake takes a read-capable token, not a scrobble one', async () => {
    const { authenticateHandshake } = await import('../../src/common/credentials.js');
    expect(await authenticateHandshake(t.container.accounts, undefined, tokens.read)).toMatchObject({ username: 'alice' });
    expect(await authenticateHandshake(t.container.accounts, undefined, tokens.scrobble)).toBeUndefined();
  });

  it('an unmatched URL answers 404 whatever the scope (nothing there to refuse)', async () => {
    for (const scope of ['scrobble', 'read'] as const) expect((await call(scope, 'POST', '/api/no-such-route')).statusCode).toBe(404);
  });

  it('an unknown scope is refused with 400 invalid_request', async () => {
    const res = await as(t.app, alice).post('/api/me/tokens', { name: 'x', scope: 'admin' });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('invalid_request');
  });
});

// Migration 0015: tokens that existed before scopes.
describe.each(engines)('migration 0015-token-scopes on %s', (engine) => {
  const database = scratchDatabase(engine);

  it('existing tokens become full; scrobbler tokens (an md5, or minted by Last.fm) become scrobble', async () => {
    await seedBeforeMigration(database, '0015-token-scopes', async (db) => {
      await db
        .insertInto('account')
        .values({
          id: 'a1',
          username: 'old',
          display_name: 'Old',
          password_hash: 'x',
          is_admin: 1,
          allow_event_gathering: 1,
          created_at: 1,
        })
        .execute();
      const token = (id: string, name: string, scrobble_md5: string | null) => ({
        id,
        account_id: 'a1',
        name,
        token_hash: `h-${id}`,
        prefix: 'kith_x',
        created_at: 1,
        last_used_at: null,
        scrobble_md5,
      });
      await db
        .insertInto('api_token')
        .values([token('cli', 'cli', null), token('mpd', 'mpdscribble', 'f'.repeat(32)), token('lfm', 'Last.fm client', null)])
        .execute();
    });
    const after = await openDatabase(database);
    const rows = await after.db.selectFrom('api_token').select(['id', 'scope']).orderBy('id').execute();
    await after.close();
    expect(rows).toEqual([
      { id: 'cli', scope: 'full' },
      { id: 'lfm', scope: 'scrobble' },
      { id: 'mpd', scope: 'scrobble' },
    ]);
  });
});
