import ICAL from 'ical.js';
import { cropFace, PARTY_FACES } from '@kith/bench/fixtures';
import { DEMO_PEOPLE, type DemoName, type DemoPerson, type DemoSession } from './demo-users.js';

/**
 * Builds the address book a phone would export for `owner`: one vCard 3.0 card (RFC 2426,
 * the version iOS and Android export) for each other demo person, with FN, N, TEL, EMAIL, the
 * person's Kith address when given (X-KITH-ADDRESS) and an inline JPEG PHOTO (`ENCODING=b`) cropped from the party photos. ical.js writes it,
 * so line folding and escaping follow the RFC.
 *
 * @returns the `text/vcard` body (CRLF line ends).
 */
export async function buildAddressBook(owner: DemoPerson, kithAddresses: Partial<Record<DemoName, string>> = {}): Promise<string> {
  const cards: string[] = [];
  for (const p of DEMO_PEOPLE) {
    if (p.username === owner.username) continue;
    const card = new ICAL.Component('vcard');
    card.addPropertyWithValue('version', '3.0');
    card.addPropertyWithValue('fn', p.displayName);
    const [given, family] = p.displayName.split(' ');
    card.addPropertyWithValue('n', [family, given, '', '', '']);
    card.addPropertyWithValue('tel', p.phone).setParameter('type', ['CELL', 'VOICE']);
    card.addPropertyWithValue('email', p.email).setParameter('type', 'INTERNET');
    // The friend's Kith address, as a person adds it to a card (X-KITH-ADDRESS): the owner vouches for it, so it
    // links at once. The phone and e-mail stay unproven claims (docs/security.md) and link nothing by themselves.
    const kith = kithAddresses[p.username];
    if (kith) card.addPropertyWithValue('x-kith-address', kith);
    const photo = card.addPropertyWithValue('photo', (await cropFace(PARTY_FACES[p.username], 256)).toString('base64'));
    photo.setParameter('encoding', 'b');
    photo.setParameter('type', 'JPEG');
    cards.push(card.toString());
  }
  return cards.join('\r\n') + '\r\n';
}

export interface ImportReport {
  imported: number;
  linked: number;
  skipped: number;
  cards: { index: number; name: string; status: 'imported' | 'linked' | 'skipped'; reason?: string; contactId?: string }[];
}

/**
 * Sets `s`'s phone and e-mail (PATCH /api/me). They are claims until proven (an e-mailed link, an SMS code), so
 * the friends' cards link by the Kith address they carry, not by these.
 */
export async function setProfile(baseUrl: string, s: DemoSession): Promise<void> {
  const res = await fetch(`${baseUrl}/api/me`, {
    method: 'PATCH',
    headers: { cookie: s.cookie, 'content-type': 'application/json' },
    body: JSON.stringify({ phone: s.person.phone, email: s.person.email, allowEventGathering: true }),
  });
  if (!res.ok) throw new Error(`PATCH /api/me for ${s.person.username}: HTTP ${res.status} ${await res.text()}`);
}

/**
 * Imports `s`'s address book through `POST /api/contacts/import` as raw `text/vcard`; each card carries the
 * friend's Kith address (`kithAddresses`, from each account's `kithAddress`), which is what links it.
 */
export async function importAddressBook(
  baseUrl: string,
  s: DemoSession,
  kithAddresses: Partial<Record<DemoName, string>>,
): Promise<ImportReport> {
  const res = await fetch(`${baseUrl}/api/contacts/import`, {
    method: 'POST',
    headers: { cookie: s.cookie, 'content-type': 'text/vcard; charset=utf-8' },
    body: await buildAddressBook(s.person, kithAddresses),
  });
  const body = (await res.json()) as { report?: ImportReport; code?: string; message?: string };
  if (!res.ok || !body.report)
    throw new Error(`contacts import for ${s.person.username}: HTTP ${res.status} ${body.code ?? ''} ${body.message ?? ''}`);
  return body.report;
}

/** `{ name, linked to, mutual }` of everything `s` holds, for the summary. */
export async function listContacts(s: DemoSession) {
  const contacts = [];
  let cursor: string | undefined;
  do {
    // GET /api/contacts is paged: follow nextCursor to the last page.
    const { data } = await s.kith.GET('/api/contacts', { params: { query: { cursor, limit: 500 } } });
    contacts.push(...(data?.contacts ?? []));
    cursor = data?.nextCursor ?? undefined;
  } while (cursor);
  return contacts.map((c) => ({
    name: c.name,
    linked: c.linkedAccount?.username ?? null,
    mutual: c.mutual,
    photo: !!c.photoUrl,
  }));
}
