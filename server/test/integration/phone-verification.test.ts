import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { as, createTestApp, engines, signup, type TestApp, type TestUser } from '../helpers/test-app.js';
import { PHONES } from '../helpers/now-playing.js';
import { smsConfigFor, startFakeSmsGateway, type FakeSmsGateway } from '../helpers/fake-sms-gateway.js';

const MINUTE = 60_000;

// docs/security.md "Phone numbers and now playing": 6-digit codes by SMS, hashed, 10 minutes,
// 5 attempts, sends limited per account and per number; an admin may mark a number verified.
describe.each(engines)('phone verification codes on %s', (engine) => {
  let t: TestApp;
  let sms: FakeSmsGateway;
  let admin: TestUser;
  let n = 0;
  /** A fresh user with a fresh number (PATCH /api/me), so each test starts with clean limits. */
  async function userWithNumber(phone = `+49151200000${String(++n).padStart(2, '0')}`) {
    const user = await signup(t.app, `user${n}x${Math.random().toString(36).slice(2, 6)}`);
    expect((await as(t.app, user).patch('/api/me', { phone })).statusCode).toBe(200);
    return { user, phone };
  }
  const send = (u: TestUser) => as(t.app, u).post('/api/me/phone/code');
  const submit = (u: TestUser, code: string) => as(t.app, u).post('/api/me/phone/verify', { code });
  const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

  beforeAll(async () => {
    sms = await startFakeSmsGateway();
    t = await createTestApp(engine, smsConfigFor(sms));
    admin = await signup(t.app, 'admin');
  });
  afterEach(() => void vi.useRealTimers());
  afterAll(async () => {
    await t?.close();
    await sms?.close();
  });

  it('stores only a keyed hash of the code, never the code', async () => {
    const { user, phone } = await userWithNumber();
    expect((await send(user)).json()).toMatchObject({ sent_to: expect.stringMatching(/^\+49•+\d{4}$/) });
    const code = sms.codeFor(phone);
    const rows = await t.container.db.selectFrom('phone_code').selectAll().where('account_id', '=', user.id).execute();
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(code);
    expect(rows[0].code_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('allows 5 attempts: 4 wrong codes say how many are left, the 5th voids the code, the right one then fails', async () => {
    const { user, phone } = await userWithNumber();
    await send(user);
    const code = sms.codeFor(phone);
    for (const left of [4, 3, 2, 1]) {
      const res = await submit(user, wrong(code));
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'invalid_code', details: { attempts_left: left } });
    }
    const fifth = await submit(user, wrong(code));
    expect(fifth.statusCode).toBe(429);
    expect(fifth.json().code).toBe('too_many_attempts');
    const late = await submit(user, code);
    expect(late.statusCode).toBe(400);
    expect(late.json().code).toBe('no_code');
    expect((await as(t.app, user).get('/api/me/phone')).json().verified).toBe(false);
  });

  it('a code expires after 10 minutes', async () => {
    const { user, phone } = await userWithNumber();
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
    await send(user);
    vi.setSystemTime(Date.now() + 10 * MINUTE + 1);
    const res = await submit(user, sms.codeFor(phone));
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('code_expired');
  });

  it('limits sends: one a minute and 5 an hour per account', async () => {
    const { user } = await userWithNumber();
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
    expect((await send(user)).statusCode).toBe(202);
    const again = await send(user);
    expect(again.statusCode).toBe(429);
    expect(again.json()).toMatchObject({ code: 'too_many_codes', details: { retry_after_seconds: 60 } });
    for (let i = 0; i < 4; i++) {
      vi.setSystemTime(Date.now() + MINUTE);
      expect((await send(user)).statusCode).toBe(202);
    }
    vi.setSystemTime(Date.now() + MINUTE);
    expect((await send(user)).json().code).toBe('too_many_codes');
    vi.setSystemTime(Date.now() + 60 * MINUTE);
    expect((await send(user)).statusCode).toBe(202);
  });

  it('limits sends per number, whichever accounts claim it', async () => {
    const phone = '+4915120009999';
    const claimants = [];
    for (let i = 0; i < 6; i++) claimants.push((await userWithNumber(phone)).user);
    for (const u of claimants.slice(0, 5)) expect((await send(u)).statusCode).toBe(202);
    const sixth = await send(claimants[5]);
    expect(sixth.statusCode).toBe(429);
    expect(sixth.json().message).toContain('This number received too many codes');
  });

  it("reports the gateway's refusal as 502 sms_failed with Twilio's code, and keeps no code", async () => {
    const { user } = await userWithNumber();
    sms.failNext = 1;
    const res = await send(user);
    expect(res.statusCode).toBe(502);
    expect(res.json()).toMatchObject({ code: 'sms_failed', details: { gateway_status: 400, gateway_code: 21211 } });
    expect((await as(t.app, user).get('/api/me/phone')).json().pending_code).toBeNull();
  });

  it('refuses to send without a number, or for a verified one', async () => {
    const bare = await signup(t.app, `bare${n++}`);
    expect((await send(bare)).json().code).toBe('no_phone');
    const { user, phone } = await userWithNumber();
    await send(user);
    expect((await submit(user, sms.codeFor(phone))).json().verified).toBe(true);
    const res = await send(user);
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('already_verified');
  });

  it('lets only the admin mark a number verified, and that evicts other claims of it', async () => {
    const { user, phone } = await userWithNumber();
    const { user: other } = await userWithNumber(phone);
    const refused = await as(t.app, other).post(`/api/admin/accounts/${user.username}/phone-verified`);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('admin_only');
    const res = await as(t.app, admin).post(`/api/admin/accounts/${user.username}/phone-verified`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ account_id: user.id, phone });
    expect((await as(t.app, user).get('/api/me')).json().account.phone).toBe(phone);
    expect((await as(t.app, other).get('/api/me/phone')).json()).toMatchObject({ phone: null, notice: { phone } });
    const bare = await signup(t.app, `bare${n++}`);
    expect((await as(t.app, admin).post(`/api/admin/accounts/${bare.username}/phone-verified`)).json().code).toBe('no_phone');
  });

  it('a code sent to an old number does not verify a new one', async () => {
    const { user, phone } = await userWithNumber();
    await send(user);
    await as(t.app, user).patch('/api/me', { phone: '+4915120008888' });
    const res = await submit(user, sms.codeFor(phone));
    expect(res.json().code).toBe('no_code');
  });
});

describe('phone verification without an SMS gateway', () => {
  let t: TestApp;
  beforeAll(async () => void (t = await createTestApp('sqlite')));
  afterAll(async () => t?.close());

  it('says so plainly (503 sms_unavailable) and points at contacts and the admin', async () => {
    const user = await signup(t.app, 'solo', { phone: PHONES[1] });
    expect((await as(t.app, user).get('/api/me/phone')).json()).toMatchObject({ phone: PHONES[1], verified: false, sms_gateway: false });
    const res = await as(t.app, user).post('/api/me/phone/code');
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ code: 'sms_unavailable', message: expect.stringContaining('confirm you') });
  });
});
