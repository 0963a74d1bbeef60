import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verify as argon2Verify } from '@node-rs/argon2';
import { as, createTestApp, engines, signup, type TestApp } from '../helpers/test-app.js';
import { md5, signLastfm } from '../helpers/now-playing.js';

const sign = (params: Record<string, string>, secret: string) => ({ ...signLastfm(params, secret), format: 'json' });

// The scrobbler APIs opened a password-guessing door: any user can read the server's Last.fm api_key and
// secret, so anyone can sign auth.getMobileSession; guesses ran unthrottled, by GET, and a right guess
// returned a full-access token. These are those reproductions, now closed (docs/security.md).
describe.each(engines)('password-taking scrobbler methods on %s', (engine) => {
  let t: TestApp;
  let apiKey: string, secret: string;
  const limits = { failuresPerAccount: 5, failuresPerAddress: 12, windowMs: 10 * 60_000 };
  const lastfm = (params: Record<string, string>, remoteAddress = '127.0.0.1', method: 'POST' | 'GET' = 'POST') =>
    method === 'POST'
      ? t.app.inject({
          method,
          url: '/2.0/',
          remoteAddress,
          payload: new URLSearchParams(params).toString(),
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        })
      : t.app.inject({ method, url: `/2.0/?${new URLSearchParams(params)}`, remoteAddress });
  const mobileSession = (username: string, password: string, remoteAddress?: string, method?: 'POST' | 'GET') =>
    lastfm(sign({ method: 'auth.getMobileSession', username, password, api_key: apiKey }, secret), remoteAddress, method);
  const login = (username: string, password: string, remoteAddress = '127.0.0.1') =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress, payload: { username, password } });

  beforeAll(async () => {
    t = await createTestApp(engine, { loginLimits: limits });
    const admin = await signup(t.app, 'admin');
    for (const name of ['alice', 'bob', 'carol', 'dave', 'erin']) await signup(t.app, name);
    ({ api_key: apiKey, shared_secret: secret } = (await as(t.app, admin).get('/api/now-playing/connect')).json().lastfm);
  });
  afterAll(async () => t?.close());

  it('41 signed auth.getMobileSession guesses: error 4 until the account limit, then error 29 with Retry-After, the right password too', async () => {
    const errors: number[] = [];
    for (let i = 0; i < 41; i++) errors.push((await mobileSession('alice', `guess-${i}`, `10.1.0.${i}`)).json().error);
    expect(errors.slice(0, limits.failuresPerAccount)).toEqual(Array(limits.failuresPerAccount).fill(4));
    expect(new Set(errors.slice(limits.failuresPerAccount))).toEqual(new Set([29]));
    const right = await mobileSession('alice', 'password123', '10.1.1.1');
    expect(right.statusCode).toBe(429);
    expect(right.json()).toEqual({ error: 29, message: expect.stringMatching(/^Rate limit exceeded/) });
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('one limit across methods: wrong Last.fm passwords lock the web log-in and the Audioscrobbler handshake of that account', async () => {
    for (let i = 0; i < limits.failuresPerAccount; i++)
      expect((await mobileSession('bob', `guess-${i}`, `10.2.0.${i}`)).json().error).toBe(4);
    const web = await login('bob', 'password123', '10.2.1.1');
    expect(web.statusCode).toBe(429);
    expect(web.json().code).toBe('too_many_login_attempts');
    expect(Number(web.headers['retry-after'])).toBeGreaterThan(0);
    const ts = String(Math.floor(Date.now() / 1000));
    const hs = await t.app.inject({
      method: 'GET',
      url: `/audioscrobbler/?${new URLSearchParams({ hs: 'true', p: '1.2', c: 'tst', v: '1', u: 'bob', t: ts, a: md5(md5('x') + ts) })}`,
      remoteAddress: '10.2.1.2',
    });
    expect(hs.body).toMatch(/^FAILED Rate limit exceeded; try again in \d+ s\n$/);
  });

  it('and the other way: wrong web log-ins lock Last.fm auth.getMobileSession (error 29)', async () => {
    for (let i = 0; i < limits.failuresPerAccount; i++) expect((await login('carol', `guess-${i}`, `10.3.0.${i}`)).statusCode).toBe(401);
    expect((await mobileSession('carol', 'password123', '10.3.1.1')).json().error).toBe(29);
  });

  it('per address: guesses at many usernames from one address hit the address limit; another address still logs in', async () => {
    const from = '10.4.0.1';
    const statuses: number[] = [];
    for (let i = 0; i < limits.failuresPerAddress + 2; i++) statuses.push((await login(`nobody-${i}`, 'guess', from)).statusCode);
    expect(statuses.slice(0, limits.failuresPerAddress)).toEqual(Array(limits.failuresPerAddress).fill(401));
    expect(statuses.slice(limits.failuresPerAddress)).toEqual([429, 429]);
    expect((await mobileSession('dave', 'password123', from)).json().error).toBe(29);
    expect((await login('dave', 'password123', '10.4.0.2')).statusCode).toBe(200);
  });

  it('auth.getMobileSession by GET (password in the URL) answers Last.fm error 6 and makes no token', async () => {
    const before = (await t.container.db.selectFrom('api_token').select('id').execute()).length;
    const res = await mobileSession('erin', 'password123', '10.5.0.1', 'GET');
    expect(res.json()).toEqual({ error: 6, message: expect.stringContaining('must be sent with POST') });
    expect((await t.container.db.selectFrom('api_token').select('id').execute()).length).toBe(before);
  });

  it('the right password mints a scrobble token: it scrobbles, and cannot read, write or mint more tokens', async () => {
    const res = await mobileSession('erin', 'password123', '10.5.0.2');
    const key: string = res.json().session.key;
    expect(key).toMatch(/^kith_/);
    const bearer = { authorization: `Bearer ${key}` };
    const mint = await t.app.inject({ method: 'POST', url: '/api/me/tokens', headers: bearer, payload: { name: 'more', scope: 'full' } });
    expect(mint.statusCode).toBe(403);
    expect(mint.json().code).toBe('insufficient_scope');
    expect((await t.app.inject({ method: 'GET', url: '/api/contacts', headers: bearer })).statusCode).toBe(403);
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/now-playing', headers: bearer, payload: { title: 'T', artist: 'A' } })).statusCode,
    ).toBe(200);
    const scrobble = await lastfm(sign({ method: 'track.updateNowPlaying', artist: 'A', track: 'T', api_key: apiKey, sk: key }, secret));
    expect(scrobble.statusCode).toBe(200);
    const tokens = (await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'erin', password: 'password123' } }))
      .cookies;
    const cookie = tokens.map((c) => `${c.name}=${c.value}`).join('; ');
    const list = (await t.app.inject({ method: 'GET', url: '/api/me/tokens', headers: { cookie } })).json().tokens;
    expect(list).toEqual([expect.objectContaining({ name: 'Last.fm client', scope: 'scrobble' })]);
  });

  it("ListenBrainz has no password method; past /1/validate-token's 60 a minute per address it answers its own JSON 429", async () => {
    let last;
    for (let i = 0; i < 61; i++)
      last = await t.app.inject({ method: 'GET', url: `/1/validate-token?token=kith_guess${i}`, remoteAddress: '10.6.0.1' });
    expect(last!.statusCode).toBe(429);
    expect(last!.json()).toEqual({ code: 429, error: expect.any(String) });
  });
});

// Log-in timing: an unknown username used to skip argon2 (3 ms against 46 ms), telling which usernames exist.
// Observed without a clock: the real app with a counting wrapper around the real argon2 verify.
describe.each(engines)('log-in of an unknown username on %s', (engine) => {
  let t: TestApp;
  const checked: string[] = [];
  beforeAll(async () => {
    t = await createTestApp(engine, {}, { verifyPassword: (hash, password) => (checked.push(hash), argon2Verify(hash, password)) });
    await signup(t.app, 'real');
  });
  afterAll(async () => t?.close());

  it('runs argon2id verify once, against a hash with the same parameters as a real account', async () => {
    const { password_hash: real } = await t.container.db
      .selectFrom('account')
      .select('password_hash')
      .where('username', '=', 'real')
      .executeTakeFirstOrThrow();
    const params = (h: string) => h.split('$').slice(1, 4).join('$'); // argon2id, v=19, m=…,t=…,p=…
    checked.length = 0;
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'ghost', password: 'password123' } });
    expect(res.statusCode).toBe(401);
    expect(checked).toHaveLength(1);
    expect(params(checked[0])).toBe(params(real));
    expect(checked[0]).not.toBe(real);
    // and a wrong password for the real user costs the same one call, with the same answer
    const wrong = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'real', password: 'nope-nope' } });
    expect(wrong.json()).toEqual(res.json());
    expect(checked).toEqual([checked[0], real]);
  });
});
