import crypto from 'node:crypto';
import type { Config } from '../config/config.js';
import type { CardWriter } from '../contacts/contact-cards.js';
import type { ContactDraft } from '@kith/address-book';
import { identifierKeys, nameKey } from '../contacts/contacts-import.js';
import type { createContactsRepository } from '../contacts/contacts.repository.js';
import type { VCardReader } from '../contacts/vcard-pool.js';
import type { CardOutcome } from '../contacts/vcard-tasks.js';
import type { CardDavClient, DavCredentials, RemoteCard } from './carddav.client.js';
import type { BookRow, CardRow, CarddavRepository } from './carddav.repository.js';
import { fieldsOf, rowHash, type CardConflict } from './carddav-state.js';

/** What one sync did: contacts added, changed and deleted, cards now in conflict, cards skipped (no name, …). */
export interface SyncCounts {
  added: number;
  changed: number;
  deleted: number;
  conflicts: number;
  skipped: number;
}

export interface SyncDeps {
  config: Config;
  client: CardDavClient;
  repo: CarddavRepository;
  contacts: ReturnType<typeof createContactsRepository>;
  writer: CardWriter;
  reader: VCardReader;
}

/**
 * Reads fetched cards with the import's reader (`vcard-pool.ts`, in the worker thread, same limits and
 * `cardToDraft` rules). One file for the batch; if its structure is broken, card by card, so one bad
 * card is skipped and the rest still read.
 */
async function readCards(reader: VCardReader, region: string, cards: RemoteCard[]): Promise<Array<CardOutcome | null>> {
  const enc = new TextEncoder();
  const one = async (text: string) => {
    try {
      return (await reader.contacts(enc.encode(text), region, 'utf-8'))[0] ?? null;
    } catch {
      return null;
    }
  };
  if (!cards.length) return [];
  try {
    const all = await reader.contacts(enc.encode(cards.map((c) => c.data.trim()).join('\r\n') + '\r\n'), region, 'utf-8');
    if (all.length === cards.length) return all;
  } catch {
    // fall through to card by card
  }
  const out: Array<CardOutcome | null> = [];
  for (const c of cards) out.push(await one(c.data));
  return out;
}

/**
 * One sync of a connected book into its owner's contacts (RFC 6578 + ETags; the import's rules for
 * each card). For each card that is new or whose ETag changed: a new card becomes a contact (or adopts
 * the contact it duplicates by the import's rule: same name and a shared phone/e-mail/Kith address);
 * a changed card replaces its contact's fields, photo and links when the contact was not edited in Kith
 * since the last sync (its field hash is the last-synced one), else a `changed` conflict is stored and
 * Kith's values stay. A deleted card deletes its contact, or stores a `deleted` conflict when the
 * contact was edited in Kith. A contact deleted in Kith is not brought back until its card changes.
 *
 * @returns the counts, and the ids of contacts whose photo is new (face analysis queues them).
 * @throws the client's errors (422 `carddav_auth`, 502 `carddav_error`, SSRF guard); nothing is half-applied per card.
 */
export async function syncBook(deps: SyncDeps, book: BookRow, creds: DavCredentials) {
  const { client, repo, contacts, writer, reader, config } = deps;
  const counts: SyncCounts = { added: 0, changed: 0, deleted: 0, conflicts: 0, skipped: 0 };
  const withPhoto: string[] = [];
  const now = Date.now();
  const owner = book.owner_id;
  const changes = await client.changes(book.url, book.sync_token, creds);
  const known = new Map((await repo.cardsOfBook(book.id)).map((c) => [c.href, c]));
  const listed = new Set(changes.changed.map((c) => c.href));
  const toFetch = changes.changed.filter((c) => {
    const k = known.get(c.href);
    return !k || !c.etag || k.etag !== c.etag;
  });
  const gone = [...changes.deleted, ...(changes.complete ? [...known.keys()].filter((h) => !listed.has(h)) : [])];
  const remote = await client.cards(
    book.url,
    toFetch.map((c) => c.href),
    creds,
  );
  const outcomes = await readCards(reader, config.defaultPhoneRegion, remote);

  // New cards adopt an existing contact they duplicate (the import's duplicate rule), unless a card has it.
  const taken = await repo.syncedContactIds(owner);
  const byKey = new Map<string, string>();
  for (const c of await contacts.summariesOfOwner(owner)) {
    if (taken.has(c.id)) continue;
    const ids = identifierKeys({ phones: JSON.parse(c.phones), emails: JSON.parse(c.emails), kithAddress: c.kith_address });
    for (const k of ids.size ? ids : ['-']) byKey.set(`${nameKey(c.name)}\u0000${k}`, c.id);
  }
  const duplicateOf = (d: ContactDraft) => {
    const ids = identifierKeys(d);
    for (const k of ids.size ? ids : ['-']) {
      const id = byKey.get(`${nameKey(d.name)}\u0000${k}`);
      if (id) return id;
    }
    return undefined;
  };

  const state = (href: string, set: Partial<CardRow>): CardRow => ({
    id: known.get(href)?.id ?? crypto.randomUUID(),
    book_id: book.id,
    owner_id: owner,
    href,
    etag: null,
    contact_id: null,
    synced_hash: null,
    conflict: null,
    ...(known.has(href) ? stripKeys(known.get(href)!) : {}),
    updated_at: now,
    ...set,
  });

  for (const [i, card] of remote.entries()) {
    const outcome = outcomes[i];
    const prev = known.get(card.href);
    if (!outcome?.draft || outcome.group) {
      counts.skipped++;
      await repo.upsertCard(state(card.href, { etag: card.etag }));
      continue;
    }
    const draft = outcome.draft;
    const existingId = prev?.contact_id ?? (prev?.synced_hash ? undefined : duplicateOf(draft));
    const current = existingId ? await contacts.findById(owner, existingId) : undefined;
    // No contact (a new card, or one deleted in Kith whose card changed since): it becomes one.
    if (!current) {
      const made = await writer.rowOf(owner, { ...outcome, draft }, now);
      await writer.insert(owner, [made], now);
      counts.added++;
      if (made.row.photo_sha256) withPhoto.push(made.row.id);
      await repo.upsertCard(state(card.href, { etag: card.etag, contact_id: made.row.id, synced_hash: rowHash(made.row), conflict: null }));
      continue;
    }
    const made = await writer.rowOf(owner, { ...outcome, draft }, now, { id: current.id, created_at: current.created_at });
    const editedInKith = prev?.synced_hash != null && rowHash(current) !== prev.synced_hash;
    const same = rowHash(made.row) === rowHash(current);
    if (editedInKith && !same) {
      const conflict: CardConflict = {
        kind: 'changed',
        server: { fields: fieldsOf(made.row), draft, photoMime: made.row.photo_mime },
        at: now,
      };
      counts.conflicts++;
      await repo.upsertCard(state(card.href, { etag: card.etag, contact_id: current.id, conflict: JSON.stringify(conflict) }));
      continue;
    }
    if (!same) {
      await writer.replace(made);
      if (prev) counts.changed++;
      else counts.added++;
      if (made.row.photo_sha256 && made.row.photo_sha256 !== current.photo_sha256) withPhoto.push(current.id);
    }
    await repo.upsertCard(state(card.href, { etag: card.etag, contact_id: current.id, synced_hash: rowHash(made.row), conflict: null }));
  }

  for (const href of gone) {
    const prev = known.get(href);
    if (!prev) continue;
    const current = prev.contact_id ? await contacts.findById(owner, prev.contact_id) : undefined;
    if (current && prev.synced_hash && rowHash(current) !== prev.synced_hash) {
      const conflict: CardConflict = { kind: 'deleted', server: null, at: now };
      counts.conflicts++;
      await repo.upsertCard(state(href, { etag: null, conflict: JSON.stringify(conflict) }));
      continue;
    }
    if (current) {
      await contacts.delete(owner, current.id);
      counts.deleted++;
    }
    await repo.removeCard(prev.id);
  }
  return { counts, withPhoto, syncToken: changes.syncToken };
}

const stripKeys = ({ id: _i, book_id: _b, owner_id: _o, href: _h, updated_at: _u, ...rest }: CardRow) => rest;
