import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, engines, logIn, signup, type TestApp } from '../helpers/test-app.js';

describe.each(engines)('accounts on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => t?.close());

  it('signs up, reads /api/me by cookie, logs out', async () => {
    const alice = await signup(t.app, 'alice', { email: 'Alice@Example.org', phone: '+1 415 555 0100' });
    const me = await as(t.app, alice).get('/api/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().account).toMatchObject({
      username: 'alice',
      email: 'alice@example.org',
      phone: '+14155550100',
      isAdmin: true,
      kithAddress: 'alice@kith.test',
    });
    const out = await as(t.app, alice).post('/api/auth/logout');
    expect(out.statusCode).toBe(204);
    expect((await as(t.app, alice).get('/api/me')).statusCode).toBe(401);
  });

  it('sets an httpOnly SameSite=Lax session cookie and hashes the password with argon2id', async () => {
    // Sign-up needs an invite after the first account (KITH_SIGNUP=invite, the default): alice is the admin.
    const { code: inviteCode } = (await as(t.app, await logIn(t.app, 'alice')).post('/api/invites')).json();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/signup',
      payload: { username: 'cookie-check', password: 'password123', inviteCode },
    });
    const c = res.cookies.find((x) => x.name === 'kith_session')!;
    expect(c.httpOnly).toBe(true);
    expect(c.sameSite).toBe('Lax');
    const row = await t.container.db
      .selectFrom('account')
      .select('password_hash')
      .where('username', '=', 'cookie-check')
      .executeTakeFirstOrThrow();
    expect(row.password_hash.startsWith('$argon2id$')).toBe(true);
  });

  it('answers 409 username_taken for a duplicate username, case-insensitively', async () => {
    await signup(t.app, 'bob');
    const { code: inviteCode } = (await as(t.app, await logIn(t.app, 'alice')).post('/api/invites')).json();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/signup',
      payload: { username: 'BOB', password: 'password123', inviteCode },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('username_taken');
  });

  it('refuses a wrong password with 401 invalid_credentials', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'bob', password: 'nope-nope' } });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('invalid_credentials');
    const ok = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'bob', password: 'password123' } });
    expect(ok.statusCode).toBe(200);
  });

  it('answers 401 for a missing session, an unknown cookie and an expired one', async () => {
    expect((await t.app.inject({ url: '/api/me' })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/me', headers: { cookie: 'kith_session=forged' } })).statusCode).toBe(401);
    const carol = await signup(t.app, 'carol');
    await t.container.db
      .updateTable('session')
      .set({ expires_at: Date.now() - 1000 })
      .where('account_id', '=', carol.id)
      .execute();
    const res = await as(t.app, carol).get('/api/me');
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('unauthorized');
    // The next log-in sweeps expired sessions away.
    await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'carol', password: 'password123' } });
    const left = await t.container.db.selectFrom('session').select('expires_at').where('account_id', '=', carol.id).execute();
    expect(left.every((s) => s.expires_at > Date.now())).toBe(true);
  });

  it('issues a personal API token once, stores only its hash, and revokes it', async () => {
    const dave = await signup(t.app, 'dave');
    const created = await as(t.app, dave).post('/api/me/tokens', { name: 'cli' });
    expect(created.statusCode).toBe(201);
    const { token, info } = created.json();
    expect(token).toMatch(/^kith_/);
    const stored = await t.container.db.selectFrom('api_token').selectAll().where('id', '=', info.id).executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(token);
    const me = await t.app.inject({ url: '/api/me', headers: { authorization: `Bearer ${token}` } });
    expect(me.json().account.username).toBe('dave');
    const list = await as(t.app, dave).get('/api/me/tokens');
    expect(JSON.stringify(list.json())).not.toContain(token);
    expect((await as(t.app, dave).delete(`/api/me/tokens/${info.id}`)).statusCode).toBe(204);
    expect((await t.app.inject({ url: '/api/me', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(401);
  });

  it('updates the event-gathering setting', async () => {
    const erin = await signup(t.app, 'erin');
    const res = await as(t.app, erin).patch('/api/me', { allowEventGathering: false });
    expect(res.json().account.settings.allowEventGathering).toBe(false);
  });

  it("sends helmet's security headers on every answer, errors included (CSP allows https: cover art and ws: sockets)", async () => {
    for (const res of [await t.app.inject({ url: '/api/me' }), await t.app.inject({ url: '/api/no-such-route' })]) {
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("img-src 'self' data: blob: https:");
      expect(csp).toContain("connect-src 'self' ws: wss:");
      expect(res.headers['cross-origin-resource-policy']).toBe('same-origin');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      // http://kith.test: no HSTS on plain http (the https case is in abuse-http-hardening.test.ts).
      expect(res.headers['strict-transport-security']).toBeUndefined();
    }
  });
});
