import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { as, createTestApp, engines, signup, type TestApp, type TestUser } from '../helpers/test-app.js';

/** Logs in and returns the session cookie header. */
async function login(app: FastifyInstance, username: string, password: string): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  expect(res.statusCode).toBe(200);
  return res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
}
const meWith = (app: FastifyInstance, cookie: string) => app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });

// Settings → Security: change the password (current one required; other sessions end) and "log out everywhere else".
describe.each(engines)('password change and log out everywhere else on %s', (engine) => {
  let t: TestApp;
  let alice: TestUser, bob: TestUser;
  beforeAll(async () => {
    t = await createTestApp(engine);
    alice = await signup(t.app, 'alice');
    bob = await signup(t.app, 'bob');
  });
  afterAll(async () => t?.close());

  it('refuses a wrong current password (401 invalid_credentials) and a short new one (400), changing nothing', async () => {
    const wrong = await as(t.app, alice).post('/api/me/password', { currentPassword: 'nope-nope', newPassword: 'password456' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().code).toBe('invalid_credentials');
    const short = await as(t.app, alice).post('/api/me/password', { currentPassword: 'password123', newPassword: 'short' });
    expect(short.statusCode).toBe(400);
    expect(short.json().code).toBe('invalid_request');
    await login(t.app, 'alice', 'password123');
  });

  it('changes the password: this session stays, the other sessions end, API tokens stay; the old password stops working', async () => {
    const laptop = await login(t.app, 'alice', 'password123');
    const phone = await login(t.app, 'alice', 'password123');
    const { token } = (await as(t.app, alice).post('/api/me/tokens', { name: 'cli', scope: 'read' })).json();
    expect((await as(t.app, alice).get('/api/me/sessions')).json().sessions).toBeGreaterThanOrEqual(3);
    const res = await as(t.app, alice).post('/api/me/password', { currentPassword: 'password123', newPassword: 'password456' });
    expect(res.statusCode).toBe(200);
    expect(res.json().ended).toBeGreaterThanOrEqual(2);
    expect((await as(t.app, alice).get('/api/me')).statusCode).toBe(200);
    expect((await meWith(t.app, laptop)).statusCode).toBe(401);
    expect((await meWith(t.app, phone)).statusCode).toBe(401);
    expect((await as(t.app, alice).get('/api/me/sessions')).json().sessions).toBe(1);
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(200);
    const old = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'alice', password: 'password123' } });
    expect(old.statusCode).toBe(401);
    await login(t.app, 'alice', 'password456');
  });

  it("log out everywhere else ends the caller's other sessions only, not other accounts'", async () => {
    const other = await login(t.app, 'bob', 'password123');
    const res = await as(t.app, bob).post('/api/me/sessions/end-others');
    expect(res.statusCode).toBe(200);
    expect(res.json().ended).toBe(1);
    expect((await meWith(t.app, other)).statusCode).toBe(401);
    expect((await as(t.app, bob).get('/api/me')).statusCode).toBe(200);
    expect((await as(t.app, alice).get('/api/me')).statusCode).toBe(200);
  });

  it('a read token can neither change the password nor end sessions (403 insufficient_scope)', async () => {
    const { token } = (await as(t.app, bob).post('/api/me/tokens', { name: 'viewer', scope: 'read' })).json();
    const headers = { authorization: `Bearer ${token}` };
    for (const [url, payload] of [
      ['/api/me/password', { currentPassword: 'password123', newPassword: 'password789' }],
      ['/api/me/sessions/end-others', undefined],
    ] as const) {
      const res = await t.app.inject({ method: 'POST', url, headers, ...(payload ? { payload } : {}) });
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('insufficient_scope');
    }
    expect((await as(t.app, bob).get('/api/me')).statusCode).toBe(200);
  });
});
