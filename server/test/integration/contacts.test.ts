import crypto from 'node:crypto';
import type { Schemas } from '@kith/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipart } from '../helpers/photos.js';
import { as, createTestApp, engines, signup, verifyEmail, verifyPhone, type TestApp, type TestUser } from '../helpers/test-app.js';
import { card21, card30, card40, crlf, cardPhoto } from '../helpers/vcards.js';

/** A contact as the API answers it (the generated SDK's schema). */
type ContactJson = Schemas['Contact'];

describe.each(engines)('contacts on %s', (engine) => {
  let t: TestApp;
  let photo1: Buffer;
  let photo2: Buffer;
  const importVcf = (user: TestUser, text: string, type = 'text/vcard') =>
    as(t.app, user).post('/api/contacts/import', text, { 'content-type': type });
  const list = async (user: TestUser): Promise<ContactJson[]> => (await as(t.app, user).get('/api/contacts')).json().contacts;
  const byName = async (user: TestUser, name: string) => (await list(user)).find((c) => c.name === name)!;

  beforeAll(async () => {
    t = await createTestApp(engine);
    [photo1, photo2] = await Promise.all([cardPhoto(1), cardPhoto(2)]);
  });
  afterAll(async () => t?.close());

  it('creates, reads, changes and deletes a contact; phones become E.164 with the default region', async () => {
    const me = await signup(t.app, 'crud-owner');
    const created = await as(t.app, me).post('/api/contacts', {
      name: 'Ann Lee',
      phones: ['(415) 555-0100', '+44 20 7946 0958'],
      emails: ['Ann@Example.org'],
      kithAddress: 'Ann@Elsewhere.example:8443',
      albumUrl: 'https://photos.app.goo.gl/abc',
    });
    expect(created.statusCode).toBe(201);
    const c: ContactJson = created.json().contact;
    expect(c).toMatchObject({
      name: 'Ann Lee',
      phones: ['+14155550100', '+442079460958'],
      emails: ['ann@example.org'],
      urls: [],
      kithAddress: 'ann@elsewhere.example:8443',
      albumUrl: 'https://photos.app.goo.gl/abc',
      photoUrl: null,
      linkedAccount: null,
      mutual: false,
    });
    expect((await as(t.app, me).get(`/api/contacts/${c.id}`)).json().contact.id).toBe(c.id);

    const patched = await as(t.app, me).patch(`/api/contacts/${c.id}`, { phones: ['+1 415 555 0199'], albumUrl: null });
    expect(patched.statusCode).toBe(200);
    expect(patched.json().contact).toMatchObject({
      name: 'Ann Lee',
      phones: ['+14155550199'],
      emails: ['ann@example.org'],
      albumUrl: null,
    });

    const bad = await as(t.app, me).post('/api/contacts', { name: 'Bad', phones: ['call me'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'invalid_phone', details: { phone: 'call me' } });

    expect((await as(t.app, me).delete(`/api/contacts/${c.id}`)).statusCode).toBe(204);
    expect((await as(t.app, me).get(`/api/contacts/${c.id}`)).json().code).toBe('not_found');
  });

  it("answers 404 not_found for another user's contact and never lists it", async () => {
    const owner = await signup(t.app, 'private-owner');
    const other = await signup(t.app, 'nosy-other');
    await importVcf(owner, card40({ name: 'Secret Sam', phones: ['+1-415-555-0111'], photo: photo1 }));
    const sam = await byName(owner, 'Secret Sam');
    for (const res of [
      await as(t.app, other).get(`/api/contacts/${sam.id}`),
      await as(t.app, other).patch(`/api/contacts/${sam.id}`, { name: 'Mine' }),
      await as(t.app, other).delete(`/api/contacts/${sam.id}`),
      await as(t.app, other).get(`/api/contacts/${sam.id}/photo`),
    ]) {
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('not_found');
    }
    expect(await list(other)).toEqual([]);
    expect((await t.app.inject({ url: '/api/contacts' })).statusCode).toBe(401);
  });

  it('imports a raw text/vcard file of 2.1, 3.0 and 4.0 cards and keeps their photos as reference photos', async () => {
    const me = await signup(t.app, 'importer');
    const file =
      card21({ family: 'Müller', given: 'Jürgen', phones: ['+49 151 23456789'], email: 'Juergen@Example.de', photo: photo1 }) +
      card30({
        name: 'Jane Doe',
        phones: ['+44 7700 900123'],
        url: 'https://jane.example.com/',
        impp: 'xmpp:jane@jabber.example',
        kith: 'jane@far.example:8443',
        photo: photo2,
      }) +
      card40({ name: 'Zoë Li', phones: ['+1-555-555-0199'], url: 'https://photos.app.goo.gl/zoe' });
    const res = await importVcf(me, file);
    expect(res.statusCode).toBe(200);
    const { report } = res.json();
    expect(report).toMatchObject({ imported: 3, linked: 0, skipped: 0 });
    expect(report.cards.map((c: { index: number; name: string; status: string }) => [c.index, c.name, c.status])).toEqual([
      [1, 'Jürgen Müller', 'imported'],
      [2, 'Jane Doe', 'imported'],
      [3, 'Zoë Li', 'imported'],
    ]);

    const juergen = await byName(me, 'Jürgen Müller');
    expect(juergen).toMatchObject({
      phones: ['+4915123456789'],
      emails: ['juergen@example.de'],
      photoUrl: `/api/contacts/${juergen.id}/photo`,
    });
    expect(report.cards[0].contactId).toBe(juergen.id);
    expect(await byName(me, 'Jane Doe')).toMatchObject({
      phones: ['+447700900123'],
      kithAddress: 'jane@far.example:8443',
      urls: ['https://jane.example.com/', 'xmpp:jane@jabber.example'],
    });
    expect(await byName(me, 'Zoë Li')).toMatchObject({
      phones: ['+15555550199'],
      albumUrl: 'https://photos.app.goo.gl/zoe',
      urls: [],
      photoUrl: null,
    });

    const img = await as(t.app, me).get(juergen.photoUrl!);
    expect(img.statusCode).toBe(200);
    expect(img.headers['content-type']).toBe('image/jpeg');
    expect(img.rawPayload.equals(photo1)).toBe(true);
    const sha = crypto.createHash('sha256').update(photo2).digest('hex');
    expect(await t.container.blobs.has(sha)).toBe(true);
    const noPhoto = await as(t.app, me).get(`/api/contacts/${(await byName(me, 'Zoë Li')).id}/photo`);
    expect(noPhoto.statusCode).toBe(404);
  });

  it('imports a multipart upload (`file` part) and text/x-vcard bodies', async () => {
    const me = await signup(t.app, 'multipart-importer');
    const form = await multipart([
      {
        name: 'file',
        filename: 'contacts.vcf',
        data: Buffer.from(card30({ name: 'Form Fay', phones: ['+1 415 555 0131'] })),
        type: 'text/vcard',
      },
    ]);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/contacts/import',
      payload: form.payload,
      headers: { ...form.headers, cookie: me.cookie },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().report).toMatchObject({ imported: 1, cards: [{ name: 'Form Fay', status: 'imported' }] });
    const legacy = await importVcf(me, card30({ name: 'Old Type', phones: ['+1 415 555 0132'] }), 'text/x-vcard');
    expect(legacy.json().report.imported).toBe(1);
    expect((await list(me)).map((c) => c.name)).toEqual(['Form Fay', 'Old Type']);
  });

  it('reports skipped cards with their reason: no name, duplicate, unreadable phone', async () => {
    const me = await signup(t.app, 'skipper');
    await as(t.app, me).post('/api/contacts', { name: 'Known Kim', phones: ['+1 415 555 0141'] });
    const file = crlf([
      'BEGIN:VCARD',
      'VERSION:3.0',
      'TEL:+1 415 555 0142',
      'END:VCARD',
      'BEGIN:VCARD',
      'VERSION:3.0',
      'FN:known kim',
      'TEL:(415) 555-0141',
      'END:VCARD',
      'BEGIN:VCARD',
      'VERSION:3.0',
      'FN:Garbled Gus',
      'TEL:not a number',
      'END:VCARD',
      'BEGIN:VCARD',
      'VERSION:3.0',
      'FN:New Nia',
      'TEL:+1 415 555 0143',
      'TEL:12',
      'END:VCARD',
      'BEGIN:VCARD',
      'VERSION:3.0',
      'FN:New Nia',
      'TEL:+1 415 555 0143',
      'END:VCARD',
    ]);
    const { report } = (await importVcf(me, file)).json();
    expect(report).toMatchObject({ imported: 1, linked: 0, skipped: 4 });
    expect(report.cards.map((c: { status: string; code?: string }) => [c.status, c.code])).toEqual([
      ['skipped', 'no_name'],
      ['skipped', 'duplicate'],
      ['skipped', 'invalid_phone'],
      ['imported', undefined],
      ['skipped', 'duplicate'],
    ]);
    expect(report.cards[3].reason).toContain('"12"');
    for (const c of report.cards.filter((x: { status: string }) => x.status === 'skipped')) expect(c.reason).toMatch(/\w+/);
    // The same file again: everything is a duplicate or still unreadable.
    expect((await importVcf(me, file)).json().report).toMatchObject({ imported: 0, linked: 0, skipped: 5 });
    expect((await list(me)).map((c) => c.name)).toEqual(['Known Kim', 'New Nia']);
  });

  it('reports a malformed card as invalid_card with its line and imports the others; a broken file imports nothing', async () => {
    const me = await signup(t.app, 'malformed');
    const file =
      card30({ name: 'Fine Fred', phones: ['+1 415 555 0151'] }) +
      crlf(['BEGIN:VCARD', 'VERSION:3.0', 'FN:Broken Bea', 'TEL;TYPE="cell:+1 415 555 0152', 'END:VCARD']);
    const res = await importVcf(me, file);
    expect(res.statusCode).toBe(200);
    expect(res.json().report.cards[1]).toMatchObject({ index: 2, line: 10, status: 'skipped', code: 'invalid_card' });
    expect(res.json().report.cards[1].reason).toMatch(/^Card 2, line 10: /);
    expect((await list(me)).map((c) => c.name)).toEqual(['Fine Fred']);

    // A file whose structure is broken (a card cut off) is refused whole: 400 invalid_vcard, nothing imported.
    const cut = card30({ name: 'Fine Fay', phones: ['+1 415 555 0153'] }) + crlf(['BEGIN:VCARD', 'VERSION:3.0', 'FN:Cut Off']);
    const refused = await importVcf(me, cut);
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ code: 'invalid_vcard', details: { card: 2 } });
    expect(refused.json().message).toMatch(/^Card 2, line \d+: .*Nothing was imported/);
    expect((await list(me)).map((c) => c.name)).toEqual(['Fine Fred']);
  });

  it('answers 415 for a body that is not a vCard and 413 over 20 MB', async () => {
    const me = await signup(t.app, 'wrong-body');
    const json = await as(t.app, me).post('/api/contacts/import', { name: 'x' });
    expect(json.statusCode).toBe(415);
    expect(json.json().code).toBe('unsupported_media_type');
    const huge = await importVcf(me, 'BEGIN:VCARD\r\n' + 'NOTE:'.padEnd(21 * 1024 * 1024, 'x'));
    expect(huge.statusCode).toBe(413);
    expect(huge.json().code).toBe('payload_too_large');
  });

  it('leaves out a PHOTO that is not an image, says so, and still imports the card', async () => {
    const me = await signup(t.app, 'bad-photo');
    const file = crlf([
      'BEGIN:VCARD',
      'VERSION:4.0',
      'FN:Pixel Pat',
      'TEL:+1 415 555 0161',
      `PHOTO:data:image/jpeg;base64,${Buffer.from('not a jpeg at all').toString('base64')}`,
      'END:VCARD',
    ]);
    const { report } = (await importVcf(me, file)).json();
    expect(report.cards[0]).toMatchObject({ status: 'imported', reason: expect.stringMatching(/photo was left out/) });
    expect((await byName(me, 'Pixel Pat')).photoUrl).toBeNull();
  });

  it('exports vCard 4.0, and the export imported into another account gives the same contacts', async () => {
    const from = await signup(t.app, 'exporter');
    const to = await signup(t.app, 'round-tripper');
    await importVcf(
      from,
      card21({ family: 'Øster', given: 'Åsa', phones: ['+46 70 123 45 67', '+46 8 123 456 78'], email: 'asa@example.se', photo: photo1 }) +
        card30({
          name: 'Rui, Costa',
          phones: ['+351 912 345 678'],
          url: 'https://rui.example.pt/',
          impp: 'xmpp:rui@jabber.example',
          kith: 'rui@far.example',
          photo: photo2,
        }),
    );
    await as(t.app, from).post('/api/contacts', {
      name: 'Plain Paz',
      emails: ['paz@example.com'],
      albumUrl: 'https://kith.example/albums/7',
    });

    const exported = await as(t.app, from).get('/api/contacts/export');
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toBe('text/vcard; charset=utf-8');
    expect(exported.headers['content-disposition']).toContain('.vcf');
    const text = exported.body;
    expect(text.match(/^BEGIN:VCARD\r\nVERSION:4\.0\r\n/gm)).toHaveLength(3);
    expect(text).toContain('TEL;VALUE=uri:tel:+46701234567');
    expect(text).toContain('PHOTO:data:image/jpeg;base64,/9j/');
    expect(text).toContain('X-KITH-ADDRESS:rui@far.example');
    expect(text).toContain('URL;TYPE=x-kith-album:https://kith.example/albums/7');

    const res = await importVcf(to, text);
    expect(res.json().report).toMatchObject({ imported: 3, skipped: 0 });
    const shape = async (user: TestUser) =>
      Promise.all(
        (await list(user)).map(async ({ name, phones, emails, urls, kithAddress, albumUrl, photoUrl }) => ({
          name,
          phones,
          emails,
          urls,
          kithAddress,
          albumUrl,
          photo: photoUrl
            ? crypto
                .createHash('sha256')
                .update((await as(t.app, user).get(photoUrl)).rawPayload)
                .digest('hex')
            : null,
        })),
      );
    const original = await shape(from);
    expect(original.find((c) => c.name === 'Åsa Øster')).toMatchObject({
      phones: ['+46701234567', '+46812345678'],
      emails: ['asa@example.se'],
    });
    expect(original.every((c) => c.name !== 'Plain Paz' || c.albumUrl === 'https://kith.example/albums/7')).toBe(true);
    expect(await shape(to)).toEqual(original);
  });

  describe('links to local accounts', () => {
    it('links by phone, e-mail or Kith address, never to the owner, and flags mutual once the other side links back', async () => {
      const alice = await signup(t.app, 'link-alice', { phone: '+1 415 555 0201', email: 'alice@link.example' });
      // Only proven identifiers link (contact-link-trust.test.ts covers unproven ones).
      await verifyPhone(t, alice);
      await verifyEmail(t.app, alice);
      const bob = await signup(t.app, 'link-bob', { displayName: 'Bob B.' });
      const { report } = (await importVcf(bob, card30({ name: 'Alice Phone', phones: ['(415) 555-0201'] }))).json();
      expect(report).toMatchObject({ imported: 0, linked: 1, cards: [{ status: 'linked' }] });
      expect(await byName(bob, 'Alice Phone')).toMatchObject({
        linkedAccount: { id: alice.id, username: 'link-alice', displayName: 'link-alice' },
        mutual: false,
      });

      const byKith = await as(t.app, alice).post('/api/contacts', { name: 'Bob', kithAddress: 'Link-Bob@kith.test' });
      expect(byKith.json().contact).toMatchObject({
        kithAddress: 'link-bob@kith.test',
        linkedAccount: { id: bob.id, displayName: 'Bob B.' },
        mutual: true,
      });
      expect(await byName(bob, 'Alice Phone')).toMatchObject({ mutual: true });

      const byEmail = (await as(t.app, bob).post('/api/contacts', { name: 'Alice Mail', emails: ['ALICE@link.example'] })).json().contact;
      expect(byEmail).toMatchObject({ linkedAccount: { id: alice.id }, mutual: true });
      // A Kith address on another server never links locally; my own number never links to me.
      expect(
        (await as(t.app, bob).post('/api/contacts', { name: 'Far Alice', kithAddress: 'link-alice@elsewhere.example' })).json().contact
          .linkedAccount,
      ).toBeNull();
      expect(
        (await as(t.app, alice).post('/api/contacts', { name: 'Me', phones: ['+1 415 555 0201'] })).json().contact.linkedAccount,
      ).toBeNull();

      // Changing the identifier relinks; deleting the back link ends mutual.
      const aliceBob = byKith.json().contact as ContactJson;
      expect((await as(t.app, alice).patch(`/api/contacts/${aliceBob.id}`, { kithAddress: null })).json().contact).toMatchObject({
        linkedAccount: null,
        mutual: false,
      });
      expect(await byName(bob, 'Alice Phone')).toMatchObject({ linkedAccount: { id: alice.id }, mutual: false });
    });

    it('links existing contacts when an account signs up or changes its phone or e-mail later', async () => {
      const frank = await signup(t.app, 'link-frank');
      await as(t.app, frank).post('/api/contacts', { name: 'Erin Mail', emails: ['erin@link.example'] });
      await importVcf(
        frank,
        card21({ family: 'Phone', given: 'Erin', phones: ['+1 415 555 0301'] }) +
          card40({ name: 'Gina', phones: [], kith: 'link-gina@kith.test' }),
      );
      expect((await list(frank)).every((c) => c.linkedAccount === null)).toBe(true);

      const erin = await signup(t.app, 'link-erin', { email: 'Erin@Link.example' });
      await verifyEmail(t.app, erin);
      expect(await byName(frank, 'Erin Mail')).toMatchObject({ linkedAccount: { id: erin.id } });
      expect(await byName(frank, 'Erin Phone')).toMatchObject({ linkedAccount: null });

      expect((await as(t.app, erin).patch('/api/me', { phone: '(415) 555-0301', email: 'erin.new@link.example' })).statusCode).toBe(200);
      await verifyPhone(t, erin);
      expect(await byName(frank, 'Erin Phone')).toMatchObject({ linkedAccount: { id: erin.id } });
      expect(await byName(frank, 'Erin Mail')).toMatchObject({ linkedAccount: null });

      const gina = await signup(t.app, 'link-gina');
      expect(await byName(frank, 'Gina')).toMatchObject({ linkedAccount: { id: gina.id }, mutual: false });
      await as(t.app, gina).post('/api/contacts', { name: 'Frank', kithAddress: 'link-frank@kith.test' });
      expect(await byName(frank, 'Gina')).toMatchObject({ mutual: true });
    });

    it('gives the events domain mutual links with allowEventGathering, and all links with a mutual flag', async () => {
      const hank = await signup(t.app, 'gather-hank');
      const ivy = await signup(t.app, 'gather-ivy', { phone: '+1 415 555 0401' });
      const jack = await signup(t.app, 'gather-jack', { email: 'jack@gather.example' });
      const kim = await signup(t.app, 'gather-kim');
      await verifyPhone(t, ivy);
      await verifyEmail(t.app, jack);
      await importVcf(
        hank,
        card30({ name: 'Ivy', phones: ['+1 415 555 0401'] }) +
          card40({ name: 'Ivy Again', phones: [], kith: 'gather-ivy@kith.test' }) +
          card30({ name: 'Jack', phones: [], email: 'jack@gather.example' }) +
          card40({ name: 'Kim', phones: [], kith: 'gather-kim@kith.test' }),
      );
      await as(t.app, ivy).post('/api/contacts', { name: 'Hank', kithAddress: 'gather-hank@kith.test' });
      await as(t.app, kim).post('/api/contacts', { name: 'Hank', kithAddress: 'gather-hank@kith.test' });
      await as(t.app, kim).patch('/api/me', { allowEventGathering: false });

      const repo = t.container.contacts;
      const sortById = <T extends { accountId: string }>(xs: T[]) => [...xs].sort((a, b) => a.accountId.localeCompare(b.accountId));
      expect(await repo.findLinkedAccounts(hank.id)).toEqual(
        sortById([
          { accountId: ivy.id, username: 'gather-ivy', displayName: 'gather-ivy', mutual: true, allowEventGathering: true },
          { accountId: jack.id, username: 'gather-jack', displayName: 'gather-jack', mutual: false, allowEventGathering: true },
          { accountId: kim.id, username: 'gather-kim', displayName: 'gather-kim', mutual: true, allowEventGathering: false },
        ]),
      );
      expect((await repo.findLinkedAccounts(jack.id)).filter((l) => l.mutual)).toEqual([]);
      expect(await repo.findLinkedAccounts(ivy.id)).toEqual([expect.objectContaining({ accountId: hank.id, mutual: true })]);
    });
  });
});
