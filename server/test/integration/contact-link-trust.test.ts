import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, engines, signup, verifyEmail, verifyPhone, type TestApp, type TestUser } from '../helpers/test-app.js';

/**
 * Contacts link automatically only on identities someone vouched for (docs/security.md, "E-mail addresses and
 * contact links"): a verified e-mail or phone, or a Kith address the owner typed. Anything else is a question.
 */
describe.each(engines)('contact links act only on verified identities, on %s', (engine) => {
  let t: TestApp;
  let alice: TestUser;
  beforeAll(async () => {
    t = await createTestApp(engine);
    alice = await signup(t.app, 'alice');
  });
  afterAll(async () => t?.close());

  const contact = async (owner: TestUser, id: string) => (await as(t.app, owner).get(`/api/contacts/${id}`)).json().contact;
  const questions = async (owner: TestUser) => (await as(t.app, owner).get('/api/contacts/link-questions')).json().questions;
  const linkedIds = async (owner: TestUser) => (await t.container.contacts.findLinkedAccounts(owner.id)).map((l) => l.accountId);
  const answer = (owner: TestUser, contactId: string, accountId: string, a: 'yes' | 'no') =>
    as(t.app, owner).post(`/api/contacts/${contactId}/link-questions/${accountId}`, { answer: a });

  it('mallory claiming dad’s e-mail links nothing: alice is asked, and only her Yes links', async () => {
    const dad = (await as(t.app, alice).post('/api/contacts', { name: 'Dad', emails: ['dad@example.com'] })).json().contact;
    const mallory = await signup(t.app, 'mallory');
    expect((await as(t.app, mallory).patch('/api/me', { email: 'dad@example.com' })).statusCode).toBe(200);

    expect(await contact(alice, dad.id)).toMatchObject({ linkedAccount: null });
    expect(await linkedIds(alice)).not.toContain(mallory.id); // event sharing, routing and now playing read these links
    expect(await questions(alice)).toEqual([
      {
        contactId: dad.id,
        contactName: 'Dad',
        account: { id: mallory.id, username: 'mallory', displayName: 'mallory' },
        matchedOn: 'email',
        createdAt: expect.any(String),
      },
    ]);
    // Nobody else sees alice's question, nor can answer it.
    expect(await questions(mallory)).toEqual([]);
    expect((await answer(mallory, dad.id, mallory.id, 'yes')).statusCode).toBe(404);

    const yes = await answer(alice, dad.id, mallory.id, 'yes');
    expect(yes.statusCode).toBe(200);
    expect(yes.json().contact).toMatchObject({ linkedAccount: { id: mallory.id, username: 'mallory' } });
    expect(await questions(alice)).toEqual([]);
    expect(await linkedIds(alice)).toContain(mallory.id);
  });

  it('a contact created after the claim, or imported, is a question too', async () => {
    const trudy = await signup(t.app, 'trudy', { email: 'mum@example.com' });
    const mum = (await as(t.app, alice).post('/api/contacts', { name: 'Mum', emails: ['MUM@example.com'] })).json().contact;
    expect(mum.linkedAccount).toBeNull();
    const vcf = 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Mum Again\r\nEMAIL:mum@example.com\r\nEND:VCARD\r\n';
    const imported = await as(t.app, alice).post('/api/contacts/import', vcf, { 'content-type': 'text/vcard' });
    expect(imported.json().report).toMatchObject({ imported: 1, linked: 0 });
    expect((await questions(alice)).filter((q: any) => q.account.id === trudy.id).map((q: any) => q.contactName)).toEqual([
      'Mum',
      'Mum Again',
    ]);
  });

  it('a No is remembered: the pair is never linked by that address nor asked about again', async () => {
    const eve = await signup(t.app, 'eve', { email: 'boss@example.com' });
    const boss = (await as(t.app, alice).post('/api/contacts', { name: 'Boss', emails: ['boss@example.com'] })).json().contact;
    expect((await questions(alice)).some((q: any) => q.contactId === boss.id)).toBe(true);
    expect((await answer(alice, boss.id, eve.id, 'no')).json().contact.linkedAccount).toBeNull();
    // Relinks (a profile save, an edit of the contact, even eve verifying the address) ask nothing again.
    await as(t.app, eve).patch('/api/me', { email: 'boss@example.com', displayName: 'Eve' });
    await as(t.app, alice).patch(`/api/contacts/${boss.id}`, { name: 'The Boss' });
    await verifyEmail(t.app, eve);
    expect(await contact(alice, boss.id)).toMatchObject({ linkedAccount: null });
    expect((await questions(alice)).some((q: any) => q.contactId === boss.id)).toBe(false);
    expect((await answer(alice, boss.id, eve.id, 'yes')).statusCode).toBe(404);
  });

  it('a verified e-mail links at once, and verifying later turns a pending question into a link', async () => {
    const bob = await signup(t.app, 'bob', { email: 'bob@example.com' });
    const b = (await as(t.app, alice).post('/api/contacts', { name: 'Bob', emails: ['bob@example.com'] })).json().contact;
    expect(b.linkedAccount).toBeNull();
    expect((await questions(alice)).some((q: any) => q.contactId === b.id)).toBe(true);
    await verifyEmail(t.app, bob);
    expect(await contact(alice, b.id)).toMatchObject({ linkedAccount: { id: bob.id } });
    expect((await questions(alice)).some((q: any) => q.contactId === b.id)).toBe(false);
    // A new contact holding a verified address links with no question.
    const again = (await as(t.app, alice).post('/api/contacts', { name: 'Bob 2', emails: ['bob@example.com'] })).json().contact;
    expect(again.linkedAccount).toMatchObject({ id: bob.id });
    // Changing the address makes it a claim again: the link goes.
    await as(t.app, bob).patch('/api/me', { email: 'bob@elsewhere.example' });
    expect(await contact(alice, b.id)).toMatchObject({ linkedAccount: null });
  });

  it('the account that proved the address wins over one that only claims it', async () => {
    const claimer = await signup(t.app, 'claimer', { email: 'gran@example.com' });
    const gran = await signup(t.app, 'gran', { email: 'gran@example.com' });
    await verifyEmail(t.app, gran);
    const c = (await as(t.app, alice).post('/api/contacts', { name: 'Gran', emails: ['gran@example.com'] })).json().contact;
    expect(c.linkedAccount).toMatchObject({ id: gran.id });
    expect((await questions(alice)).some((q: any) => q.account.id === claimer.id && q.contactId === c.id)).toBe(false);
  });

  it('an unverified phone is a question; a verified one links', async () => {
    const carol = await signup(t.app, 'carol', { phone: '+1 415 555 0199' });
    const c = (await as(t.app, alice).post('/api/contacts', { name: 'Carol', phones: ['(415) 555-0199'] })).json().contact;
    expect(c.linkedAccount).toBeNull();
    expect((await questions(alice)).find((q: any) => q.contactId === c.id)).toMatchObject({ matchedOn: 'phone' });
    await verifyPhone(t, carol);
    expect(await contact(alice, c.id)).toMatchObject({ linkedAccount: { id: carol.id } });
    // The same number saved again keeps its proof (and the link); another number is a new claim.
    expect((await as(t.app, carol).patch('/api/me', { phone: '(415) 555-0199' })).json().account.phoneVerified).toBe(true);
    expect(await contact(alice, c.id)).toMatchObject({ linkedAccount: { id: carol.id } });
    expect((await as(t.app, carol).patch('/api/me', { phone: '+1 415 555 0198' })).json().account.phoneVerified).toBe(false);
    expect(await contact(alice, c.id)).toMatchObject({ linkedAccount: null });
  });

  it('a Kith address the owner typed links without any verification', async () => {
    const dave = await signup(t.app, 'dave');
    const c = (await as(t.app, alice).post('/api/contacts', { name: 'Dave', kithAddress: 'dave@kith.test' })).json().contact;
    expect(c.linkedAccount).toMatchObject({ id: dave.id });
  });

  it('a question goes away when the claim does', async () => {
    const liar = await signup(t.app, 'liar', { email: 'uncle@example.com' });
    const c = (await as(t.app, alice).post('/api/contacts', { name: 'Uncle', emails: ['uncle@example.com'] })).json().contact;
    expect((await questions(alice)).some((q: any) => q.contactId === c.id)).toBe(true);
    await as(t.app, liar).patch('/api/me', { email: null });
    expect((await questions(alice)).some((q: any) => q.contactId === c.id)).toBe(false);
  });

  it('answers 400 for a bad answer and 404 for a question that does not exist', async () => {
    const c = (await as(t.app, alice).post('/api/contacts', { name: 'Nobody', emails: ['nobody@example.com'] })).json().contact;
    const bad = await as(t.app, alice).post(`/api/contacts/${c.id}/link-questions/${alice.id}`, { answer: 'maybe' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('invalid_request');
    const none = await answer(alice, c.id, alice.id, 'yes');
    expect(none.statusCode).toBe(404);
    expect(none.json().code).toBe('not_found');
  });
});
