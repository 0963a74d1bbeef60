import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, engines, signup, type TestApp, type TestUser } from '../helpers/test-app.js';
import { associate, listenAs, PHONES, play, urlOf, verifyPhones, type RecordingSocket } from '../helpers/now-playing.js';

const [ALICE, CAROL, DAVE, ERIN] = [PHONES[1], PHONES[3], PHONES[4], PHONES[5]];
const names = (people: Array<{ username: string }>) => people.map((p) => p.username).sort();
const friendsOf = async (t: TestApp, u: TestUser) =>
  names((await as(t.app, u).get('/api/now-playing/friends')).json().friends.map((f: { user: { username: string } }) => f.user));

// docs/security.md "Phone numbers and now playing": on a server without SMS, a contact who holds a
// number confirms "this Kith account is my contact with it"; that counts for the confirming user only.
describe.each(engines)('confirmation by a contact on %s', (engine) => {
  let t: TestApp;
  let alice: TestUser, carol: TestUser, dave: TestUser, erin: TestUser;
  let carolSocket: RecordingSocket, aliceSocket: RecordingSocket;

  beforeAll(async () => {
    t = await createTestApp(engine); // no SMS gateway
    alice = await signup(t.app, 'alice');
    carol = await signup(t.app, 'carol');
    dave = await signup(t.app, 'dave');
    erin = await signup(t.app, 'erin');
    // alice and dave require mutual links; both hold carol's number. carol holds both of theirs.
    await associate(t.app, alice, ALICE, [CAROL], { require_mutual: true });
    await associate(t.app, dave, DAVE, [CAROL], { require_mutual: true });
    await associate(t.app, carol, CAROL, [ALICE, DAVE]);
    await associate(t.app, erin, ERIN, [CAROL]);
    await verifyPhones(t.app, alice, alice, dave);
    await as(t.app, alice).post('/api/now-playing', play('Alice Song', 'A'));
    await as(t.app, dave).post('/api/now-playing', play('Dave Song', 'D'));
    await as(t.app, carol).post('/api/now-playing', play('Carol Song', 'C'));
    const url = await urlOf(t.app);
    [carolSocket, aliceSocket] = await Promise.all([listenAs(url, carol), listenAs(url, alice)]);
  });
  afterAll(async () => {
    carolSocket?.close();
    aliceSocket?.close();
    await t?.close();
  });

  it("lists carol's unverified claim to alice, who holds that number, with a hint of it", async () => {
    expect(await friendsOf(t, carol)).toEqual([]);
    const list = (await as(t.app, alice).get('/api/now-playing/confirmations')).json().confirmations;
    expect(list).toEqual([
      {
        account: expect.objectContaining({ username: 'carol' }),
        phone_hint: expect.stringMatching(/0003$/),
        verified: false,
        confirmed_at: null,
      },
    ]);
  });

  it('refuses a number that is not in my book, or that the account does not claim', async () => {
    const notInBook = await as(t.app, alice).post('/api/now-playing/confirmations', { account_id: carol.id, phone: ERIN });
    expect(notInBook.statusCode).toBe(400);
    expect(notInBook.json().code).toBe('not_in_book');
    await associate(t.app, alice, ALICE, [CAROL, ERIN], { require_mutual: true });
    const mismatch = await as(t.app, alice).post('/api/now-playing/confirmations', { account_id: carol.id, phone: ERIN });
    expect(mismatch.statusCode).toBe(409);
    expect(mismatch.json().code).toBe('number_mismatch');
    const self = await as(t.app, alice).post('/api/now-playing/confirmations', { account_id: alice.id, phone: ALICE });
    expect(self.json().code).toBe('cannot_confirm_self');
  });

  it("alice's confirmation passes her own mutual check only: carol sees alice, not dave", async () => {
    const res = await as(t.app, alice).post('/api/now-playing/confirmations', { account_id: carol.id, phone: '+49 151 10000003' });
    expect(res.statusCode).toBe(200);
    expect(res.json().confirmations[0]).toMatchObject({ account: { username: 'carol' }, confirmed_at: expect.any(String) });
    expect(await friendsOf(t, carol)).toEqual(['alice']);
    // Pushed at once, both ways: carol now sees alice's current play, alice sees carol's.
    expect((await carolSocket.next('now-playing.updated', (e) => e.user.username === 'alice')).playing.title).toBe('Alice Song');
    expect((await aliceSocket.next('now-playing.updated', (e) => e.user.username === 'carol')).playing.title).toBe('Carol Song');
    expect(names((await as(t.app, alice).get('/api/now-playing/association')).json().i_reach)).toEqual(['carol']);
    // dave also holds carol's number, but only dave could confirm her for dave.
    expect(names((await as(t.app, dave).get('/api/now-playing/association')).json().i_reach)).toEqual([]);
  });

  it("carol's unverified plays reach alice, who confirmed her, and nobody else who holds the number", async () => {
    expect(await friendsOf(t, alice)).toEqual(['carol']);
    expect(await friendsOf(t, erin)).toEqual([]);
    expect(await friendsOf(t, dave)).toEqual([]);
  });

  it('cannot confirm a claim of a number another account verified (that account is the contact)', async () => {
    await associate(t.app, dave, DAVE, [CAROL, ALICE], { require_mutual: true });
    await associate(t.app, erin, ALICE, [CAROL]); // erin claims alice's verified number
    const list = (await as(t.app, dave).get('/api/now-playing/confirmations')).json().confirmations;
    expect(list.map((c: { account: { username: string } }) => c.account.username).sort()).toEqual(['alice', 'carol']);
    const res = await as(t.app, dave).post('/api/now-playing/confirmations', { account_id: erin.id, phone: ALICE });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('phone_verified_elsewhere');
    await associate(t.app, erin, ERIN, [CAROL]);
    await associate(t.app, dave, DAVE, [CAROL], { require_mutual: true });
  });

  it('withdrawing the confirmation, or carol changing her number, ends it', async () => {
    expect((await as(t.app, alice).delete(`/api/now-playing/confirmations/${carol.id}`)).statusCode).toBe(204);
    expect(await friendsOf(t, carol)).toEqual([]);
    expect(await carolSocket.next('now-playing.stopped', (e) => e.user.username === 'alice')).toMatchObject({ reason: 'hidden' });
    expect((await as(t.app, alice).delete(`/api/now-playing/confirmations/${carol.id}`)).statusCode).toBe(404);
    await as(t.app, alice).post('/api/now-playing/confirmations', { account_id: carol.id, phone: CAROL });
    expect(await friendsOf(t, carol)).toEqual(['alice']);
    await as(t.app, carol).patch('/api/me', { phone: PHONES[2] });
    expect(await friendsOf(t, carol)).toEqual([]);
    expect(await friendsOf(t, alice)).toEqual([]);
    const list = (await as(t.app, alice).get('/api/now-playing/confirmations')).json().confirmations;
    expect(list.map((c: { account: { username: string } }) => c.account.username)).toEqual(['erin']); // carol no longer claims a number of alice's book
  });
});
