import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { XMLBuilder } from 'fast-xml-parser';
import { afterAll, assert, beforeAll, describe, expect, it } from 'vitest';
import { fromAlbumUrl, fromKithAddress, type AlbumAddress } from '@kith/address-book';
import { looksLikeXmlContacts, readXmlContacts, XmlContactsError } from '../src/share/xml-contacts.js';
import { parseGroupFile } from '../src/share/address-book.js';
import type { ShareContact } from '../src/share/share-contact.js';

let dir: string;
let book: string;
beforeAll(async () => {
  // An empty folder: <head> paths resolve here and find nothing, whatever the generator writes.
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kith-xml-props-'));
  book = path.join(dir, 'book.xml');
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

/** XML 1.0 Char (§2.2) without CR (§2.11 reads it back as LF). */
const XML_CHAR = /^[\t\n\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]$/u;
const xmlText = fc.string({
  unit: fc.oneof(
    fc.constantFrom('&', '<', '>', '"', "'", ' ', 'é', '〈'),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }).filter((c) => XML_CHAR.test(c)),
  ),
  maxLength: 24,
});
const named = xmlText.filter((s) => s.trim() !== '');
const host = fc.stringMatching(/^[a-z][a-z0-9-]{0,10}(\.[a-z]{2,6}){1,2}$/);
const username = fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,12}$/);

const contact = fc.record({
  name: named,
  scheme: fc.constantFrom('http', 'https'),
  host,
  port: fc.option(fc.integer({ min: 1, max: 65535 }), { nil: null }),
  username,
  face: fc.uint8Array({ minLength: 1, maxLength: 200 }),
  groups: fc.array(named, { maxLength: 3 }),
  spelling: fc.constantFrom('document', 'tidy'),
});
type Contact = typeof contact extends fc.Arbitrary<infer T> ? T : never;

const builder = new XMLBuilder({ format: false, processEntities: true });
/** Writes contacts in the document's format (either spelling, optional root, declaration, BOM). */
function writeBook(list: Contact[], root: boolean, decl: boolean, bom: boolean): string {
  const body = list
    .map((c) => {
      const inner = builder.build({
        name: c.name,
        photo_album_address: `${c.scheme}://${c.host}`,
        ...(c.port !== null ? { port: String(c.port) } : {}),
        username: c.username,
        head: `data:image/png;base64,${Buffer.from(c.face).toString('base64')}`,
        group: c.groups,
      }) as string;
      const spelled = c.spelling === 'document' ? inner.replaceAll('photo_album_address>', 'photo album address>') : inner;
      return `<contact>${spelled}</contact>`;
    })
    .join('\n');
  return `${bom ? '\uFEFF' : ''}${decl ? '<?xml version="1.0" encoding="UTF-8"?>\n' : ''}${root || list.length > 1 ? `<contacts>${body}</contacts>` : body}`;
}

function expectAlbum(a: AlbumAddress) {
  const url = new URL(a.origin);
  expect(['http:', 'https:']).toContain(url.protocol);
  // The inbox URL kith share posts to is a URL (an album URL's own path prefix is kept as written).
  expect(() => new URL(`${a.origin}/inbox/${a.username}`)).not.toThrow();
  expect(a.username.length).toBeGreaterThan(0);
  expect(a.address).toBe(`${a.username}@${url.host}`);
}

/** readXmlContacts on any text: contacts of sane shape, or XmlContactsError; nothing else. */
async function readOrRefuse(text: string): Promise<ShareContact[] | null> {
  try {
    const list = await readXmlContacts(text, book);
    expect(list.length).toBeGreaterThan(0);
    for (const c of list) {
      expect(c.name.length).toBeGreaterThan(0);
      if (c.album) expectAlbum(c.album);
      else expect(c.problems.length).toBeGreaterThan(0);
      if (!c.face) expect(c.problems.length).toBeGreaterThan(0);
      for (const g of c.groups) expect(g).toBe(g.trim());
    }
    return list;
  } catch (e) {
    if (!(e instanceof XmlContactsError)) throw e;
    return null;
  }
}

describe('kith share XML address book (property)', () => {
  it('reads back name, album address, port, username, groups and the inline face of generated books (both spellings, entities, any Unicode)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(contact, { minLength: 1, maxLength: 3 }),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        async (list, root, decl, bom) => {
          const text = writeBook(list, root, decl, bom);
          expect(looksLikeXmlContacts(text)).toBe(true);
          const out = await readXmlContacts(text, book);
          expect(out).toHaveLength(list.length);
          out.forEach((c, i) => {
            const x = list[i];
            assert(x, 'as many contacts out as in (checked above)');
            expect(c.name).toBe(x.name.trim());
            expect(c.album).toEqual({
              origin: `${x.scheme}://${x.host}${x.port !== null && String(x.port) !== (x.scheme === 'http' ? '80' : '443') ? `:${x.port}` : ''}`,
              username: x.username,
              address: `${x.username}@${x.host}${x.port !== null && String(x.port) !== (x.scheme === 'http' ? '80' : '443') ? `:${x.port}` : ''}`,
            });
            expect(Buffer.from(c.face!).equals(Buffer.from(x.face))).toBe(true);
            expect(c.groups).toEqual(x.groups.map((g) => g.trim()).filter(Boolean));
            expect(c.problems).toEqual([]);
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('any or mutated text gives sane contacts or an XmlContactsError, never another exception', async () => {
    const token = fc.constantFrom(
      '<contact>',
      '</contact>',
      '<contacts>',
      '<name>',
      '</name>',
      '<head>',
      '</head>',
      '<photo album address>',
      '</photo album address>',
      '<port>',
      '<username>',
      'data:,%',
      'file://x/y',
      'file:%2F',
      'http://h',
      '&amp;',
      '&#0;',
      '&',
      '<',
      '>',
      '〈',
      '〉',
      '<!DOCTYPE x>',
      ' ',
    );
    const xmlish = fc.array(token, { maxLength: 30 }).map((t) => t.join(''));
    const edit = fc.record({ at: fc.nat(), del: fc.nat({ max: 3 }), ins: fc.oneof(token, fc.string({ unit: 'binary', maxLength: 2 })) });
    const mutated = fc
      .tuple(fc.array(contact, { minLength: 1, maxLength: 2 }), fc.array(edit, { minLength: 1, maxLength: 3 }))
      .map(([list, edits]) => {
        let text = writeBook(list, true, false, false);
        for (const e of edits) {
          const at = e.at % (text.length + 1);
          text = text.slice(0, at) + e.ins + text.slice(at + e.del);
        }
        return text;
      });
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), xmlish, mutated), async (s) => {
        expect(typeof looksLikeXmlContacts(s)).toBe('boolean');
        await readOrRefuse(s);
      }),
      { numRuns: 800 },
    );
  });

  // Counterexamples the properties found, kept as regressions.
  it('decodes entities in names, usernames and groups; a file: URI of another host is a problem, not a crash; a bad <!…> tag is an XmlContactsError', async () => {
    const [c] = await readXmlContacts(
      '<contact><name>Tom &amp; Jerry &#233;</name><photo album address>http://sit.com.cn</photo album address><username>u1</username><group>R&amp;D</group><head>file://other-host/head.png</head></contact>',
      book,
    );
    expect(c).toMatchObject({ name: 'Tom & Jerry é', groups: ['R&D'], face: null });
    expect(c?.problems.join(' ')).toMatch(/not a local file URI/);
    await expect(readXmlContacts('<contacts><!Dx></contacts>', book)).rejects.toBeInstanceOf(XmlContactsError);
  });
});

describe('album addresses and group files (property)', () => {
  it('fromKithAddress / fromAlbumUrl never throw and give http(s) origins with address = user@host', () => {
    const raw = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.tuple(username, host, fc.option(fc.integer({ min: 0, max: 99999 }))).map(([u, h, p]) => `${u}@${h}${p === null ? '' : `:${p}`}`),
      fc.tuple(fc.webUrl(), username).map(([u, n]) => `${u}/inbox/${n}`),
      fc.webUrl(),
    );
    fc.assert(
      fc.property(raw, fc.option(fc.string({ maxLength: 10 })), fc.option(fc.string({ maxLength: 6 })), (r, user, port) => {
        for (const a of [fromKithAddress(r), fromAlbumUrl(r, user, port)]) if (a) expectAlbum(a);
      }),
      { numRuns: 2000 },
    );
  });

  it('a group file gives trimmed, lower-case entries without blanks or # comments', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('# comment', '', '  ', 'Bob@Kith.Example')), { maxLength: 10 }),
        fc.constantFrom('\n', '\r\n', '\r'),
        (lines, eol) => {
          const entries = parseGroupFile(lines.join(eol));
          for (const e of entries) {
            expect(e).toBe(e.trim().toLowerCase());
            expect(e.length > 0 && !e.startsWith('#')).toBe(true);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});
