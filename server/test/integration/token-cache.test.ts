import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, engines, signup, type TestApp, type TestUser } from '../helpers/test-app.js';

/**
 * The in-memory cache of verified API tokens (KITH_TOKEN_CACHE_SECONDS). A row deleted straight in the
 * database stands for a revocation made by another instance, which this one only learns at expiry.
 */
describe.each(engines)('API token cache on %s', (engine) => {
  let cached: TestApp;
  let uncached: TestApp;
  let dave: TestUser;
  let erin: TestUser;
  beforeAll(async () => {
    cached = await createTestApp(engine, { tokenCacheMs: 60_000 });
    uncached = await createTestApp(engine, { tokenCacheMs: 0 });
    dave = await signup(cached.app, 'dave');
    erin = await signup(uncached.app, 'erin');
  });
  afterAll(async () => Promise.all([cached?.close(), uncached?.close()]));

  const me = (t: TestApp, token: string) => t.app.inject({ url: '/api/me', headers: { authorization: `Bearer ${token}` } });
  const newToken = async (t: TestApp, user: TestUser) => (await as(t.app, user).post('/api/me/tokens', { name: 'script' })).json();

  it('remembers a verified token: a revocation by another instance applies here only at expiry', async () => {
    const { token, info } = await newToken(cached, dave);
    expect((await me(cached, token)).json().account.username).toBe('dave');
    await cached.container.db.deleteFrom('api_token').where('id', '=', info.id).execute();
    expect((await me(cached, token)).statusCode).toBe(200);
    // …while a revocation through this instance applies at once (the integration test of tokens covers the API path).
    const second = await newToken(cached, dave);
    expect((await me(cached, second.token)).statusCode).toBe(200);
    await cached.container.accounts.revokeToken({ accountId: dave.id, username: 'dave', via: 'session' }, second.info.id);
    expect((await me(cached, second.token)).statusCode).toBe(401);
  });

  it('with KITH_TOKEN_CACHE_SECONDS=0 every request reads the database', async () => {
    const { token, info } = await newToken(uncached, erin);
    expect((await me(uncached, token)).statusCode).toBe(200);
    await uncached.container.db.deleteFrom('api_token').where('id', '=', info.id).execute();
    expect((await me(uncached, token)).statusCode).toBe(401);
  });

  it('never remembers an unknown token, and still records last use at most once a minute', async () => {
    expect((await me(cached, 'kith_not-a-token')).statusCode).toBe(401);
    const { token, info } = await newToken(cached, dave);
    const lastUsed = async () =>
      (await cached.container.db.selectFrom('api_token').select('last_used_at').where('id', '=', info.id).executeTakeFirstOrThrow())
        .last_used_at;
    expect(await lastUsed()).toBeNull();
    await me(cached, token);
    const first = await lastUsed();
    expect(first).toBeGreaterThan(0);
    await me(cached, token);
    expect(await lastUsed()).toBe(first);
  });
});
