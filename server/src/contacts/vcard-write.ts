import ICAL from 'ical.js';
import type { ContactDraft } from '@kith/address-book';

/** What one exported card holds: a stored contact's fields (`urls`: http(s) become URL, other URIs such as xmpp: or sip: IMPP), its id and photo. */
export interface ExportCard extends Omit<ContactDraft, 'otherPhones'> {
  /** Numbers kept as written (no country code), exported as text TEL values. */
  otherPhones?: string[];
  id: string;
  photo: { data: Buffer; mime: string } | null;
}

// ical.js escapes commas in URI values like text (`data:image/jpeg;base64\,…`), which address
// books then fail to read (RFC 6350's own PHOTO and TEL examples are unescaped). URI values here
// are data:, tel: and http(s) URIs built by Kith, so they are written as they are.
const base = ICAL.design.getDesignSet('vcard');
const designSet = { ...base, value: { ...base.value, uri: {} } };

type JCardProperty = [string, Record<string, string | string[]>, string, string];

/** RFC 6350 §3.2: "Lines of text SHOULD NOT be longer than 75 octets, excluding the line break." */
export const FOLD_OCTETS = 75;

/**
 * Folds one content line (RFC 6350 §3.2): every physical line, the continuation's leading space
 * included, holds at most {@link FOLD_OCTETS} octets of UTF-8, and a line is only broken between
 * characters, never inside a multi-octet sequence. ical.js's own folding puts 75 octets after the
 * space of a continuation line (76 in all), so lines are stringified unfolded and folded here.
 */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (octets + size > FOLD_OCTETS) {
      out.push(current);
      current = ' ';
      octets = 1;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n');
}

/**
 * Writes contacts as one vCard 4.0 file (RFC 6350) with ical.js: FN, UID (`urn:uuid:`),
 * TEL as `tel:` URIs in E.164 (`VALUE=uri`, §6.4.1), EMAIL, URL (the album URL with
 * `TYPE=x-kith-album`), IMPP, X-KITH-ADDRESS and PHOTO as a `data:` URI (RFC 2397).
 * Numbers kept as written (`otherPhones`) are text TEL values. Lines are CRLF-terminated and
 * folded at 75 octets by {@link foldLine} (§3.2), UTF-8 sequences never split.
 */
export function writeVCards(cards: ExportCard[]): string {
  return cards
    .map((c) => {
      const props: JCardProperty[] = [
        ['version', {}, 'text', '4.0'],
        ['fn', {}, 'text', c.name],
        ['uid', {}, 'text', `urn:uuid:${c.id}`],
        ...c.phones.map((p): JCardProperty => ['tel', { value: 'uri' }, 'uri', `tel:${p}`]),
        ...(c.otherPhones ?? []).map((p): JCardProperty => ['tel', {}, 'text', p]),
        ...c.emails.map((e): JCardProperty => ['email', {}, 'text', e]),
        ...(c.albumUrl ? [['url', { type: 'x-kith-album' }, 'uri', c.albumUrl] as JCardProperty] : []),
        ...c.urls.map((u): JCardProperty => (/^https?:/i.test(u) ? ['url', {}, 'uri', u] : ['impp', {}, 'uri', u])),
        ...(c.kithAddress ? [['x-kith-address', {}, 'unknown', c.kithAddress] as JCardProperty] : []),
        ...(c.photo ? [['photo', {}, 'uri', `data:${c.photo.mime};base64,${c.photo.data.toString('base64')}`] as JCardProperty] : []),
      ];
      const lines = props.map((p) => foldLine(ICAL.stringify.property(p, designSet, true)));
      return ['BEGIN:VCARD', ...lines, 'END:VCARD', ''].join('\r\n');
    })
    .join('');
}
