import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, engines, signup, type TestApp, type TestUser } from '../helpers/test-app.js';
import { associate, listenAs, play, PHONES, urlOf, type RecordingSocket } from '../helpers/now-playing.js';
import { smsConfigFor, startFakeSmsGateway, type FakeSmsGateway } from '../helpers/fake-sms-gateway.js';

const ALICE = PHONES[1];
const BOB = PHONES[2];
const names = (people: Array<{ username: string }>) => people.map((p) => p.username).sort();

/** Proves `user`'s number through the loopback SMS gateway: send a code, read it off the fake, submit it. */
async function verifyBySms(t: TestApp, sms: FakeSmsGateway, user: TestUser, phone: string) {
  const sent = await as(t.app, user).post('/api/me/phone/code');
  expect(sent.statusCode).toBe(202);
  const res = await as(t.app, user).post('/api/me/phone/verify', { code: sms.codeFor(phone) });
  expect(res.statusCode).toBe(200);
  return res.json();
}

// The reproduction of docs/security.md "Phone numbers and now playing": a number claimed first by
// someone else grants them nothing and blocks nobody; the SMS code settles who holds it.
describe.each(engines)('phone number claims on %s', (engine) => {
  let t: TestApp;
  let sms: FakeSmsGateway;
  let alice: TestUser, bob: TestUser, mallory: TestUser;
  let bobSocket: RecordingSocket, mallorySocket: RecordingSocket;

  beforeAll(async () => {
    sms = await startFakeSmsGateway();
    t = await createTestApp(engine, smsConfigFor(sms));
    alice = await signup(t.app, 'alice');
    bob = await signup(t.app, 'bob');
    mallory = await signup(t.app, 'mallory');
    // Alice shares only with people whose numbers are in her book: bob's number is.
    await associate(t.app, alice, ALICE, [BOB], { require_mutual: true });
    await verifyBySms(t, sms, alice, ALICE);
    const url = await urlOf(t.app);
    [bobSocket, mallorySocket] = await Promise.all([listenAs(url, bob), listenAs(url, mallory)]);
  });
  afterAll(async () => {
    bobSocket?.close();
    mallorySocket?.close();
    await t?.close();
    await sms?.close();
  });

  it("mallory's claim of bob's number passes nobody's mutual check: she does not see alice's plays", async () => {
    // "bob" has alice's number in his book, as the real bob would.
    const claimed = await associate(t.app, mallory, BOB, [ALICE]);
    expect(claimed.self).toMatchObject({ phone_registered: true, phone_verified: false });
    expect(claimed.reaches_me).toEqual([]);
    expect((await as(t.app, alice).get('/api/now-playing/association')).json().i_reach).toEqual([]);
    expect((await as(t.app, alice).post('/api/now-playing', play('Private Song', 'Alice'))).statusCode).toBe(200);
    expect((await as(t.app, mallory).get('/api/now-playing/friends')).json().friends).toEqual([]);
    expect((await as(t.app, mallory).get(`/api/now-playing/listens?user=${alice.id}`)).statusCode).toBe(404);
  });

  it('the real bob can still claim his number (no 409 phone_taken), and a claim alone shows him nothing yet', async () => {
    const res = await as(t.app, bob).put('/api/now-playing/association', {
      self: { name: 'Bob', phone: BOB },
      contacts: [{ name: 'Alice', phone: ALICE }],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().reaches_me).toEqual([]);
    expect((await as(t.app, bob).get('/api/me')).json().account.phone).toBe(BOB);
  });

  it("bob verifies by SMS: he passes alice's mutual check, sees her play live, and mallory's claim is evicted", async () => {
    const status = await verifyBySms(t, sms, bob, BOB);
    // The moment bob proves his number, alice's current play is pushed to him (no new submission needed).
    expect(await bobSocket.next('now-playing.updated', (e) => e.playing.title === 'Private Song')).toMatchObject({
      user: { username: 'alice' },
    });
    expect(status).toMatchObject({ phone: BOB, verified: true, sms_gateway: true, pending_code: null });
    // The fake received exactly Twilio's form: To, From, Body with the code.
    expect(sms.messages.at(-1)).toMatchObject({ to: BOB, from: sms.from, body: expect.stringMatching(/^\d{6} is your Kith code/) });

    expect(names((await as(t.app, bob).get('/api/now-playing/association')).json().reaches_me)).toEqual(['alice']);
    const friends = (await as(t.app, bob).get('/api/now-playing/friends')).json().friends;
    expect(friends).toMatchObject([{ user: { username: 'alice' }, playing: { title: 'Private Song' } }]);
    await as(t.app, alice).post('/api/now-playing', play('Live Song', 'Alice'));
    expect(await bobSocket.next('now-playing.updated', (e) => e.playing.title === 'Live Song')).toMatchObject({
      user: { username: 'alice' },
    });
    expect(mallorySocket.events.filter((e) => e.name.startsWith('now-playing.') && e.payload.user?.username === 'alice')).toEqual([]);

    // Mallory is told in her settings, and her claim is gone everywhere.
    const hers = (await as(t.app, mallory).get('/api/me/phone')).json();
    expect(hers).toMatchObject({ phone: null, verified: false, notice: { phone: BOB } });
    expect((await as(t.app, mallory).get('/api/now-playing/association')).json().self.phone_registered).toBe(false);
    expect((await as(t.app, mallory).post('/api/me/phone/code')).json().code).toBe('no_phone');
    expect((await as(t.app, mallory).delete('/api/me/phone/notice')).statusCode).toBe(204);
    expect((await as(t.app, mallory).get('/api/me/phone')).json().notice).toBeNull();
  });

  it('a second claim after verification is again only a claim: it links nobody and does not disturb bob', async () => {
    await associate(t.app, mallory, BOB, [ALICE]);
    expect((await as(t.app, mallory).get('/api/now-playing/friends')).json().friends).toEqual([]);
    expect(names((await as(t.app, bob).get('/api/now-playing/association')).json().reaches_me)).toEqual(['alice']);
    expect((await as(t.app, bob).get('/api/me/phone')).json().verified).toBe(true);
  });

  it('a verified number stays verified when sent again, and a new number starts over', async () => {
    expect((await as(t.app, bob).patch('/api/me', { phone: BOB })).statusCode).toBe(200);
    expect((await as(t.app, bob).get('/api/me/phone')).json().verified).toBe(true);
    await associate(t.app, bob, PHONES[3], [ALICE]);
    expect((await as(t.app, bob).get('/api/me/phone')).json()).toMatchObject({ phone: PHONES[3], verified: false });
    expect((await as(t.app, bob).get('/api/now-playing/friends')).json().friends).toEqual([]);
  });
});
