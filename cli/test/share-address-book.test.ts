import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crlf, fold, fold21Base64, cardPhoto, qp } from '../../server/test/helpers/vcards.js';
import { readAddressBook, selectGroup } from '../src/share/address-book.js';
import { fromAlbumUrl, fromKithAddress } from '@kith/address-book';
import { normaliseContactsXml } from '../src/share/xml-contacts.js';
import { CliError } from '../src/cli-error.js';

let dir: string;
let face1: Buffer;
let face2: Buffer;
const write = async (name: string, text: string | Buffer) => {
  const file = path.join(dir, name);
  await fs.writeFile(file, text);
  return file;
};
const bytesOf = (u: Uint8Array | null | undefined) => (u ? Buffer.from(u) : null);

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kith-share-book-'));
  face1 = await cardPhoto(1);
  face2 = await cardPhoto(2);
  await fs.writeFile(path.join(dir, 'head.png'), face2);
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

describe('album addresses', () => {
  it.each([
    ['bob@kith.example', 'https://kith.example', 'bob', 'bob@kith.example'],
    ['Bob@Kith.Example:2342', 'https://kith.example:2342', 'bob', 'bob@kith.example:2342'],
    ['kith:carol@127.0.0.1:41234', 'http://127.0.0.1:41234', 'carol', 'carol@127.0.0.1:41234'],
    ['dan@192.168.1.20', 'https://192.168.1.20', 'dan', 'dan@192.168.1.20'],
    ['eve@[::1]:8080', 'http://[::1]:8080', 'eve', 'eve@[::1]:8080'],
  ])('%s → %s, user %s', (raw, origin, username, address) => {
    expect(fromKithAddress(raw)).toEqual({ origin, username, address });
  });

  it.each(['bob', '@host', 'bob@', 'bob@host:99999x', 'http://host/inbox/bob'])('refuses "%s" as a Kith address', (raw) => {
    expect(fromKithAddress(raw)).toBeNull();
  });

  it("reads album URLs and the document's address + port + username", () => {
    expect(fromAlbumUrl('http://kith-b.example:2342/inbox/bob')).toEqual({
      origin: 'http://kith-b.example:2342',
      username: 'bob',
      address: 'bob@kith-b.example:2342',
    });
    expect(fromAlbumUrl('http://sit.com.cn', 'user_id', '8080')?.origin).toBe('http://sit.com.cn:8080');
    expect(fromAlbumUrl('sit.com.cn', 'user_id', null)?.origin).toBe('https://sit.com.cn');
    expect(fromAlbumUrl('localhost:3000', 'u', null)?.origin).toBe('http://localhost:3000');
    expect(fromAlbumUrl('https://example.org/kith/inbox/Bob')).toMatchObject({ origin: 'https://example.org/kith', username: 'bob' });
    expect(fromAlbumUrl('http://sit.com.cn', null, '8080')).toBeNull(); // nobody to send to
    expect(fromAlbumUrl('http://sit.com.cn', 'u', '80S0')).toBeNull(); // the seed's OCR'd port
    expect(fromAlbumUrl('ftp://sit.com.cn/inbox/u')).toBeNull();
  });
});

describe('vCard address books (server reader)', () => {
  it('reads 2.1, 3.0 and 4.0 cards: album address, PHOTO and CATEGORIES', async () => {
    const book = [
      // vCard 2.1 as Android exports it: quoted-printable name, folded base64 photo.
      crlf([
        'BEGIN:VCARD',
        'VERSION:2.1',
        `FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:${qp('Jürgen Müller', 8)}`,
        'TEL;CELL;VOICE:+49 151 23456789',
        'X-KITH-ADDRESS:juergen@kith.example',
        'CATEGORIES:Party,Family',
        fold21Base64('PHOTO;ENCODING=BASE64;TYPE=JPEG:', face1.toString('base64')),
        'END:VCARD',
      ]),
      // vCard 3.0 as iOS exports it, album given as a URL (escaped colon, as Apple writes).
      crlf([
        'BEGIN:VCARD',
        'VERSION:3.0',
        'N:Smith;Bob;;;',
        'FN:Bob Smith',
        'item1.URL;type=x-kith-album:http\\://127.0.0.1:41234/inbox/bob',
        'CATEGORIES:party',
        fold(`PHOTO;ENCODING=b;TYPE=JPEG:${face2.toString('base64')}`),
        'END:VCARD',
      ]),
      // vCard 4.0: data: URI photo.
      crlf([
        'BEGIN:VCARD',
        'VERSION:4.0',
        'FN:Carol',
        'X-KITH-ADDRESS:carol@127.0.0.1:41234',
        fold(`PHOTO:data:image/jpeg;base64,${face1.toString('base64')}`),
        'END:VCARD',
      ]),
      // vCard 4.0: photo as a path next to the file.
      crlf(['BEGIN:VCARD', 'VERSION:4.0', 'FN:Dan', 'X-KITH-ADDRESS:dan@kith.example', 'PHOTO:head.png', 'END:VCARD']),
      // No album address, remote photo.
      crlf(['BEGIN:VCARD', 'VERSION:4.0', 'FN:Erin', 'PHOTO:https://example.com/erin.jpg', 'END:VCARD']),
    ].join('');
    const file = await write('book.vcf', book);
    const contacts = await readAddressBook(file);
    expect(contacts.map((c) => [c.name, c.album?.address ?? null, c.album?.origin ?? null, c.groups])).toEqual([
      ['Jürgen Müller', 'juergen@kith.example', 'https://kith.example', ['Party', 'Family']],
      ['Bob Smith', 'bob@127.0.0.1:41234', 'http://127.0.0.1:41234', ['party']],
      ['Carol', 'carol@127.0.0.1:41234', 'http://127.0.0.1:41234', []],
      ['Dan', 'dan@kith.example', 'https://kith.example', []],
      ['Erin', null, null, []],
    ]);
    expect(bytesOf(contacts[0]?.face)?.equals(face1)).toBe(true);
    expect(bytesOf(contacts[1]?.face)?.equals(face2)).toBe(true);
    expect(bytesOf(contacts[2]?.face)?.equals(face1)).toBe(true);
    expect(bytesOf(contacts[3]?.face)?.equals(face2)).toBe(true);
    expect(contacts.slice(0, 4).every((c) => c.problems.length === 0)).toBe(true);
    expect(contacts[4]?.face).toBeNull();
    expect(contacts[4]?.problems.join(' ')).toMatch(/no album address.*remote URI/);
    expect(contacts[1]?.source).toBe('book.vcf card 2');

    const party = await selectGroup(contacts, 'PARTY', file);
    expect(party.contacts.map((c) => c.name)).toEqual(['Jürgen Müller', 'Bob Smith']);
    await expect(selectGroup(contacts, 'Work', file)).rejects.toThrow(/no contact is in group "Work".*Family, Party, party/);
  });

  it('names the card and line of a malformed card, and of a file whose structure is broken', async () => {
    const file = await write('bad.vcf', crlf(['BEGIN:VCARD', 'VERSION:3.0', 'FN:Bob', 'this is not a property', 'END:VCARD']));
    const [bob] = await readAddressBook(file);
    expect(bob?.problems.join(' ')).toMatch(/malformed \(Card 1, line 4/);
    const cut = await write('cut.vcf', crlf(['BEGIN:VCARD', 'VERSION:3.0', 'FN:Bob']));
    await expect(readAddressBook(cut)).rejects.toThrow(CliError);
    await expect(readAddressBook(cut)).rejects.toThrow(/cut\.vcf: Card 1, line 4: the card has no END:VCARD/);
  });
});

describe("the document's XML contact format", () => {
  const seedSpelling = `<?xml version="1.0" encoding="UTF-8"?>
<contacts>
  <contact>
    <name>somebody</name>
    <photo album address>http://sit.com.cn</photo album address>
    <port>8080</port>
    <username>user_id</username>
    <head>head.png</head>
  </contact>
  <contact>
    <name>Bob</name>
    <photo album address>http://127.0.0.1</photo album address><port>41234</port>
    <username>bob</username>
    <head>data:image/jpeg;base64,FACE1</head>
    <group>Party</group>
  </contact>
</contacts>`;

  it('rewrites the element name with spaces and full-width brackets into well-formed XML', () => {
    expect(normaliseContactsXml('〈contact〉<photo album address>x</photo album address〉</contact>')).toBe(
      '<contact><photo_album_address>x</photo_album_address></contact>',
    );
  });

  it.each([
    ['the document spelling', seedSpelling],
    ['the tidy spelling', seedSpelling.replaceAll('photo album address', 'photo_album_address')],
  ])('reads %s, with <head> relative to the file and as a data: URI', async (_label, text) => {
    const file = await write(
      `book-${_label.length}.xml`,
      text.replace('FACE1', () => face1.toString('base64')),
    );
    const contacts = await readAddressBook(file);
    expect(contacts.map((c) => [c.name, c.album, c.groups, c.problems])).toEqual([
      ['somebody', { origin: 'http://sit.com.cn:8080', username: 'user_id', address: 'user_id@sit.com.cn:8080' }, [], []],
      ['Bob', { origin: 'http://127.0.0.1:41234', username: 'bob', address: 'bob@127.0.0.1:41234' }, ['Party'], []],
    ]);
    expect(bytesOf(contacts[0]?.face)?.equals(face2)).toBe(true);
    expect(bytesOf(contacts[1]?.face)?.equals(face1)).toBe(true);
  });

  it('reads one bare <contact> and reports what is missing', async () => {
    const file = await write('one.xml', '<contact><name>Solo</name><username>solo</username><head>missing.png</head></contact>');
    const [c] = await readAddressBook(file);
    expect(c?.album).toBeNull();
    expect(c?.face).toBeNull();
    expect(c?.problems.join('; ')).toMatch(/no <photo album address>.*"missing\.png" cannot be read \(ENOENT\)/);
  });

  it('refuses DOCTYPE (no entity expansion) and malformed XML with line and column', async () => {
    const xxe = await write('xxe.xml', '<!DOCTYPE c [<!ENTITY x SYSTEM "file:///etc/passwd">]><contact><name>&x;</name></contact>');
    await expect(readAddressBook(xxe)).rejects.toThrow(/DOCTYPE/);
    const broken = await write('broken.xml', '<contacts>\n<contact><name>x</contact>\n</contacts>');
    await expect(readAddressBook(broken)).rejects.toThrow(/malformed at line 2/);
  });

  it('selects a group from a group file next to the book, by name or address', async () => {
    const file = await write(
      'party.xml',
      seedSpelling.replace('FACE1', () => face1.toString('base64')),
    );
    const contacts = await readAddressBook(file);
    await write('friends.group', '# who came\nuser_id@sit.com.cn:8080\n\nNobody Here\n');
    const r = await selectGroup(contacts, 'friends', file);
    expect(r.contacts.map((c) => c.name)).toEqual(['somebody']);
    expect(r.warnings).toEqual([expect.stringMatching(/"nobody here" names no contact/)]);
    expect((await selectGroup(contacts, 'party', file)).contacts.map((c) => c.name)).toEqual(['Bob']);
    expect((await selectGroup(contacts, undefined, file)).contacts).toHaveLength(2);
  });
});
