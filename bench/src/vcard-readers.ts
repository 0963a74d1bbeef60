/**
 * `npm run bench:vcard-readers`: which vCard reader reads real exports right, Kith's own
 * (`@kith/address-book`: `address-book/src/vcard-parse.ts` with `vcard-charset.ts`) or a maintained library:
 * `vcf` (2.1.2), `vcard4` (4.0.5) and ical.js's vCard support (`ICAL.parse` + `ICAL.Component`)?
 *
 * Every file of `server/test/fixtures/vcards/` (written byte for byte as Outlook, older macOS,
 * Android, iOS and Apple's group cards write them) goes through each reader. The libraries take
 * text, so they get the text a careful caller would hand them: UTF-8, UTF-16 by its byte-order mark,
 * or the charset the upload's Content-Type names; Kith's reader gets the bytes. Each reader's cards
 * go through the same mapping (FN, TEL count, PHOTO present, KIND / X-ADDRESSBOOKSERVER-KIND, MEMBER
 * count), and a file counts as read right when the people and groups equal what the file holds.
 * It prints one row per file and the total per reader; nothing is timed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ICAL from 'ical.js';
import VCF from 'vcf';
import { parse as parseVCard4 } from 'vcard4';
import { readVCardBytes, parseVCardFile } from '@kith/address-book';

interface Person {
  name: string;
  tels: number;
  photo: boolean;
}
interface Read {
  people: Person[];
  groups: Array<{ name: string; members: number }>;
}
type Reader = (bytes: Buffer, text: string, charset: string | null) => Read;

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../server/test/fixtures/vcards');

/** What each file holds, as a person reading it sees it; `charset` is what the upload's Content-Type says. */
const EXPECTED: Record<string, { charset?: string; read: Read }> = {
  'outlook-2.1-windows-1252.vcf': { read: { people: [{ name: 'Jürgen Müller', tels: 2, photo: false }], groups: [] } },
  'outlook-2.1-iso-8859-1.vcf': {
    charset: 'iso-8859-1',
    read: { people: [{ name: 'José García', tels: 1, photo: false }], groups: [] },
  },
  'macos-utf16le-bom.vcf': {
    read: {
      people: [
        { name: 'Amélie Lefèvre', tels: 1, photo: false },
        { name: 'Åsa Øster', tels: 1, photo: false },
      ],
      groups: [],
    },
  },
  // Card 2 is malformed (an unterminated quote); reading the other two right is what counts.
  'android-3.0-qp-bare-type.vcf': {
    read: {
      people: [
        { name: 'José Costa', tels: 1, photo: true },
        { name: 'Inês Santos', tels: 1, photo: false },
      ],
      groups: [],
    },
  },
  'apple-3.0-group.vcf': {
    read: {
      people: [
        { name: 'Mina Park', tels: 1, photo: false },
        { name: 'Joon Park', tels: 0, photo: false },
      ],
      groups: [{ name: 'Park family', members: 2 }],
    },
  },
  'groups-4.0.vcf': {
    read: {
      people: [
        { name: 'Lena Vogel', tels: 1, photo: false },
        { name: 'Tom Berg', tels: 0, photo: false },
        { name: 'Ida Nord', tels: 1, photo: false },
      ],
      groups: [{ name: 'Climbing club', members: 3 }],
    },
  },
  'iphone-3.0-foreign-local-number.vcf': { read: { people: [{ name: 'Karin Lind', tels: 2, photo: false }], groups: [] } },
};

/** The same mapping for every library: a card's raw properties to a person or a group. */
function classify(cards: Array<{ get: (name: string) => string[] }>): Read {
  const out: Read = { people: [], groups: [] };
  for (const c of cards) {
    const name = c.get('fn')[0] ?? '';
    const kind = [...c.get('kind'), ...c.get('x-addressbookserver-kind')].map((k) => k.toLowerCase());
    if (kind.includes('group')) out.groups.push({ name, members: [...c.get('member'), ...c.get('x-addressbookserver-member')].length });
    else out.people.push({ name, tels: c.get('tel').length, photo: c.get('photo').some((v) => v.length > 20) });
  }
  return out;
}

const all = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

const readers: Record<string, Reader> = {
  kith(bytes, _text, charset) {
    const { text, ...ctx } = readVCardBytes(bytes, charset);
    const out: Read = { people: [], groups: [] };
    for (const c of parseVCardFile(text, ctx)) {
      if (c.invalid || c.overLimit) continue; // reported card by card, not read
      if (c.kind === 'group') out.groups.push({ name: c.name ?? '', members: c.members.length });
      else out.people.push({ name: c.name ?? '', tels: c.phones.length, photo: !!c.photo });
    }
    return out;
  },
  vcf(_bytes, text) {
    const cards = all(VCF.parse(text));
    // vcf keeps property names camel-cased ("x-addressbookserver-kind" is "xAddressbookserverKind").
    const camel = (n: string) => n.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    return classify(cards.map((card) => ({ get: (n) => all(card.get(camel(n))).map((p) => String(p.valueOf())) })));
  },
  vcard4(_bytes, text) {
    const parsed = all(parseVCard4(text) as { parsedVcard: Array<{ property: string; value: unknown }> }[]);
    return classify(
      parsed.map((card) => ({
        get: (n) => card.parsedVcard.filter((p) => p.property.toLowerCase() === n).map((p) => String(p.value)),
      })),
    );
  },
  'ical.js'(_bytes, text) {
    const jcal = ICAL.parse(text) as unknown[];
    const list = (Array.isArray(jcal[0]) ? jcal : [jcal]) as unknown[][];
    return classify(
      list.map((j) => {
        const comp = new ICAL.Component(j as never);
        return { get: (n) => comp.getAllProperties(n).map((p) => String(p.getFirstValue() ?? '')) };
      }),
    );
  },
};

/** The text a careful caller hands a library: UTF-16 by its BOM, the Content-Type charset, else UTF-8. */
function libraryText(bytes: Buffer, charset: string | null): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  return new TextDecoder(charset ?? 'utf-8').decode(bytes);
}

/** Why `got` differs from `want`, in a few words; null when equal. */
function difference(got: Read, want: Read): string | null {
  // The Android file's malformed card: skipping it or reading what it can are both fine.
  const g = { people: got.people.filter((p) => p.name !== 'Bea Broken'), groups: got.groups };
  if (JSON.stringify(g) === JSON.stringify(want)) return null;
  const names = g.people.map((p) => p.name);
  const wrongName = names.find((n) => !want.people.some((w) => w.name === n));
  if (wrongName !== undefined) return `name "${wrongName.slice(0, 24)}"`;
  if (g.people.length !== want.people.length) return `${g.people.length}/${want.people.length} people`;
  if (g.groups.length !== want.groups.length) return `${g.groups.length}/${want.groups.length} groups`;
  return 'TEL/PHOTO/MEMBER differ';
}

const files = fs.readdirSync(dir).filter((f) => f.endsWith('.vcf'));
const score: Record<string, number> = Object.fromEntries(Object.keys(readers).map((r) => [r, 0]));
console.log(`| file | ${Object.keys(readers).join(' | ')} |`);
console.log(
  `| --- | ${Object.keys(readers)
    .map(() => '---')
    .join(' | ')} |`,
);
for (const file of files) {
  const expected = EXPECTED[file];
  if (!expected) throw new Error(`${file}: add what it holds to EXPECTED`);
  const bytes = fs.readFileSync(path.join(dir, file));
  const charset = expected.charset ?? null;
  const text = libraryText(bytes, charset);
  const cells = Object.entries(readers).map(([name, read]) => {
    try {
      const why = difference(read(bytes, text, charset), expected.read);
      if (!why) score[name]++;
      return why ? `✗ ${why}` : '✓';
    } catch (e) {
      return `✗ throws: ${(e as Error).message.replace(/\s+/g, ' ').slice(0, 40)}`;
    }
  });
  console.log(`| ${file} | ${cells.join(' | ')} |`);
}
console.log(
  `| **read right** | ${Object.values(score)
    .map((n) => `**${n}/${files.length}**`)
    .join(' | ')} |`,
);
