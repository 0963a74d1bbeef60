import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeDataUri,
  parseVCardFile,
  decodeQuotedPrintable,
  normalise21Line,
  VCardSyntaxError,
  type VCardVersion,
} from '@kith/address-book';
import { writeVCards, type ExportCard } from '../../src/contacts/vcard-write.js';

/** One card as a generator draws it, before it is written in one of the three versions. */
interface CardModel {
  version: VCardVersion;
  fn: string;
  phones: string[];
  emails: string[];
  categories: string[];
  note: string;
  photo: Uint8Array | null;
  kith: string | null;
  /** Fold width in characters (RFC 6350 §3.2 says 75 octets; writers differ). */
  foldAt: number;
  foldWith: ' ' | '\t';
  eol: '\r\n' | '\n';
}

/** Text without CR (an escaped newline reads back as LF) and without characters vCard lines cannot hold raw. */
const char = fc.oneof(
  fc.constantFrom(';', ',', '\\', '\n', ':', '"', '=', ' ', '\t', 'é', '😀'),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }).filter((c) => c !== '\r'),
);
const value = fc.string({ unit: char, maxLength: 24 });
const named = value.filter((s) => s.trim().length > 0);
const email = fc
  .tuple(fc.stringMatching(/^[a-z0-9._%+-]{1,12}$/), fc.stringMatching(/^[a-z0-9-]{1,10}\.[a-z]{2,6}$/))
  .map(([u, d]) => `${u}@${d}`);
const phone = fc.constantFrom(
  '+1 415 555 0100',
  '(030) 1234567',
  '+44 20 7946 0958',
  '+81-3-1234-5678',
  '0151 23456789',
  '+33 1 23 45 67 89',
);

const cardModel: fc.Arbitrary<CardModel> = fc
  .record({
    version: fc.constantFrom<VCardVersion>('2.1', '3.0', '4.0'),
    fn: named,
    phones: fc.array(phone, { maxLength: 3 }),
    emails: fc.array(email, { maxLength: 2 }),
    categories: fc.array(named, { maxLength: 3 }),
    note: value,
    photo: fc.option(fc.uint8Array({ minLength: 1, maxLength: 300 }), { nil: null }),
    kith: fc.option(fc.stringMatching(/^[a-z][a-z0-9]{0,8}@[a-z]{1,8}\.example(:[1-9]\d{0,3})?$/), { nil: null }),
    foldAt: fc.integer({ min: 8, max: 75 }),
    foldWith: fc.constantFrom(' ' as const, '\t' as const),
    eol: fc.constantFrom('\r\n' as const, '\n' as const),
  })
  // vCard 2.1 has no escape for a backslash (only "\;" in compound values, §2.1.3) and writers
  // disagree on it, so 2.1 cards here carry none; 3.0/4.0 escape it (RFC 2426 §5, RFC 6350 §3.4).
  .map((m) => {
    // ical.js splits a multi-valued text at a comma after an escaped backslash ("a\\\\,b" is taken as
    // "a\\," + "b"): it looks one character back only. A category ending in a backslash is left out.
    if (m.version !== '2.1') return { ...m, categories: m.categories.filter((c) => !c.endsWith('\\')) };
    const strip = (x: string) => x.replace(/\\/g, '');
    return { ...m, fn: strip(m.fn).trim() || 'x', note: strip(m.note), categories: m.categories.map(strip).filter((c) => c.trim()) };
  });

/** RFC 2426 §5 / RFC 6350 §3.4 text escaping (backslash, semicolon, comma, newline). */
const esc = (s: string) => s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\n/g, '\\n');

/** Quoted-printable of UTF-8 (RFC 2045 §6.7), every non-alphanumeric byte encoded, soft breaks every ≤ 60 characters. */
function qp(s: string): string {
  const enc = [...Buffer.from(s, 'utf8')].map((b) =>
    /[A-Za-z0-9]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `=${b.toString(16).toUpperCase().padStart(2, '0')}`,
  );
  const lines: string[] = [];
  let line = '';
  for (const t of enc) {
    if (line.length + t.length > 60) {
      lines.push(line + '=');
      line = '';
    }
    line += t;
  }
  return [...lines, line].join('\r\n');
}

function fold(line: string, m: CardModel): string {
  // BEGIN/END (11 and 9 characters) are never folded by a real writer; the splitter looks for them whole.
  if (m.version === '2.1' || /^(BEGIN|END):VCARD$/.test(line)) return line;
  const parts = [line.slice(0, m.foldAt)];
  for (let i = m.foldAt; i < line.length; i += m.foldAt - 1) parts.push(m.foldWith + line.slice(i, i + m.foldAt - 1));
  return parts.join(m.eol);
}

/** Writes the model as vCard text the way exporters of that version do. */
function writeCard(m: CardModel): string {
  const lines: string[] = ['BEGIN:VCARD', `VERSION:${m.version}`];
  if (m.version === '2.1') {
    // Phones write 2.1 text as quoted-printable UTF-8; bare parameters; base64 photos unindented, ended by a blank line.
    const qpLine = (name: string, v: string) => `${name};CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:${qp(v)}`;
    lines.push(qpLine('FN', m.fn), qpLine('NOTE', m.note));
    m.phones.forEach((p) => lines.push(`TEL;CELL;VOICE:${p}`));
    m.emails.forEach((e) => lines.push(`EMAIL;INTERNET:${e}`));
    if (m.categories.length) lines.push(qpLine('CATEGORIES', m.categories.map((c) => c.replace(/,/g, '\\,')).join(',')));
    if (m.kith) lines.push(`X-KITH-ADDRESS:${m.kith}`);
    if (m.photo)
      lines.push(
        [
          'PHOTO;ENCODING=BASE64;TYPE=JPEG:' +
            (
              Buffer.from(m.photo)
                .toString('base64')
                .match(/.{1,72}/g) ?? []
            ).join('\r\n'),
          '',
        ].join('\r\n'),
      );
  } else {
    lines.push(`FN:${esc(m.fn)}`, `NOTE;LANGUAGE=en:${esc(m.note)}`);
    m.phones.forEach((p, i) =>
      lines.push(m.version === '4.0' ? `TEL;VALUE=uri;TYPE="cell,voice":tel:${p.replace(/[ ()]/g, '-')}` : `item${i}.TEL;TYPE=CELL:${p}`),
    );
    m.emails.forEach((e) => lines.push(`EMAIL;TYPE=INTERNET,HOME:${e}`));
    if (m.categories.length) lines.push(`CATEGORIES:${m.categories.map(esc).join(',')}`);
    if (m.kith) lines.push(`X-KITH-ADDRESS:${m.kith}`);
    if (m.photo) {
      const b64 = Buffer.from(m.photo).toString('base64');
      lines.push(m.version === '4.0' ? `PHOTO:data:image/jpeg;base64,${b64}` : `PHOTO;ENCODING=b;TYPE=JPEG:${b64}`);
    }
  }
  lines.push('END:VCARD');
  return lines.map((l) => fold(l, m)).join(m.eol) + m.eol;
}

const hex = (b: Uint8Array | Buffer | null) => (b ? Buffer.from(b).toString('hex') : null);

/** parseVCardFile on any text: cards of sane shape, or a VCardSyntaxError naming a card and line inside the file. */
function parseOrRefuse(text: string) {
  try {
    const cards = parseVCardFile(text);
    expect(cards.length).toBeGreaterThan(0);
    cards.forEach((c, i) => {
      expect(c.index).toBe(i + 1);
      expect(['2.1', '3.0', '4.0']).toContain(c.version);
      if (c.name !== null) expect(c.name.length).toBeGreaterThan(0);
      for (const list of [c.phones, c.emails, c.impps, c.kithAddresses, c.categories]) for (const v of list) expect(v).toBe(v.trim());
    });
    return cards;
  } catch (e) {
    if (!(e instanceof VCardSyntaxError)) throw e;
    expect(e.card).toBeGreaterThanOrEqual(1);
    expect(e.line).toBeGreaterThanOrEqual(1);
    expect(e.line).toBeLessThanOrEqual(text.split(/\r\n|\r|\n/).length);
    return null;
  }
}

describe('vCard reader (property)', () => {
  it('reads back name, phones, e-mails, CATEGORIES, Kith address and photo of generated 2.1/3.0/4.0 cards (folding, escaping, any Unicode)', () => {
    fc.assert(
      fc.property(fc.array(cardModel, { minLength: 1, maxLength: 3 }), fc.boolean(), (models, bom) => {
        const text = (bom ? '\uFEFF' : '') + models.map(writeCard).join('');
        const cards = parseVCardFile(text);
        expect(cards).toHaveLength(models.length);
        cards.forEach((c, i) => {
          const m = models[i];
          expect(c.version).toBe(m.version);
          expect(c.name).toBe(m.fn.trim());
          expect(c.phones).toEqual(m.version === '4.0' ? m.phones.map((p) => `tel:${p.replace(/[ ()]/g, '-')}`) : m.phones);
          expect(c.emails).toEqual(m.emails);
          expect(c.categories).toEqual(m.categories.map((x) => x.trim()).filter(Boolean));
          expect(c.kithAddresses).toEqual(m.kith ? [m.kith] : []);
          expect(hex(c.photo)).toBe(hex(m.photo));
        });
      }),
      { numRuns: 300 },
    );
  });

  it("reads back Kith's own 4.0 export (writeVCards, ical.js folding) of any contact", () => {
    const exportCard = fc.record({
      id: fc.uuid(),
      name: named,
      phones: fc.array(fc.constantFrom('+14155550100', '+442079460958', '+4915123456789'), { maxLength: 2 }),
      emails: fc.array(email, { maxLength: 2 }),
      urls: fc.array(fc.webUrl(), { maxLength: 2 }),
      kithAddress: fc.option(fc.constantFrom('bob@kith.example', 'ann@[::1]:2342'), { nil: null }),
      albumUrl: fc.option(fc.webUrl(), { nil: null }),
      photo: fc.option(
        fc.record({ data: fc.uint8Array({ minLength: 1, maxLength: 400 }).map((b) => Buffer.from(b)), mime: fc.constant('image/jpeg') }),
        { nil: null },
      ),
    });
    fc.assert(
      fc.property(fc.array(exportCard, { minLength: 1, maxLength: 3 }), (list: ExportCard[]) => {
        const cards = parseVCardFile(writeVCards(list));
        expect(cards).toHaveLength(list.length);
        cards.forEach((c, i) => {
          const x = list[i];
          expect(c.version).toBe('4.0');
          expect(c.name).toBe(x.name.trim());
          expect(c.phones).toEqual(x.phones.map((p) => `tel:${p}`));
          expect(c.emails).toEqual(x.emails);
          expect(c.kithAddresses).toEqual(x.kithAddress ? [x.kithAddress] : []);
          expect(c.urls.map((u) => u.value)).toEqual([...(x.albumUrl ? [x.albumUrl] : []), ...x.urls.filter((u) => /^https?:/i.test(u))]);
          expect(hex(c.photo)).toBe(hex(x.photo?.data ?? null));
        });
      }),
      { numRuns: 200 },
    );
  });

  it('any text gives sane cards or a VCardSyntaxError with a card and line inside the file, nothing else', () => {
    const token = fc.constantFrom(
      'BEGIN:VCARD',
      'END:VCARD',
      'VERSION:2.1',
      'VERSION:3.0',
      'VERSION:4.0',
      'FN:',
      'N:',
      'TEL;CELL:',
      'PHOTO;ENCODING=BASE64:',
      'PHOTO:data:',
      ';ENCODING=QUOTED-PRINTABLE:',
      'CATEGORIES:',
      '=',
      '=C3',
      '%',
      '%E0',
      ',',
      ';',
      ':',
      '"',
      '\\',
      '\r\n',
      '\n',
      ' ',
      'é',
      'AAAA',
    );
    const vcardish = fc.array(token, { maxLength: 60 }).map((t) => t.join(''));
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), vcardish), (s) => {
        parseOrRefuse(s);
        parseOrRefuse(`BEGIN:VCARD\r\n${s}\r\nEND:VCARD\r\n`);
      }),
      { numRuns: 1500 },
    );
  });

  it('mutated generated cards give sane cards or a VCardSyntaxError', () => {
    const edit = fc.record({ at: fc.nat(), del: fc.nat({ max: 3 }), ins: fc.string({ unit: 'binary', maxLength: 3 }) });
    fc.assert(
      fc.property(cardModel, fc.array(edit, { minLength: 1, maxLength: 3 }), (m, edits) => {
        let text = writeCard(m);
        for (const e of edits) {
          const at = e.at % (text.length + 1);
          text = text.slice(0, at) + e.ins + text.slice(at + e.del);
        }
        parseOrRefuse(text);
      }),
      { numRuns: 800 },
    );
  });

  it('the helpers never throw: quoted-printable decoding, 2.1 line rewriting, data: URIs', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), fc.string({ maxLength: 12 }), (s, charset) => {
        expect(typeof decodeQuotedPrintable(s, charset)).toBe('string');
        expect(typeof normalise21Line(s)).toBe('string');
        for (const uri of [`data:${s}`, `data:${charset},${s}`, `data:,${s.replace(/[^%]/g, '')}${s}`]) {
          const d = decodeDataUri(uri);
          expect(d === null || Buffer.isBuffer(d)).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });

  // Counterexamples the properties found, kept as plain regressions.
  it('reads "\\;" in a 3.0/4.0 text value as ";" (RFC 2426 §5), and a data: PHOTO with a bad %-escape as no photo', () => {
    const [c3, c4] = parseVCardFile(
      [
        'BEGIN:VCARD',
        'VERSION:3.0',
        'FN:Smith\\; Jr',
        'CATEGORIES:a\\;b,c',
        'END:VCARD',
        'BEGIN:VCARD',
        'VERSION:4.0',
        'FN:A',
        'PHOTO:data:,%',
        'END:VCARD',
        '',
      ].join('\r\n'),
    );
    expect(c3).toMatchObject({ name: 'Smith; Jr', categories: ['a;b', 'c'] });
    expect(c4).toMatchObject({ name: 'A', photo: null });
  });

  it('quoted-printable decoding inverts encoding of any UTF-8 text', () => {
    fc.assert(
      fc.property(value, (s) => {
        expect(decodeQuotedPrintable(qp(s).replace(/=\r\n/g, ''))).toBe(Buffer.from(s, 'utf8').toString('utf8'));
      }),
      { numRuns: 1000 },
    );
  });
});
