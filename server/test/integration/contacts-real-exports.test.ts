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
});
