import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

// Log-in and sign-up are public: a password-guessing loop must hit a wall (here one username per attempt, so the
// per-minute route limit answers before the per-account throttle of login-throttle.ts, tested in scrobbler-password-door.test.ts).
describe('public endpoints are rate-limited', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
  });
  afterAll(async () => t?.close());

  it('answers 429 rate_limited after 20 log-in attempts a minute from one address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'nobody-' + i, password: 'guess-' + i },
      });
      statuses.push(res.statusCode);
      if (res.statusCode === 429) expect(res.json().code).toBe('rate_limited');
    }
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(20)).toEqual([429, 429]);
  });
});
