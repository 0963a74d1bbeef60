import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, engines, type TestApp, type TestUser } from '../helpers/test-app.js';
import { associate, PHONES, signupTerminals, verifyPhones } from '../helpers/now-playing.js';

const names = (people: Array<{ username: string }>) => people.map((p) => p.username).sort();

// Seed CN102664943A [0046]: terminals 2, 3 and 4 hold 1's number, so 1's plays reach 2, 3 and 4.
describe.each(engines)('now-playing association on %s', (engine) => {
  let t: TestApp;
  let u1: TestUser, u2: TestUser, u3: TestUser, u4: TestUser, u5: TestUser;

  beforeAll(async () => {
    t = await createTestApp(engine);
    [u1, u2, u3, u4, u5] = await signupTerminals(t.app);
    await associate(t.app, u1, PHONES[1], []);
    await associate(t.app, u2, PHONES[2], [PHONES[1]]);
    await associate(t.app, u3, PHONES[3], [PHONES[1], PHONES[2]]);
    // 4 writes 1's number the way a German phone book does: national format, spaces.
    await associate(t.app, u4, '0151 1000 0004', ['0151 10000001', '+49 151 1000 0099'], { region: 'DE' });
    await associate(t.app, u5, PHONES[5], []);
    // Only verified numbers link anyone (docs/security.md): the admin (terminal 1) marks them.
    await verifyPhones(t.app, u1, u1, u2, u3, u4, u5);
  });
  afterAll(async () => t?.close());

  it("links 1 to 2, 3 and 4 because their books hold 1's number: 1's plays reach them", async () => {
    const report = (await as(t.app, u1).get('/api/now-playing/association')).json();
    expect(names(report.i_reach)).toEqual(['four', 'three', 'two']);
    expect(report.reaches_me).toEqual([]); // 1's own book is empty: nobody's plays reach 1
    expect(report.self).toEqual({ name: 'one', phone_registered: true, phone_verified: true });
  });

  it('makes the direction explicit: 3 sees 1 and 2, 2 sees 1, 5 sees nobody', async () => {
    const r3 = (await as(t.app, u3).get('/api/now-playing/association')).json();
    expect(names(r3.reaches_me)).toEqual(['one', 'two']);
    expect(r3.i_reach).toEqual([]);
    expect(names((await as(t.app, u2).get('/api/now-playing/association')).json().reaches_me)).toEqual(['one']);
    expect(names((await as(t.app, u2).get('/api/now-playing/association')).json().i_reach)).toEqual(['three']);
    const r5 = (await as(t.app, u5).get('/api/now-playing/association')).json();
    expect(r5.reaches_me).toEqual([]);
    expect(r5.i_reach).toEqual([]);
  });

  it('counts numbers and Kith members of a book (4: two numbers, one on Kith)', async () => {
    const r4 = (await as(t.app, u4).get('/api/now-playing/association')).json();
    expect(r4.book).toMatchObject({ numbers: 2, on_kith: 1 });
  });

  it('stores numbers only as keyed hashes: no row holds a raw number', async () => {
    const profiles = await t.container.db.selectFrom('np_profile').selectAll().execute();
    const entries = await t.container.db.selectFrom('np_book_entry').selectAll().execute();
    const dump = JSON.stringify([profiles, entries]);
    for (const p of Object.values(PHONES)) {
      expect(dump).not.toContain(p);
      expect(dump).not.toContain(p.slice(3));
    }
    expect(entries.every((e) => /^[0-9a-f]{64}$/.test(e.phone_hash))).toBe(true);
    // The hash is keyed: a plain SHA-256 of the number is not what is stored.
    const { createHash } = await import('node:crypto');
    expect(dump).not.toContain(createHash('sha256').update(PHONES[1]).digest('hex'));
  });

  it('with require_mutual, 1 reaches only people whose numbers are also in its book', async () => {
    await associate(t.app, u1, PHONES[1], [PHONES[3]], { require_mutual: true });
    expect(names((await as(t.app, u1).get('/api/now-playing/association')).json().i_reach)).toEqual(['three']);
    expect(names((await as(t.app, u2).get('/api/now-playing/association')).json().reaches_me)).toEqual([]);
    await associate(t.app, u1, PHONES[1], [], { require_mutual: false });
    expect(names((await as(t.app, u1).get('/api/now-playing/association')).json().i_reach)).toEqual(['four', 'three', 'two']);
  });

  it('reads a vCard address book; a re-upload replaces the old list (new contacts join, removed ones leave)', async () => {
    const vcard = [
      'BEGIN:VCARD',
      'VERSION:3.0',
      'FN:Five',
      `TEL;TYPE=CELL:${PHONES[5]}`,
      'END:VCARD',
      'BEGIN:VCARD',
      'VERSION:2.1',
      'N:;Nobody;;;',
      'EMAIL:nobody@example.org',
      'END:VCARD',
      '',
    ].join('\r\n');
    const res = await as(t.app, u2).put('/api/now-playing/association', { self: { name: 'Two', phone: PHONES[2] }, vcard });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(names(body.reaches_me)).toEqual(['five']); // 1 is gone: the new book replaced the old
    expect(body.book).toEqual({ numbers: 1, skipped: ['Nobody'], on_kith: 1 });
    await associate(t.app, u2, PHONES[2], [PHONES[1]]); // restore
  });

  it('answers 400 invalid_vcard with card and line for a broken file', async () => {
    const res = await as(t.app, u5).put('/api/now-playing/association', {
      self: { name: 'Five', phone: PHONES[5] },
      vcard: 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cut off\r\n',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'invalid_vcard', details: { card: 1 } });
  });

  it('answers 400 invalid_phone for an unreadable own number; a number someone else verified is a claim that links nothing', async () => {
    const bad = await as(t.app, u5).put('/api/now-playing/association', { self: { name: 'Five', phone: 'call me' }, contacts: [] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('invalid_phone');
    const claim = await as(t.app, u5).put('/api/now-playing/association', { self: { name: 'Five', phone: PHONES[1] }, contacts: [] });
    expect(claim.statusCode).toBe(200);
    expect(claim.json().self).toMatchObject({ phone_registered: true, phone_verified: false });
    expect(claim.json().i_reach).toEqual([]); // 2, 3 and 4 hold that number, but it is 1's
    expect(names((await as(t.app, u1).get('/api/now-playing/association')).json().i_reach)).toEqual(['four', 'three', 'two']);
  });

  it('answers a clear login failure without credentials (claim [0079])', async () => {
    const res = await t.app.inject({
      method: 'PUT',
      url: '/api/now-playing/association',
      payload: { self: { name: 'x', phone: PHONES[1] } },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'unauthorized', message: expect.stringContaining('Log in') });
  });
});
