import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Schemas } from '@kith/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, engines, signup, type TestApp, type TestUser } from '../helpers/test-app.js';

/**
 * Address books written by real tools, byte for byte as they write them (test/fixtures/vcards/):
 * Outlook's vCard 2.1 in Windows-1252, older macOS's UTF-16 LE, Android's 3.0 with quoted-printable
 * and a bare JPEG parameter, Apple's group cards, vCard 4.0 groups, a local number from abroad.
 * Each goes through the HTTP import on both engines.
 */
type ContactJson = Schemas['Contact'];
const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/vcards');
const fixture = (name: string) => fs.readFileSync(path.join(fixtures, name));

describe.each(engines)('real address-book exports on %s', (engine) => {
  let t: TestApp;
  const importFile = (user: TestUser, name: string, type = 'text/vcard') =>
    as(t.app, user).post('/api/contacts/import', fixture(name), { 'content-type': type });
  const list = async (user: TestUser, query = ''): Promise<ContactJson[]> =>
    (await as(t.app, user).get(`/api/contacts${query}`)).json().contacts;

  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => t?.close());

  it('Outlook vCard 2.1 in Windows-1252: CHARSET= on plain and quoted-printable values, and the Content-Type charset', async () => {
    const me = await signup(t.app, 'outlook-user');
    const res = await importFile(me, 'outlook-2.1-windows-1252.vcf', 'text/x-vcard');
    expect(res.statusCode).toBe(200);
    expect(res.json().report).toMatchObject({ imported: 1, skipped: 0 });
    // ISO-8859-1 with no CHARSET on the card: the Content-Type names it.
    const latin = await importFile(me, 'outlook-2.1-iso-8859-1.vcf', 'text/vcard; charset=iso-8859-1');
    expect(latin.json().report).toMatchObject({ imported: 1, skipped: 0 });
    const names = (await list(me)).map((c) => c.name);
    expect(names).toEqual(['José García', 'Jürgen Müller']);
    expect(names.join('')).not.toContain('\ufffd');
    expect((await list(me)).find((c) => c.name === 'Jürgen Müller')).toMatchObject({
      phones: ['+493012345678', '+491701234567'],
      emails: ['juergen.mueller@example.de'],
    });
  });

  it('older macOS export in UTF-16 LE with a byte-order mark', async () => {
    const me = await signup(t.app, 'mac-user');
    const res = await importFile(me, 'macos-utf16le-bom.vcf');
    expect(res.statusCode).toBe(200);
    expect(res.json().report).toMatchObject({ imported: 2, skipped: 0 });
    expect((await list(me)).map(({ name, phones, emails }) => ({ name, phones, emails }))).toEqual([
      { name: 'Amélie Lefèvre', phones: ['+33612345678'], emails: ['amelie@example.fr'] },
      { name: 'Åsa Øster', phones: ['+46812345678'], emails: [] },
    ]);
  });

  it('a UTF-16 body is checked for NUL as UTF-16: a real U+0000 is still refused', async () => {
    const me = await signup(t.app, 'utf16-nul');
    const withNul = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('BEGIN:VCARD\r\nFN:A\u0000B\r\nEND:VCARD\r\n', 'utf16le')]);
    const res = await as(t.app, me).post('/api/contacts/import', withNul, { 'content-type': 'text/vcard' });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('invalid_request');
  });

  it('Android vCard 3.0: quoted-printable names are decoded, and PHOTO;ENCODING=BASE64;JPEG: is read', async () => {
    const me = await signup(t.app, 'android-user');
    const res = await importFile(me, 'android-3.0-qp-bare-type.vcf');
    expect(res.statusCode).toBe(200);
    const jose = (await list(me)).find((c) => c.name === 'José Costa');
    expect(jose).toMatchObject({ phones: ['+351912345678'] });
    expect(jose!.photoUrl).not.toBeNull();
    const photo = await as(t.app, me).get(jose!.photoUrl!);
    expect(photo.headers['content-type']).toBe('image/jpeg');
    expect((await list(me)).map((c) => c.name)).toContain('Inês Santos');
  });

  it('a bad card is reported by itself, with its line; the other cards of the file are imported', async () => {
    const me = await signup(t.app, 'bad-card-user');
    const { report } = (await importFile(me, 'android-3.0-qp-bare-type.vcf')).json();
    expect(report).toMatchObject({ imported: 2, skipped: 1 });
    expect(report.cards[1]).toMatchObject({ index: 2, name: 'Bea Broken', status: 'skipped', code: 'invalid_card', line: 18 });
    expect(report.cards[1].reason).toMatch(/^Card 2, line 18: .*double quote/);
    expect((await list(me)).map((c) => c.name)).toEqual(['Inês Santos', 'José Costa']);
  });

  it('a local number from abroad is kept as written with a note, never turned into an invented +1 number', async () => {
    const me = await signup(t.app, 'abroad-user');
    const { report } = (await importFile(me, 'iphone-3.0-foreign-local-number.vcf')).json();
    expect(report).toMatchObject({ imported: 1, skipped: 0 });
    expect(report.cards[0].reason).toContain(
      'Kept the phone number "08-123 456 78" as written: not a valid number for US; add the country code.',
    );
    const [karin] = await list(me);
    expect(karin).toMatchObject({ name: 'Karin Lind', phones: ['+14155550177'], otherPhones: ['08-123 456 78'] });
    expect(JSON.stringify(karin)).not.toContain('+10812345678');
    // Typed in by hand, the same number is refused with what to add, not stored as a made-up number.
    const typed = await as(t.app, me).post('/api/contacts', { name: 'Karin Again', phones: ['08-123 456 78'] });
    expect(typed.statusCode).toBe(400);
    expect(typed.json()).toMatchObject({
      code: 'invalid_phone',
      message: expect.stringContaining('not a valid number for US; add the country code'),
    });
    // The export keeps it as written, as a text TEL.
    expect((await as(t.app, me).get('/api/contacts/export')).body).toMatch(/\r\nTEL;VALUE=TEXT:08-123 456 78\r\n/i);
  });

  it('exports lines of at most 75 octets, continuation space included, never splitting a UTF-8 sequence', async () => {
    const me = await signup(t.app, 'fold-user');
    const name = 'Ærøskøbing Ölçüm Łódź Ŝtelo 😀 ' + 'Jürgen-Müller-'.repeat(8);
    await as(t.app, me).post('/api/contacts', { name, emails: ['fold@example.org'] });
    await importFile(me, 'android-3.0-qp-bare-type.vcf'); // a photo: a long data: URI
    const raw = (await as(t.app, me).get('/api/contacts/export')).rawPayload;
    const lines = raw.toString('latin1').split('\r\n');
    const longest = Math.max(...lines.map((l) => l.length));
    expect(longest).toBe(75);
    // Every physical line is UTF-8 on its own: no multi-octet sequence was cut by a fold.
    for (const l of lines) expect(() => new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(l, 'latin1'))).not.toThrow();
    const unfolded = raw.toString('utf8').replace(/\r\n /g, '');
    expect(unfolded).toContain(`FN:${name}\r\n`);
  });

  it("Apple's X-ADDRESSBOOKSERVER-KIND:group card becomes a contact group with its members, not a contact", async () => {
    const me = await signup(t.app, 'apple-groups');
    const { report } = (await importFile(me, 'apple-3.0-group.vcf')).json();
    expect(report).toMatchObject({ imported: 2, skipped: 0, groups: 1 });
    expect(report.cards[2]).toMatchObject({ index: 3, name: 'Park family', status: 'group' });
    expect((await list(me)).map((c) => c.name)).toEqual(['Joon Park', 'Mina Park']);
    const { groups } = (await as(t.app, me).get('/api/contact-groups')).json();
    expect(groups).toEqual([expect.objectContaining({ id: report.cards[2].groupId, name: 'Park family', memberCount: 2 })]);
    const one = await as(t.app, me).get(`/api/contact-groups/${groups[0].id}`);
    expect(one.json().group).toMatchObject({ name: 'Park family', uid: '1A2B3C4D-5E6F-4A7B-8C9D-0E1F2A3B4C5D', memberCount: 2 });
    expect((await list(me, `?group=${groups[0].id}`)).map((c) => c.name)).toEqual(['Joon Park', 'Mina Park']);
    // Imported again: the contacts are duplicates, the group is the same group, its members not doubled.
    const again = (await importFile(me, 'apple-3.0-group.vcf')).json().report;
    expect(again).toMatchObject({ imported: 0, skipped: 2, groups: 1 });
    expect(again.cards[2].groupId).toBe(groups[0].id);
    expect((await as(t.app, me).get('/api/contact-groups')).json().groups).toMatchObject([{ memberCount: 2 }]);
    // Another user's group is not found, and neither are its members.
    const other = await signup(t.app, 'apple-groups-other');
    expect((await as(t.app, other).get(`/api/contact-groups/${groups[0].id}`)).statusCode).toBe(404);
    expect((await as(t.app, other).get(`/api/contacts?group=${groups[0].id}`)).json().code).toBe('not_found');
  });

  it('vCard 4.0 KIND:group with urn:uuid, mailto: and tel: members becomes a group of those three', async () => {
    const me = await signup(t.app, 'v4-groups');
    const { report } = (await importFile(me, 'groups-4.0.vcf')).json();
    expect(report).toMatchObject({ imported: 3, skipped: 0, groups: 1 });
    expect(report.cards[3]).toMatchObject({ name: 'Climbing club', status: 'group', reason: 'A group of 3 contacts.' });
    expect((await list(me)).map((c) => c.name)).not.toContain('Climbing club');
    const members = await list(me, `?group=${report.cards[3].groupId}`);
    expect(members.map((c) => c.name)).toEqual(['Ida Nord', 'Lena Vogel', 'Tom Berg']);
  });
});
