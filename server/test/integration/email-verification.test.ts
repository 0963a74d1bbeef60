import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.js';
import { as, createTestApp, engines, signup, type TestApp } from '../helpers/test-app.js';

/** The verification link in a message's text, as a path + query the test app can be asked for. */
function linkIn(text: string | undefined): URL {
  const m = /(http:\/\/kith\.test\/verify-email\?token=[A-Za-z0-9_-]+)/.exec(text ?? '');
  if (!m) throw new Error(`no verification link in:\n${text}`);
  return new URL(m[1]);
}

describe.each(engines)('e-mail verification over real SMTP on %s', (engine) => {
  let smtp: SmtpSink;
  let t: TestApp;
  beforeAll(async () => {
    smtp = await startSmtpSink({ rejectRecipients: /^bounce@/ });
    t = await createTestApp(engine, { smtpUrl: smtp.url, smtpFrom: 'Kith <kith@kith.test>' });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  const follow = (link: URL) => t.app.inject({ method: 'GET', url: `${link.pathname}${link.search}` });
  const me = async (user: Parameters<typeof as>[1]) => (await as(t.app, user).get('/api/me')).json().account;

  it('mails a one-time link; following it (logged out) verifies the address', async () => {
    const alice = await signup(t.app, 'alice', { email: 'Alice@Example.org' });
    expect(await me(alice)).toMatchObject({ email: 'alice@example.org', emailVerified: false, phoneVerified: false });
    expect((await as(t.app, alice).get('/api/me/email-verification')).json()).toEqual({
      email: 'alice@example.org',
      verified: false,
      canSend: true,
    });

    const sent = await as(t.app, alice).post('/api/me/email-verification');
    expect(sent.statusCode).toBe(202);
    expect(sent.json().email).toBe('alice@example.org');
    const mail = await smtp.next();
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : '').toBe('alice@example.org');
    expect(mail.from?.value).toEqual([{ name: 'Kith', address: 'kith@kith.test' }]);
    const link = linkIn(mail.text);
    const token = link.searchParams.get('token')!;
    expect(Buffer.from(token, 'base64url')).toHaveLength(32); // 256 bits
    // Only the hash is stored, like sessions and API tokens.
    const stored = await t.container.db.selectFrom('email_verification').selectAll().execute();
    expect(stored.map((r) => r.token_hash)).not.toContain(token);
    expect(stored).toHaveLength(1);

    const page = await follow(link);
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('E-mail verified');
    expect(page.body).toContain('alice@example.org');
    expect(await me(alice)).toMatchObject({ emailVerified: true });

    // One-time: the same link again verifies nothing and says why.
    const again = await follow(link);
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('unknown or was already used');
    expect(again.body).not.toContain('E-mail verified');
    expect((await as(t.app, alice).post('/api/me/email-verification')).json().code).toBe('email_already_verified');
  });

  it('keeps the verification when the same address is sent again, and drops it when it changes', async () => {
    const alice = await signup(t.app, 'alice2', { email: 'alice2@example.org' });
    await as(t.app, alice).post('/api/me/email-verification');
    await follow(linkIn((await smtp.next()).text));
    expect((await as(t.app, alice).patch('/api/me', { email: 'ALICE2@example.org', displayName: 'A' })).json().account.emailVerified).toBe(
      true,
    );
    expect((await as(t.app, alice).patch('/api/me', { email: 'other@example.org' })).json().account.emailVerified).toBe(false);
  });

  it('a link sent to an address the account no longer holds verifies nothing', async () => {
    const bob = await signup(t.app, 'bob', { email: 'bob@example.org' });
    await as(t.app, bob).post('/api/me/email-verification');
    const link = linkIn((await smtp.next()).text);
    await as(t.app, bob).patch('/api/me', { email: 'dad@example.com' });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/email-verification/confirm',
      payload: { token: link.searchParams.get('token') },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('email_changed');
    expect(await me(bob)).toMatchObject({ email: 'dad@example.com', emailVerified: false });
  });

  it('an expired link says so and verifies nothing', async () => {
    const carol = await signup(t.app, 'carol', { email: 'carol@example.org' });
    await as(t.app, carol).post('/api/me/email-verification');
    const link = linkIn((await smtp.next()).text);
    await t.container.db
      .updateTable('email_verification')
      .set({ expires_at: Date.now() - 1 })
      .where('account_id', '=', carol.id)
      .execute();
    const page = await follow(link);
    expect(page.statusCode).toBe(410);
    expect(page.body).toContain('This link has expired');
    expect(await me(carol)).toMatchObject({ emailVerified: false });
  });

  it('sends at most 3 links an hour per account', async () => {
    const dave = await signup(t.app, 'dave', { email: 'dave@example.org' });
    for (let i = 0; i < 3; i++) {
      expect((await as(t.app, dave).post('/api/me/email-verification')).statusCode).toBe(202);
      await smtp.next();
    }
    const fourth = await as(t.app, dave).post('/api/me/email-verification');
    expect(fourth.statusCode).toBe(429);
    expect(fourth.json().code).toBe('rate_limited');
  });

  it('a message the SMTP server refuses answers 502 email_send_failed and leaves no usable link', async () => {
    const gus = await signup(t.app, 'gus', { email: 'bounce@example.org' });
    const res = await as(t.app, gus).post('/api/me/email-verification');
    expect(res.statusCode).toBe(502);
    expect(res.json()).toMatchObject({ code: 'email_send_failed', message: expect.stringContaining('SMTP 550') });
    expect(await t.container.db.selectFrom('email_verification').where('account_id', '=', gus.id).selectAll().execute()).toEqual([]);
  });

  it('answers stable codes for a missing address and a malformed or unknown token', async () => {
    const erin = await signup(t.app, 'erin');
    expect((await as(t.app, erin).post('/api/me/email-verification')).json().code).toBe('no_email');
    const unknown = await t.app.inject({ method: 'POST', url: '/api/email-verification/confirm', payload: { token: 'x'.repeat(43) } });
    expect(unknown.json().code).toBe('invalid_token');
    const malformed = await t.app.inject({ method: 'POST', url: '/api/email-verification/confirm', payload: { token: '<script>' } });
    expect(malformed.json().code).toBe('invalid_request');
    const page = await t.app.inject({ method: 'GET', url: '/verify-email' });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('This link can’t be used');
  });
});

describe.each(engines)('e-mail verification without SMTP on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => t?.close());

  it('says it cannot send, and lets only the admin mark an address verified', async () => {
    const admin = await signup(t.app, 'admin');
    const frank = await signup(t.app, 'frank', { email: 'frank@example.org' });
    expect((await as(t.app, frank).get('/api/me/email-verification')).json()).toMatchObject({ canSend: false, verified: false });
    const send = await as(t.app, frank).post('/api/me/email-verification');
    expect(send.statusCode).toBe(409);
    expect(send.json().code).toBe('smtp_not_configured');

    const self = await as(t.app, frank).post('/api/admin/accounts/frank/email-verification');
    expect(self.statusCode).toBe(403);
    expect(self.json().code).toBe('admin_only');
    expect((await as(t.app, admin).post('/api/admin/accounts/nobody/email-verification')).statusCode).toBe(404);
    expect((await as(t.app, admin).post('/api/admin/accounts/admin/email-verification')).json().code).toBe('no_email');

    const marked = await as(t.app, admin).post('/api/admin/accounts/frank/email-verification');
    expect(marked.statusCode).toBe(200);
    expect(marked.json().account).toMatchObject({ username: 'frank', emailVerified: true });
  });
});
