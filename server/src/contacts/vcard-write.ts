import ICAL from 'ical.js';
import type { ContactDraft } from './contact-fields.js';

/** What one exported card holds: a stored contact's fields (`urls`: http(s) become URL, other URIs such as xmpp: or sip: IMPP), its id and photo. */
export interface ExportCard extends ContactDraft {
  id: string;
  photo: { data: Buffer; mime: string } | null;
}

// ical.js escapes commas in URI values like text (`data:image/jpeg;base64\,…`), which address
// books then fail to read (RFC 6350's own PHOTO and TEL examples are unescaped). URI values here
// are data:, tel: and http(s) URIs built by Kith, so they are written as they are.
const base = ICAL.design.getDesignSet('vcard');
const designSet = { ...base, value: { ...base.value, uri: {} } };

type JCardProperty = [string, Record<string, string | string[]>, string, string];

/**
 * Writes contacts as one vCard 4.0 file (RFC 6350) with ical.js: FN, UID (`urn:uuid:`),
 * TEL as `tel:` URIs in E.164 (`VALUE=uri`, §6.4.1), EMAIL, URL (the album URL with
 * `TYPE=x-kith-album`), IMPP, X-KITH-ADDRESS and PHOTO as a `data:` URI (RFC 2397).
 * Lines are CRLF-terminated and folded by ical.js (§3.2; 75 octets, plus the leading space
 * of continuation lines), UTF-8 sequences never split.
 */
export function writeVCards(cards: ExportCard[]): string {
  return cards
    .map((c) => {
      const props: JCardProperty[] = [
        ['version', {}, 'text', '4.0'],
        ['fn', {}, 'text', c.name],
        ['uid', {}, 'text', `urn:uuid:${c.id}`],
        ...c.phones.map((p): JCardProperty => ['tel', { value: 'uri' }, 'uri', `tel:${p}`]),
        ...c.emails.map((e): JCardProperty => ['email', {}, 'text', e]),
        ...(c.albumUrl ? [['url', { type: 'x-kith-album' }, 'uri', c.albumUrl] as JCardProperty] : []),
        ...c.urls.map((u): JCardProperty => (/^https?:/i.test(u) ? ['url', {}, 'uri', u] : ['impp', {}, 'uri', u])),
        ...(c.kithAddress ? [['x-kith-address', {}, 'unknown', c.kithAddress] as JCardProperty] : []),
        ...(c.photo ? [['photo', {}, 'uri', `data:${c.photo.mime};base64,${c.photo.data.toString('base64')}`] as JCardProperty] : []),
      ];
      return ICAL.stringify.component(['vcard', props, []], designSet) + '\r\n';
    })
    .join('');
}
