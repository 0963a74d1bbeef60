import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { as, createTestApp, signup, type TestApp } from '../helpers/test-app.js';

describe('sign-up modes', () => {
  let invite: TestApp;
  let closed: TestApp;
  beforeAll(async () => {
    invite = await createTestApp('sqlite', { signup: 'invite' });
    closed = await createTestApp('sqlite', { signup: 'closed' });
  });
  afterAll(async () => {
    await invite?.close();
    await closed?.close();
  });

  const attempt = (t: TestApp, username: string, inviteCode?: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/auth/signup',
      payload: { username, password: 'password123', ...(inviteCode ? { inviteCode } : {}) },
    });

  it('invite: the first account (admin) needs none, later ones need a one-time code', async () => {
    const admin = await signup(invite.app, 'admin');
    expect((await attempt(invite, 'guest')).json().code).toBe('invite_required');
    expect((await attempt(invite, 'guest', 'made-up')).json().code).toBe('invalid_invite');
    const { code } = (await as(invite.app, admin).post('/api/invites')).json();
    expect((await attempt(invite, 'guest', code)).statusCode).toBe(201);
    expect((await attempt(invite, 'guest2', code)).json().code).toBe('invalid_invite');
    // A refused sign-up leaves no account behind.
    expect(
      await invite.container.db.selectFrom('account').select('username').where('username', '=', 'guest2').executeTakeFirst(),
    ).toBeUndefined();
  });

  it('invite codes are for admins only', async () => {
    const login = await invite.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'guest', password: 'password123' },
    });
    const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const res = await invite.app.inject({ method: 'POST', url: '/api/invites', headers: { cookie } });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('admin_only');
  });

  it('the default (no KITH_SIGNUP) is invite: the first account is the admin, the next one needs its invite', async () => {
    expect(loadConfig({}).signup).toBe('invite');
    const fresh = await createTestApp('sqlite');
    try {
      const first = await attempt(fresh, 'first');
      expect(first.statusCode).toBe(201);
      expect(first.json().account.isAdmin).toBe(true);
      const stranger = await attempt(fresh, 'stranger');
      expect(stranger.statusCode).toBe(403);
      expect(stranger.json().code).toBe('invite_required');
      // The test helper's `signup` fetches that invite from the admin, so other tests need not care.
      expect((await signup(fresh.app, 'friend')).username).toBe('friend');
    } finally {
      await fresh.close();
    }
  });

  it('open (KITH_SIGNUP=open) lets anyone who reaches the server sign up', async () => {
    const open = await createTestApp('sqlite', { signup: loadConfig({ KITH_SIGNUP: 'open' }).signup });
    try {
      expect((await attempt(open, 'one')).statusCode).toBe(201);
      expect((await attempt(open, 'two')).statusCode).toBe(201);
    } finally {
      await open.close();
    }
  });

  it('closed: only the first account can be created', async () => {
    await signup(closed.app, 'owner');
    const res = await attempt(closed, 'someone');
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('signup_closed');
  });
});
