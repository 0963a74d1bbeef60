import { z } from 'zod';
import { MAX_CONTACT_NAME_CHARS, MAX_EMAIL_CHARS, MAX_PHONE_CHARS, MAX_URL_CHARS, MAX_VALUES_PER_FIELD } from './contact-limits.js';
import { readPhone } from './phone.js';
import type { ParsedCard } from './vcard-parse.js';

/** A contact's fields after normalisation, ready to store. */
export interface ContactDraft {
  name: string;
  /** E.164, deduplicated. */
  phones: string[];
  /** Numbers kept as written: no country code and not valid in the default region (see `readPhone`). */
  otherPhones: string[];
  /** Lower-cased, deduplicated. */
  emails: string[];
  /** Other http(s) URLs and IMPP URIs, kept for export. */
  urls: string[];
  /** `user@host[:port]`, lower-cased. */
  kithAddress: string | null;
  albumUrl: string | null;
}

/** The `contact` columns a draft fills (lists as JSON text, per the portability rules in db/schema.ts). */
export const draftColumns = (d: ContactDraft) => ({
  name: d.name,
  phones: JSON.stringify(d.phones),
  other_phones: JSON.stringify(d.otherPhones),
  emails: JSON.stringify(d.emails),
  urls: JSON.stringify(d.urls),
  kith_address: d.kithAddress,
  album_url: d.albumUrl,
});

/** `user@host[:port]`: a Kith username, then a DNS name or a bracketed IPv6 literal, then an optional port. */
export const KITH_ADDRESS = /^[a-z0-9][a-z0-9._-]*@([a-z0-9]([a-z0-9.-]*[a-z0-9])?|\[[0-9a-f:.]+\])(:\d{1,5})?$/;

const emailSchema = z.email();
const uniq = <T>(xs: T[]) => [...new Set(xs)];

/** A Kith address (optionally as a `kith:` URI), lower-cased; null when it is not `user@host[:port]` that makes a URL. */
export function normaliseKithAddress(raw: string): string | null {
  const v = raw
    .trim()
    .replace(/^kith:/i, '')
    .toLowerCase();
  if (!KITH_ADDRESS.test(v)) return null;
  // kith share and routing build the album's origin from it: the pattern lets through hosts and ports no
  // URL takes ("a.0" is read as a bad IPv4 address, ":70000" is past 65535), so the WHATWG parser decides.
  try {
    new URL(`https://${v.slice(v.indexOf('@') + 1)}`);
    return v;
  } catch {
    return null;
  }
}

/** An e-mail address (optionally a `mailto:` URI), lower-cased so it matches account e-mails; null when invalid. */
export function normaliseEmail(raw: string): string | null {
  const v = raw
    .trim()
    .replace(/^mailto:/i, '')
    .toLowerCase();
  return emailSchema.safeParse(v).success ? v : null;
}

/**
 * Whether a URL is a shared photo album, so it becomes the contact's `albumUrl`.
 * Judgement, not a standard: a URL whose TYPE mentions "album" (Kith's export writes
 * `TYPE=x-kith-album`), or one shaped like the shared-album links people paste into
 * contacts: Google Photos (`photos.app.goo.gl/…`, `photos.google.com/share|album/…`),
 * iCloud Shared Albums (`icloud.com/sharedalbum/…`), Immich/Kith share links (`/share/…`)
 * and any `/album/` or `/albums/` path (Kith, Immich, Flickr).
 */
export function isAlbumUrl(url: string, types: string[] = []): boolean {
  if (types.some((t) => t.includes('album'))) return true;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return false;
  const host = u.hostname.toLowerCase();
  if (host === 'photos.app.goo.gl') return true;
  if (host === 'photos.google.com' && /^\/(share|album)\//.test(u.pathname)) return true;
  if (/(^|\.)icloud\.com$/.test(host) && u.pathname.startsWith('/sharedalbum')) return true;
  return /\/(share|albums?)\/[^/]/i.test(u.pathname);
}

/** Why a card was not imported: a stable `code` for programs and a sentence for people. */
export interface Skip {
  code: 'no_name' | 'invalid_phone' | 'duplicate' | 'over_limit' | 'invalid_card';
  reason: string;
}

/**
 * Why a card cannot become a contact the API would accept (see `contact-limits.ts`): the reader's own
 * per-card limits, or more phones, e-mails or URLs (URL and IMPP together) than `POST /api/contacts` takes.
 * @returns a sentence naming the limit, or null when the card is within every limit.
 */
function overLimitReason(card: ParsedCard): string | null {
  if (card.overLimit) return `The card was not read: ${card.overLimit.reason}. Split or shorten it and import it again.`;
  const counts: Array<[string, number]> = [
    ['phone numbers (TEL)', card.phones.length],
    ['e-mail addresses (EMAIL)', card.emails.length],
    ['links (URL and IMPP)', card.urls.length + card.impps.length],
  ];
  const over = counts.find(([, n]) => n > MAX_VALUES_PER_FIELD);
  return over
    ? `The card has ${over[1]} ${over[0]}; a contact holds at most ${MAX_VALUES_PER_FIELD}. Remove some and import it again.`
    : null;
}

/**
 * Turns a parsed vCard into a {@link ContactDraft}: phones to E.164 with libphonenumber-js
 * (`defaultRegion` for numbers without a country code; one that is not valid there is kept as written
 * in `otherPhones`, with a note, never given a guessed country), e-mails lower-cased, the Kith
 * address from X-KITH-ADDRESS or a `kith:` IMPP, the first album-like URL as `albumUrl`.
 * Unreadable values are dropped and described in `notes`.
 *
 * @returns `skip` `invalid_card` for a malformed card, `over_limit` when the card breaks a limit of `contact-limits.ts`, when it has no name, or when every phone is unreadable and it has
 *          no e-mail or Kith address either (nothing left to reach or link the person by).
 */
export function cardToDraft(card: ParsedCard, defaultRegion: string): { draft?: ContactDraft; skip?: Skip; notes: string[] } {
  const notes: string[] = [];
  if (card.invalid)
    return { skip: { code: 'invalid_card', reason: `${card.invalid.message} The other cards of the file were read.` }, notes };
  const overLimit = overLimitReason(card);
  if (overLimit) return { skip: { code: 'over_limit', reason: overLimit }, notes };
  if (!card.name) return { skip: { code: 'no_name', reason: 'The card has no name (FN, N or ORG); add one and import it again.' }, notes };

  const phones: string[] = [];
  const otherPhones: string[] = [];
  const badPhones: string[] = [];
  for (const raw of card.phones) {
    const read = raw.length <= MAX_PHONE_CHARS ? readPhone(raw, defaultRegion) : ({ unreadable: true } as const);
    if ('e164' in read) phones.push(read.e164);
    else if ('asWritten' in read) {
      otherPhones.push(read.asWritten);
      notes.push(`Kept the phone number "${read.asWritten}" as written: ${read.note}.`);
    } else badPhones.push(raw);
  }
  const emails: string[] = [];
  for (const raw of card.emails) {
    const email = raw.length <= MAX_EMAIL_CHARS ? normaliseEmail(raw) : null;
    if (email) emails.push(email);
    else notes.push(`Ignored the e-mail "${raw.slice(0, 80)}": it is not a valid address.`);
  }
  const kithCandidates = [...card.kithAddresses, ...card.impps.filter((i) => /^kith:/i.test(i))];
  const kithAddress = kithCandidates.map(normaliseKithAddress).find((a) => a !== null) ?? null;
  const [firstKith] = kithCandidates;
  if (firstKith !== undefined && !kithAddress)
    notes.push(`Ignored the Kith address "${firstKith.slice(0, 80)}": expected user@host[:port].`);

  if (badPhones.length && !phones.length && !otherPhones.length && !emails.length && !kithAddress) {
    const list = badPhones.map((p) => `"${p.slice(0, 40)}"`).join(', ');
    return {
      skip: { code: 'invalid_phone', reason: `No phone number on the card can be read (${list}) and it has no e-mail or Kith address.` },
      notes,
    };
  }
  for (const p of badPhones) notes.push(`Ignored the phone number "${p.slice(0, 40)}": it cannot be read as a phone number.`);

  let albumUrl: string | null = null;
  const urls: string[] = [];
  for (const { value, types } of card.urls) {
    if (value.length > MAX_URL_CHARS) {
      notes.push(`Ignored a URL of ${value.length} characters: a contact's URLs have at most ${MAX_URL_CHARS}.`);
      continue;
    }
    if (!albumUrl && isAlbumUrl(value, types)) albumUrl = value;
    else urls.push(value);
  }
  urls.push(...card.impps.filter((i) => !/^kith:/i.test(i)));

  return {
    draft: {
      name: card.name.slice(0, MAX_CONTACT_NAME_CHARS),
      phones: uniq(phones),
      otherPhones: uniq(otherPhones),
      emails: uniq(emails),
      urls: uniq(urls),
      kithAddress,
      albumUrl,
    },
    notes,
  };
}
