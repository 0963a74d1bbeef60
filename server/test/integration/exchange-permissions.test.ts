import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, engines, signup, type TestApp, type TestUser } from '../helpers/test-app.js';
import { listenAs, type RecordingSocket } from '../helpers/recording-socket.js';
import { urlOf } from '../helpers/now-playing.js';
import { gpsPhoto, postCapture, requestExchange, tokenOf } from '../helpers/exchanges.js';

// Permission verification comes before anything is exchanged (seed image-exchange-and-synthesis [0097]–[0098]): policy, explicit
// accept or decline, expiry, blocking; a declined, expired or blocked request tells the requester in real time.
describe.each(engines)('exchange permissions on %s', (engine) => {
  let t: TestApp;
  let alice: TestUser, bob: TestUser, carol: TestUser;
  let sa: RecordingSocket;
  const ask = (from: TestUser, to: string) => as(t.app, from).post('/api/exchanges', { mode: 'exchange', to });

  beforeAll(async () => {
    t = await createTestApp(engine);
    alice = await signup(t.app, 'alice');
    bob = await signup(t.app, 'bob');
    carol = await signup(t.app, 'carol');
    sa = await listenAs(await urlOf(t.app), alice);
  });
  afterAll(async () => {
    sa?.close();
    await t?.close();
  });

  it("the default policy `contacts` refuses a non-contact and lets a contact's request through", async () => {
    expect((await as(t.app, bob).get('/api/exchanges/settings')).json()).toEqual({ policy: 'contacts' });
    const refused = await ask(alice, 'bob');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('exchange_not_allowed');
    // Bob adds Alice by her Kith address: the contact links to her account.
    expect((await as(t.app, bob).post('/api/contacts', { name: 'Alice', kithAddress: 'alice@kith.test' })).statusCode).toBe(201);
    expect((await ask(alice, 'bob')).statusCode).toBe(201);
    expect((await ask(carol, 'bob')).json().code).toBe('exchange_not_allowed');
  });

  it('reaches a linked contact by contactId; an unlinked contact needs an invite link', async () => {
    await as(t.app, carol).put('/api/exchanges/settings', { policy: 'anyone' });
    const linked = (await as(t.app, alice).post('/api/contacts', { name: 'Carol', kithAddress: 'carol@kith.test' })).json();
    const id = (linked.contact ?? linked).id;
    expect((await as(t.app, alice).post('/api/exchanges', { mode: 'exchange', contactId: id })).json().exchange.partner.username).toBe(
      'carol',
    );
    const offline = (await as(t.app, alice).post('/api/contacts', { name: 'Dan', emails: ['dan@example.org'] })).json();
    const res = await as(t.app, alice).post('/api/exchanges', { mode: 'exchange', contactId: (offline.contact ?? offline).id });
    expect(res.json().code).toBe('contact_not_on_kith');
  });

  it('policy `nobody` refuses everyone, contacts included', async () => {
    await as(t.app, bob).put('/api/exchanges/settings', { policy: 'nobody' });
    const res = await ask(alice, 'bob');
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('exchange_not_allowed');
    await as(t.app, bob).put('/api/exchanges/settings', { policy: 'anyone' });
  });

  it('unknown users 404, other servers 422, oneself 422, and exactly one target is required', async () => {
    expect((await ask(alice, 'nobody-here')).json().code).toBe('unknown_user');
    const remote = await ask(alice, 'bob@elsewhere.example');
    expect(remote.statusCode).toBe(422);
    expect(remote.json().code).toBe('remote_user_unsupported');
    expect((await ask(alice, 'alice')).json().code).toBe('cannot_exchange_with_self');
    expect((await as(t.app, alice).post('/api/exchanges', { mode: 'exchange', to: 'bob', invite: true })).statusCode).toBe(400);
  });

  it('the responder declines: the requester hears it at once, and nothing can be captured', async () => {
    const { exchange } = await requestExchange(t.app, alice, { mode: 'synthesis', to: 'bob' });
    expect((await as(t.app, alice).post(`/api/exchanges/${exchange.id}/accept`)).json().code).toBe('not_responder');
    expect((await postCapture(t.app, `/api/exchanges/${exchange.id}/captures`, await gpsPhoto(1), alice)).json().code).toBe(
      'exchange_not_active',
    );
    expect((await as(t.app, bob).post(`/api/exchanges/${exchange.id}/decline`)).json().exchange.status).toBe('declined');
    expect(await sa.next('exchange.updated', (e) => e.exchangeId === exchange.id)).toMatchObject({ status: 'declined' });
    expect((await as(t.app, bob).post(`/api/exchanges/${exchange.id}/accept`)).json().code).toBe('exchange_not_open');
  });

  it('blocking ends the exchange, tells the requester, and refuses their next request with exchange_blocked', async () => {
    const { exchange } = await requestExchange(t.app, alice, { mode: 'exchange', to: 'bob' });
    expect((await as(t.app, bob).post(`/api/exchanges/${exchange.id}/block`)).json().exchange.status).toBe('blocked');
    await sa.next('exchange.updated', (e) => e.exchangeId === exchange.id && e.status === 'blocked');
    const again = await ask(alice, 'bob');
    expect(again.statusCode).toBe(403);
    expect(again.json().code).toBe('exchange_blocked');
    expect((await ask(carol, 'bob')).statusCode).toBe(201); // others still may
    const report = await as(t.app, bob).post(`/api/exchanges/${exchange.id}/report`, { reason: 'unwanted pictures' });
    expect(report.statusCode).toBe(204);
    const stored = await t.container.db.selectFrom('exchange_report').selectAll().where('exchange_id', '=', exchange.id).execute();
    expect(stored).toMatchObject([{ reporter_id: bob.id, reported_id: alice.id, reason: 'unwanted pictures' }]);
    // The server admin (the first account, alice here) reads reports; others may not.
    expect((await as(t.app, bob).get('/api/exchanges/reports')).json().code).toBe('admin_only');
    const reports = (await as(t.app, alice).get('/api/exchanges/reports')).json().reports;
    expect(reports).toContainEqual(expect.objectContaining({ exchangeId: exchange.id, reporter: 'bob', reported: 'alice' }));
  });
});

// Expiry and rate limits, on an app with a short request expiry, a short guest validity and small limits.
describe.each(engines)('exchange expiry and limits on %s', (engine) => {
  let t: TestApp;
  let alice: TestUser, bob: TestUser;
  let sa: RecordingSocket;
  /** Polls (no timed assertion: the test timeout bounds it) until `check` holds. */
  async function until(check: () => Promise<boolean>) {
    while (!(await check())) await new Promise((r) => setTimeout(r, 50));
  }

  beforeAll(async () => {
    t = await createTestApp(engine, {
      exchangeRequestMs: 300,
      exchangeGuestDownloadMs: 1500,
      exchangeLimits: { requestsPerHour: 5, capturesPerMinute: 2 },
    });
    alice = await signup(t.app, 'alice');
    bob = await signup(t.app, 'bob');
    await as(t.app, bob).put('/api/exchanges/settings', { policy: 'anyone' });
    sa = await listenAs(await urlOf(t.app), alice);
  });
  afterAll(async () => {
    sa?.close();
    await t?.close();
  });

  it('an unanswered request expires; the requester hears it; it can no longer be accepted', async () => {
    const { exchange } = await requestExchange(t.app, alice, { mode: 'exchange', to: 'bob' });
    expect(await sa.next('exchange.updated', (e) => e.exchangeId === exchange.id)).toMatchObject({ status: 'expired' });
    expect((await as(t.app, bob).get(`/api/exchanges/${exchange.id}`)).json().exchange.status).toBe('expired');
    expect((await as(t.app, bob).post(`/api/exchanges/${exchange.id}/accept`)).json().code).toBe('exchange_not_open');
  });

  it('an expired invite link and an expired guest link answer 404', async () => {
    const { invite } = await requestExchange(t.app, alice, { mode: 'exchange', invite: true });
    const token = tokenOf(invite.url);
    await until(async () => (await t.app.inject({ method: 'GET', url: `/api/guest/exchanges/${token}` })).statusCode === 404);
    const join = await t.app.inject({ method: 'POST', url: `/api/guest/exchanges/${token}/join`, payload: { displayName: 'Late' } });
    expect(join.statusCode).toBe(404);

    const second = await requestExchange(t.app, alice, { mode: 'exchange', invite: true });
    const joined = await t.app.inject({
      method: 'POST',
      url: `/api/guest/exchanges/${tokenOf(second.invite.url)}/join`,
      payload: { displayName: 'Quick' },
    });
    const guestToken = joined.json().guestToken;
    expect((await t.app.inject({ method: 'GET', url: `/api/guest/exchanges/${guestToken}` })).statusCode).toBe(200);
    await until(async () => (await t.app.inject({ method: 'GET', url: `/api/guest/exchanges/${guestToken}` })).statusCode === 404);
  });

  it('limits requests per account and captures per exchange', async () => {
    const codes: number[] = [];
    const carol = await signup(t.app, 'carol');
    for (let i = 0; i < 6; i++) codes.push((await as(t.app, carol).post('/api/exchanges', { mode: 'exchange', invite: true })).statusCode);
    expect(codes).toEqual([201, 201, 201, 201, 201, 429]);
    const limited = await as(t.app, carol).post('/api/exchanges', { mode: 'exchange', invite: true });
    expect(limited.json().code).toBe('rate_limited');
    // Another account has its own allowance.
    const { exchange } = await requestExchange(t.app, bob, { mode: 'exchange', invite: true });
    const shot = await gpsPhoto(5);
    const capture = () => postCapture(t.app, `/api/exchanges/${exchange.id}/captures`, shot, bob);
    expect([(await capture()).statusCode, (await capture()).statusCode, (await capture()).statusCode]).toEqual([409, 409, 429]);
  });
});
