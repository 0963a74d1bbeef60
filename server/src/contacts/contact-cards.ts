import crypto from 'node:crypto';
import type { BlobStore } from '../blobs/blob-store.js';
import type { Config } from '../config/config.js';
import { probeImage } from '../assets/image-probe.js';
import { AppError } from '../common/errors.js';
import { draftColumns, type ContactDraft } from '@kith/address-book';
import type { ContactLinker } from './contact-links.js';
import type { ContactRow, ContactsRepository } from './contacts.repository.js';
import type { CardOutcome } from './vcard-tasks.js';

/**
 * Contacts per SQLite transaction of an import (see `commit`). A transaction holds SQLite's only
 * connection, so this bounds how long any other request's query waits: 100 contacts (one contact and
 * one identifier statement) are a few ms of writes; batches of 500 held it 40–370 ms on a loaded machine.
 */
const COMMIT_BATCH = 100;

/** A card read by the vCard worker that became a contact row (not yet written). */
export interface CardRow {
  row: ContactRow;
  draft: ContactDraft;
  /** Notes of the reading, plus why a photo was left out. */
  notes: string[];
}

/**
 * The steps every path that turns vCards into contacts shares: the file import (`contacts-import.ts`)
 * and CardDAV sync (`carddav/`). Photos are probed (sharp) and stored content-addressed; links are
 * resolved by `contact-links.ts` (proven identities only, questions for the rest); writes are
 * all-or-nothing.
 */
export function createCardWriter(deps: { repo: ContactsRepository; config: Config; blobs: BlobStore; linker: ContactLinker }) {
  const { repo, config, blobs, linker } = deps;

  async function storePhoto(data: Buffer): Promise<{ sha256: string; mime: string }> {
    const { mime } = await probeImage(data, config.maxImagePixels);
    const sha256 = crypto.createHash('sha256').update(data).digest('hex');
    await blobs.putBuffer(data, sha256);
    return { sha256, mime };
  }

  /**
   * A contact row from a card with a draft: its PHOTO probed and stored, or left out with a note (a
   * photo that is not a readable image, or a PHOTO URI, which Kith does not download).
   * @param base `id`/`created_at` to keep when the row replaces an existing contact.
   */
  async function rowOf(
    ownerId: string,
    card: CardOutcome & { draft: ContactDraft },
    now: number,
    base?: Partial<ContactRow>,
  ): Promise<CardRow> {
    const notes = [...card.notes];
    let photo: { sha256: string; mime: string } | null = null;
    if (card.photo) {
      try {
        photo = await storePhoto(Buffer.from(card.photo.buffer, card.photo.byteOffset, card.photo.byteLength));
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        notes.push(`The photo was left out: ${e.message}`);
      }
    } else if (card.photoUri) notes.push('The photo is a link, which Kith does not download; the contact has no photo.');
    const row: ContactRow = {
      id: base?.id ?? crypto.randomUUID(),
      owner_id: ownerId,
      ...draftColumns(card.draft),
      photo_sha256: photo?.sha256 ?? null,
      photo_mime: photo?.mime ?? null,
      linked_account_id: null,
      created_at: base?.created_at ?? now,
      updated_at: now,
    };
    return { row, draft: card.draft, notes };
  }

  /**
   * Links and inserts new contacts, all or nothing (`writeSliced`): PostgreSQL in one transaction;
   * SQLite in transactions of {@link COMMIT_BATCH} contacts with the connection and the event loop free
   * between them, and if a batch fails the batches already written are deleted before the error goes up.
   * Sets each row's `linked_account_id`.
   */
  async function insert(ownerId: string, rows: CardRow[], now: number): Promise<void> {
    if (!rows.length) return;
    const links = await linker.resolve(rows.map(({ draft }) => ({ ownerId, ...draft })));
    rows.forEach((r, i) => (r.row.linked_account_id = links[i].accountId));
    const plan = rows.map((r, i) => ({ row: r.row, ask: links[i].ask }));
    // Each contact and its link questions (matches on unproven addresses, contact-links.ts) go in together.
    await repo.insertWithQuestions(ownerId, plan, now, { short: config.database.engine === 'sqlite', batch: COMMIT_BATCH });
  }

  /** Replaces an existing contact's fields, photo and identifiers with a card's, relinked, in one transaction. */
  async function replace(card: CardRow): Promise<void> {
    const { row, draft } = card;
    const [link] = await linker.resolve([{ ownerId: row.owner_id, contactId: row.id, ...draft }]);
    row.linked_account_id = link.accountId;
    await repo.saveWithQuestions(row, false, link.ask);
  }

  return { rowOf, insert, replace };
}

export type CardWriter = ReturnType<typeof createCardWriter>;
