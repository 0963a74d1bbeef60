import ICAL from 'ical.js';
import { MAX_VCARD_PARAMETERS } from './contact-limits.js';
import { normaliseLine, TEXT_CONTEXT, type LineContext } from './vcard-line.js';
import { parameterCount, splitCards, VCardSyntaxError, type VCardVersion } from './vcard-read.js';

/** The parts of one vCard that Kith keeps, still raw (not yet normalised or validated). */
export interface ParsedCard {
  /** 1-based position in the file. */
  index: number;
  /** Physical line of its BEGIN:VCARD. */
  line: number;
  version: VCardVersion;
  /** FN, else the N components joined, else the first ORG component; null when none is set. */
  name: string | null;
  /** TEL values as written (`+1 415…`, `tel:+1-415…`). */
  phones: string[];
  emails: string[];
  /** URL values with their lower-cased TYPE parameters. */
  urls: Array<{ value: string; types: string[] }>;
  /** IMPP URIs (`xmpp:…`, `kith:user@host`). */
  impps: string[];
  /** X-KITH-ADDRESS values. */
  kithAddresses: string[];
  /** CATEGORIES values (RFC 6350 §6.7.1; groups such as "Family"), as written, in order. */
  categories: string[];
  /** Inline PHOTO bytes (base64 binary in 2.1/3.0, `data:` URI in 4.0); null when absent or only a remote URI. */
  photo: Buffer | null;
  /** Set when PHOTO was a remote URI, which Kith does not fetch. */
  photoUri: string | null;
  /** Set when the card breaks a per-card limit (see `contact-limits.ts`); it is then reported, not imported. */
  overLimit?: { line: number; reason: string };
  /** Set when the card is malformed (`message` names card and line); it is reported, the rest of the file still read. */
  invalid?: { line: number; message: string };
  /** UID as written (`urn:uuid:…` or bare), for group members to refer to; null when absent. */
  uid: string | null;
  /** `group` for KIND:group (RFC 6350 §6.1.4) or Apple's X-ADDRESSBOOKSERVER-KIND:group; otherwise `individual`. */
  kind: 'individual' | 'group';
  /** MEMBER (RFC 6350 §6.6.5) and X-ADDRESSBOOKSERVER-MEMBER URIs (`urn:uuid:…`, `mailto:…`, `tel:…`), as written. */
  members: string[];
}

// RFC 2426 §5 lists "\;" among a 3.0 text value's escapes, and 4.0 writers use it too ("FN:Smith\; Jr");
// ical.js's vCard text type undoes only "\\", "\," and "\n", so text is read with its iCalendar text type,
// which also undoes "\;".
const withTextSemicolon = (set: ReturnType<typeof ICAL.design.getDesignSet>) => ({
  ...set,
  value: { ...set.value, text: ICAL.design.getDesignSet('icalendar').value.text },
});
const designSets = {
  '2.1': withTextSemicolon(ICAL.design.getDesignSet('vcard3')),
  '3.0': withTextSemicolon(ICAL.design.getDesignSet('vcard3')),
  '4.0': withTextSemicolon(ICAL.design.getDesignSet('vcard')),
};
const PROPERTY_NAME = /^([A-Za-z0-9-]+\.)?[A-Za-z0-9-]+$/;

type JCardProperty = [string, Record<string, string | string[]>, string, ...unknown[]];

const first = (v: unknown): string => (Array.isArray(v) ? first(v[0]) : v == null ? '' : String(v)).trim();
const types = (params: Record<string, string | string[]>): string[] =>
  ([] as string[])
    .concat(params.type ?? [])
    .flatMap((t) => t.split(','))
    .map((t) => t.trim().toLowerCase())
    .filter(Boolean);

/** `data:[<mime>][;base64],<data>` (RFC 2397) to bytes; null when it is not a data URI or its %-escapes are malformed. */
export function decodeDataUri(uri: string): Buffer | null {
  const m = /^data:([^,]*?)\\?,(.*)$/s.exec(uri.trim()); // "\\," as some servers (sabre/vobject) escape it
  if (!m) return null;
  // Both groups always take part in a match: absent means empty.
  const [, meta = '', data = ''] = m;
  if (/;base64$/i.test(meta)) return Buffer.from(data.replace(/\s+/g, ''), 'base64');
  try {
    return Buffer.from(decodeURIComponent(data), 'utf8');
  } catch {
    return null; // URIError ("data:,%"): an unreadable photo, not a broken file
  }
}

/**
 * Parses a vCard file of one or many cards, versions 2.1 (vCard 2.1 spec), 3.0 (RFC 2426)
 * and 4.0 (RFC 6350). Each unfolded property line is rewritten by `vcard-line.ts` (bare
 * parameters, quoted-printable and CHARSET in any version) and goes through ical.js's property
 * parser with the design set of the card's version, so parameters, quoting and escapes follow
 * the RFCs; unknown properties are ignored.
 *
 * Why our reader and not a vCard library: measured on real exports (`npm run bench:vcard-readers`,
 * bench/README.md "bench:vcard-readers"), it reads 7 of 7 fixture files right, `vcf` 5 (it leaves
 * quoted-printable in 3.0 encoded and ignores CHARSET=Windows-1252), ical.js 4 (it refuses the bare
 * parameters of 2.1 and Android, and one bad line throws away the whole file) and `vcard4` 1 (4.0 only),
 * even with the libraries handed correctly decoded text. ical.js still does the property syntax
 * here, so only the exporters' quirks (charsets, unfolding, bare parameters, per-card errors) are ours.
 *
 * @param ctx how the text was read (`vcard-charset.ts`); binary text has its values decoded per CHARSET.
 * @returns one {@link ParsedCard} per card, in file order; a malformed card comes back with `invalid`.
 * @throws VCardSyntaxError naming the 1-based card and physical line when the file's structure is
 *         broken (text outside a card, a card without END:VCARD, no card at all).
 */
export function parseVCardFile(text: string, ctx: LineContext = TEXT_CONTEXT): ParsedCard[] {
  return splitCards(text).map((raw) => {
    const card: ParsedCard = {
      index: raw.index,
      line: raw.line,
      version: raw.version,
      name: null,
      phones: [],
      emails: [],
      urls: [],
      impps: [],
      kithAddresses: [],
      categories: [],
      photo: null,
      photoUri: null,
      uid: null,
      kind: 'individual',
      members: [],
    };
    if (raw.overLimit) return { ...card, overLimit: raw.overLimit };
    if (raw.invalid) return { ...card, invalid: raw.invalid };
    try {
      readProperties(raw, card, ctx);
    } catch (e) {
      if (!(e instanceof VCardSyntaxError)) throw e;
      card.invalid = { line: e.line, message: e.message };
    }
    return card;
  });
}

/** Fills `card` from the raw card's lines. @throws VCardSyntaxError at the first malformed line. */
function readProperties(raw: ReturnType<typeof splitCards>[number], card: ParsedCard, ctx: LineContext): void {
  let fn = '';
  let n = '';
  let org = '';
  try {
    for (const { line, text: original } of raw.lines) {
      const paramCount = parameterCount(original);
      if (paramCount > MAX_VCARD_PARAMETERS) {
        card.overLimit = { line, reason: `line ${line} has ${paramCount} parameters; a property may have at most ${MAX_VCARD_PARAMETERS}` };
        break;
      }
      const text = normaliseLine(original, ctx);
      const name = /^[^;:]*/.exec(text)![0];
      if (!PROPERTY_NAME.test(name)) {
        const why = text.includes(':') ? `"${name.slice(0, 40)}" is not a property name` : 'the line has no ":" between name and value';
        throw new VCardSyntaxError(raw.index, line, `${why}. Fix or remove the line and import again.`);
      }
      let prop: JCardProperty;
      try {
        prop = ICAL.parse.property(text, designSets[raw.version]) as JCardProperty;
      } catch (e) {
        throw new VCardSyntaxError(raw.index, line, `${(e as Error).message.slice(0, 120)}. Fix or remove the line and import again.`);
      }
      const [key, params, valueType, ...values] = prop;
      const value = first(values);
      switch (key) {
        case 'fn':
          fn ||= value;
          break;
        case 'n': {
          // [family, given, additional, prefix, suffix] (RFC 6350 §6.2.2), shown as "prefix given additional family suffix".
          const parts = (Array.isArray(values[0]) ? values[0] : [values[0]]).map(first);
          n ||= [parts[3], parts[1], parts[2], parts[0], parts[4]].filter(Boolean).join(' ');
          break;
        }
        case 'org':
          org ||= value;
          break;
        case 'tel':
          if (value) card.phones.push(value);
          break;
        case 'email':
          if (value) card.emails.push(value);
          break;
        case 'url':
          // Apple's 3.0 exports escape the colon ("http\://"); RFC 6350 URIs are not escaped.
          if (value) card.urls.push({ value: value.replace(/\\([:,;])/g, '$1'), types: types(params) });
          break;
        case 'impp':
          if (value) card.impps.push(value);
          break;
        case 'x-kith-address':
          if (value) card.kithAddresses.push(value);
          break;
        case 'categories':
          // A multi-valued text list: ical.js hands each comma-separated value separately.
          card.categories.push(...values.map(first).filter(Boolean));
          break;
        case 'uid':
          card.uid ||= value;
          break;
        case 'kind':
        case 'x-addressbookserver-kind':
          if (value.toLowerCase() === 'group') card.kind = 'group';
          break;
        case 'member':
        case 'x-addressbookserver-member':
          if (value) card.members.push(value);
          break;
        case 'photo': {
          if (card.photo) break;
          const encoding = first(params.encoding).toLowerCase();
          if (valueType === 'binary' || encoding === 'b' || encoding === 'base64')
            card.photo = Buffer.from(value.replace(/\s+/g, ''), 'base64');
          else if (/^data:/i.test(value)) card.photo = decodeDataUri(value);
          else if (value) card.photoUri = value;
          break;
        }
      }
    }
  } finally {
    // Also for a card that breaks off at a bad line: its report then names the person.
    card.name = fn || n || org || null;
  }
}
