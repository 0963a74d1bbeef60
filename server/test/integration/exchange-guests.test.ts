import { io as connect } from 'socket.io-client';
import exifr from 'exifr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, engines, signup, type TestApp, type TestUser } from '../helpers/test-app.js';
import { listenAs, type RecordingSocket } from '../helpers/recording-socket.js';
import { urlOf } from '../helpers/now-playing.js';
import { gpsPhoto, postCapture, requestExchange, tokenOf } from '../helpers/exchanges.js';

/** A guest's socket.io client (no account: `auth: { guestToken }`). */
const listenAsGuest = (url: string, guestToken: string) => listenAs(url, { guestToken });

/** Whether a socket.io handshake with this guest token is refused. */
function refused(url: string, guestToken: string): Promise<boolean> {
  const socket = connect(url, { path: '/api/socket.io', transports: ['websocket'], auth: { guestToken } });
  return new Promise((resolve) => {
    socket.on('connect', () => (socket.close(), resolve(false)));
    socket.on('connect_error', () => (socket.close(), resolve(true)));
  });
}

// Exchanges (seed image-exchange-and-synthesis): strangers join through a one-time invite link, no account; the link reaches its own exchange only.
describe.each(engines)('exchange guests on %s', (engine) => {
  let t: TestApp;
  let url: string;
  let alice: TestUser;
  let sa: RecordingSocket;
  const guestApi = (token: string) => `/api/guest/exchanges/${token}`;
  const get = (path: string) => t.app.inject({ method: 'GET', url: path });
  const post = (path: string, payload?: object) => t.app.inject({ method: 'POST', url: path, payload: payload ?? {} });

  /** Alice invites; a guest joins as `name`. */
  async function joined(name: string) {
    const { exchange, invite } = await requestExchange(t.app, alice, { mode: 'exchange', invite: true });
    const res = await post(`${guestApi(tokenOf(invite.url))}/join`, { displayName: name });
    expect(res.statusCode).toBe(200);
    return { id: exchange.id as string, invite: tokenOf(invite.url), guestToken: res.json().guestToken as string };
  }

  beforeAll(async () => {
    t = await createTestApp(engine);
    alice = await signup(t.app, 'alice', { displayName: 'Alice A.' });
    url = await urlOf(t.app);
    sa = await listenAs(url, alice);
  });
  afterAll(async () => {
    sa?.close();
    await t?.close();
  });

  it('invites a stranger with a one-time link and QR code; the guest joins, captures and downloads', async () => {
    const { exchange, invite } = await requestExchange(t.app, alice, { mode: 'exchange', invite: true });
    expect(exchange.partner).toEqual({ kind: 'guest', username: null, displayName: 'Invited guest' });
    expect(invite.url).toMatch(/^http:\/\/kith\.test\/x\/[A-Za-z0-9_-]{43}$/); // 256 random bits
    expect(invite.qrSvg).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(Date.parse(invite.expiresAt) - Date.parse(exchange.createdAt)).toBe(10 * 60_000);
    const token = tokenOf(invite.url);
    // The token is stored hashed only.
    const row = await t.container.db.selectFrom('exchange').selectAll().where('id', '=', exchange.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(token);

    const shown = await get(guestApi(token));
    expect(shown.json().exchange).toMatchObject({
      status: 'pending',
      joined: false,
      requester: { username: 'alice', displayName: 'Alice A.' },
      displayName: null,
    });
    expect(await refused(url, token)).toBe(true); // not a guest before joining

    const join = await post(`${guestApi(token)}/join`, { displayName: 'Zoë' });
    expect(join.statusCode).toBe(200);
    const { guestToken } = join.json();
    expect(guestToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(join.json().exchange).toMatchObject({ status: 'active', joined: true, displayName: 'Zoë' });
    await sa.next('exchange.updated', (e) => e.exchangeId === exchange.id && e.status === 'active');
    expect((await as(t.app, alice).get(`/api/exchanges/${exchange.id}`)).json().exchange.partner.displayName).toBe('Zoë');
    // One-time: the invite link is spent, for a second joiner and for reading.
    expect((await post(`${guestApi(token)}/join`, { displayName: 'Mallory' })).statusCode).toBe(404);
    expect((await get(guestApi(token))).statusCode).toBe(404);

    const guest = await listenAsGuest(url, guestToken);
    try {
      await postCapture(t.app, `/api/exchanges/${exchange.id}/captures`, await gpsPhoto(1), alice);
      await guest.next('exchange.updated', (e) => e.requesterCaptured && !e.responderCaptured);
      expect((await get(`${guestApi(guestToken)}/rounds/1/requester`)).statusCode).toBe(404); // not before the guest's is in
      const cap = await postCapture(t.app, `${guestApi(guestToken)}/captures`, await gpsPhoto(2));
      expect(cap.json().exchange.rounds[0]).toMatchObject({
        phase: 'done',
        images: { requester: `${guestApi(guestToken)}/rounds/1/requester` },
      });
      await guest.next('exchange.updated', (e) => e.phase === 'done');
      const dl = await get(`${guestApi(guestToken)}/rounds/1/requester`);
      expect(dl.statusCode).toBe(200);
      expect(dl.headers['content-disposition']).toContain('attachment');
      expect(await exifr.gps(dl.rawPayload)).toBeUndefined();
      // Alice gets the guest's image too, without its GPS.
      const back = await as(t.app, alice).get(`/api/exchanges/${exchange.id}/rounds/1/responder`);
      expect(await exifr.gps(back.rawPayload)).toBeUndefined();
      expect((await post(`${guestApi(guestToken)}/rounds/1/reactions`, { emoji: '❤️' })).statusCode).toBe(200);
      expect(await sa.next('exchange.reaction', (e) => e.exchangeId === exchange.id)).toMatchObject({ by: 'responder', emoji: '❤️' });
    } finally {
      guest.close();
    }
  });

  it("a guest's token reaches its own exchange only: other tokens 404, other exchanges' events never arrive", async () => {
    const a = await joined('Guest A');
    const b = await joined('Guest B');
    expect(a.guestToken).not.toBe(b.guestToken);
    for (const bad of ['nope', 'A'.repeat(43), a.invite]) expect((await get(guestApi(bad))).statusCode).toBe(404);
    expect((await get(guestApi(a.guestToken))).json().exchange.id).toBe(a.id);
    // Guest A cannot use Alice's account routes on exchange B (no session), nor read B through its own token.
    expect((await get(`/api/exchanges/${b.id}`)).statusCode).toBe(401);

    const ga = await listenAsGuest(url, a.guestToken);
    const gb = await listenAsGuest(url, b.guestToken);
    try {
      // A socket cannot join rooms itself; a join attempt by event is ignored.
      ga.socket.emit('join', `exchange:${b.id}`);
      await postCapture(t.app, `/api/exchanges/${b.id}/captures`, await gpsPhoto(3), alice);
      await gb.next('exchange.updated', (e) => e.exchangeId === b.id && e.requesterCaptured);
      await postCapture(t.app, `/api/exchanges/${a.id}/captures`, await gpsPhoto(3), alice);
      await ga.next('exchange.updated', (e) => e.exchangeId === a.id && e.requesterCaptured); // a marker after B's event
      expect(ga.events.filter((e) => e.payload?.exchangeId === b.id)).toEqual([]);
      expect(ga.events.every((e) => e.name.startsWith('exchange.'))).toBe(true);
    } finally {
      ga.close();
      gb.close();
    }
  });

  it('a guest can decline the invite; the requester hears it', async () => {
    const { exchange, invite } = await requestExchange(t.app, alice, { mode: 'synthesis', invite: true });
    const res = await post(`${guestApi(tokenOf(invite.url))}/decline`);
    expect(res.json().exchange.status).toBe('declined');
    await sa.next('exchange.updated', (e) => e.exchangeId === exchange.id && e.status === 'declined');
    expect((await post(`${guestApi(tokenOf(invite.url))}/join`, { displayName: 'Late' })).statusCode).toBe(404);
  });

  it('a guest reports abuse; the report names the requester and no reporter account', async () => {
    const g = await joined('Reporter');
    expect((await post(`${guestApi(g.guestToken)}/report`, { reason: 'rude' })).statusCode).toBe(204);
    expect((await post(`${guestApi('A'.repeat(43))}/report`, { reason: 'rude' })).statusCode).toBe(404);
    const rows = await t.container.db.selectFrom('exchange_report').selectAll().where('exchange_id', '=', g.id).execute();
    expect(rows).toMatchObject([{ reporter_id: null, reported_id: alice.id, reason: 'rude' }]);
  });
});
