/**
 * The CPU-heavy half of reading an address book, run in the vCard worker thread (`vcard-pool.ts`)
 * so the event loop keeps serving while a 20 MB file is read: card splitting, ical.js property
 * parsing and libphonenumber normalisation. Everything here is plain data in, plain data out
 * (structured clone): errors come back as values, since an Error loses its fields between threads.
 */
import type { MessagePort } from 'node:worker_threads';
import { keyedHash } from '../config/server-secret.js';
import {
  cardToDraft,
  type ContactDraft,
  type Skip,
  MAX_CARDS_PER_IMPORT,
  MAX_CONTACT_NAME_CHARS,
  MAX_VALUES_PER_FIELD,
  normalisePhone,
  readVCardBytes,
  type LineContext,
  parseVCardFile,
  VCardSyntaxError,
} from '@kith/address-book';

/** A card as the importer needs it: its draft or why it is skipped, and its photo bytes, unprobed. */
export interface CardOutcome {
  index: number;
  /** For a malformed card (`invalid_card`): the physical line of the problem. */
  line?: number;
  name: string | null;
  draft?: ContactDraft;
  skip?: Skip;
  notes: string[];
  photo: Uint8Array | null;
  photoUri: string | null;
  /** The card's UID as written, for group members to refer to. */
  uid: string | null;
  /** Set for a group card (KIND:group, X-ADDRESSBOOKSERVER-KIND:group): a contact group, not a contact; members are bounded by MAX_VCARD_PROPERTIES. */
  group?: { name: string; members: string[] };
}

/** An address-book entry of the now-playing association (JSON form). */
export interface BookEntryInput {
  name?: string;
  phone?: string;
  phones?: string[];
}

export type TaskFailure =
  { kind: 'syntax'; card: number; line: number; detail: string } | { kind: 'too_many_cards'; cards: number; limit: number };

export type VCardTask =
  /** `port` receives the outcomes in batches of {@link OUTCOME_BATCH} (see `vcard-pool.ts`). */
  | { kind: 'contacts'; bytes: Uint8Array; region: string; charset: string | null; port: MessagePort }
  | { kind: 'book'; vcard?: string; contacts?: BookEntryInput[]; region: string; own: string; secret: string };

export type VCardTaskResult =
  | { ok: true; kind: 'contacts'; count: number }
  | { ok: true; kind: 'book'; hashes: string[]; skipped: string[] }
  | { ok: false; failure: TaskFailure };

const BEGIN = /^[ \t]*BEGIN:VCARD[ \t]*$/gim;

/**
 * Outcomes per message to the main thread. Reading a message back (structured clone) runs on the
 * event loop; 20,000 outcomes in one message took 200–400 ms, in batches of this size each slice
 * takes a few ms and other requests are served between them.
 */
export const OUTCOME_BATCH = 500;

/**
 * BEGIN:VCARD lines in the text, counted by one regular-expression pass before anything is parsed,
 * so a file of more than {@link MAX_CARDS_PER_IMPORT} cards is refused at the cost of one scan.
 */
export function countCards(text: string): number {
  let n = 0;
  BEGIN.lastIndex = 0;
  while (BEGIN.exec(text)) n++;
  return n;
}

function parseLimited(text: string, ctx?: LineContext) {
  const cards = countCards(text);
  if (cards > MAX_CARDS_PER_IMPORT) throw { kind: 'too_many_cards', cards, limit: MAX_CARDS_PER_IMPORT } satisfies TaskFailure;
  return parseVCardFile(text, ctx);
}

/**
 * Contacts import: every card to a draft (or a skip), photos as bytes. The bytes are decoded as
 * `vcard-charset.ts` says (BOM, `charset` from Content-Type, CHARSET= per value, UTF-8 else Windows-1252).
 */
function readContacts(bytes: Uint8Array, region: string, charset: string | null): CardOutcome[] {
  const { text, ...ctx } = readVCardBytes(bytes, charset);
  return parseLimited(text, ctx).map((card): CardOutcome => {
    if (card.kind === 'group' && !card.invalid && !card.overLimit)
      return {
        index: card.index,
        name: card.name,
        notes: [],
        photo: null,
        photoUri: null,
        uid: card.uid,
        group: { name: (card.name ?? 'Group').slice(0, MAX_CONTACT_NAME_CHARS), members: card.members },
      };
    const { draft, skip, notes } = cardToDraft(card, region);
    return {
      index: card.index,
      ...(card.invalid ? { line: card.invalid.line } : {}),
      name: card.name,
      draft,
      skip,
      notes,
      photo: draft ? card.photo : null,
      photoUri: draft ? card.photoUri : null,
      uid: card.uid,
    };
  });
}

/**
 * Now-playing association book: every readable number as E.164, keyed-hashed as `phoneHash` does
 * (HMAC-SHA-256 of `phone:<E.164>` with the server secret), without the owner's own; entries with no
 * readable number, or more than {@link MAX_VALUES_PER_FIELD} numbers, are named in `skipped`.
 */
function readBook(task: Extract<VCardTask, { kind: 'book' }>): { hashes: string[]; skipped: string[] } {
  const entries: BookEntryInput[] = task.vcard
    ? parseLimited(task.vcard)
        .filter((c) => c.kind !== 'group') // a group card names no number of its own
        .map((c) => ({ name: c.name ?? undefined, phones: c.overLimit || c.invalid ? [] : c.phones }))
    : (task.contacts ?? []);
  const hashes = new Set<string>();
  const skipped: string[] = [];
  for (const entry of entries) {
    const raw = [...(entry.phone ? [entry.phone] : []), ...(entry.phones ?? [])];
    const numbers = raw.length > MAX_VALUES_PER_FIELD ? [] : raw.map((p) => normalisePhone(p, task.region)).filter((p): p is string => !!p);
    if (!numbers.length) skipped.push(entry.name?.slice(0, 100) || '(no name)');
    for (const n of numbers) if (n !== task.own) hashes.add(keyedHash(task.secret, 'phone', n));
  }
  return { hashes: [...hashes], skipped };
}

/** The worker's handler: one task, one result; a malformed or oversized file is a failure value. */
export function runVCardTask(task: VCardTask): VCardTaskResult {
  try {
    if (task.kind === 'contacts') {
      const cards = readContacts(task.bytes, task.region, task.charset);
      for (let i = 0; i < cards.length; i += OUTCOME_BATCH) task.port.postMessage(cards.slice(i, i + OUTCOME_BATCH));
      return { ok: true, kind: 'contacts', count: cards.length };
    }
    return { ok: true, kind: 'book', ...readBook(task) };
  } catch (e) {
    if (e instanceof VCardSyntaxError) return { ok: false, failure: { kind: 'syntax', card: e.card, line: e.line, detail: e.detail } };
    if ((e as TaskFailure).kind === 'too_many_cards') return { ok: false, failure: e as TaskFailure };
    throw e;
  }
}
