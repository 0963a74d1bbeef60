import crypto from 'node:crypto';
import type { DomainEventPublisher } from '../common/domain-events.js';
import type { Principal } from '../common/principal.js';
import type { Config } from '../config/config.js';
import type { SecretBox } from '../connectors/secret-box.js';
import type { CardWriter } from '../contacts/contact-cards.js';
import type { ContactsRepository } from '../contacts/contacts.repository.js';
import type { VCardReader } from '../contacts/vcard-pool.js';
import { AppError, errors } from '../common/errors.js';
import type { CardDavClient } from './carddav.client.js';
import type { BookRow, CarddavRepository } from './carddav.repository.js';
import { fieldsOf, fieldsHash, type CardConflict } from './carddav-state.js';
import { syncBook, type SyncCounts } from './carddav-sync.js';

export interface CarddavDeps {
  repo: CarddavRepository;
  contacts: ContactsRepository;
  config: Config;
  box: SecretBox;
  client: CardDavClient;
  writer: CardWriter;
  reader: VCardReader;
  /** Queues a sync job (after connecting, and for each book due). */
  enqueueSync: (bookId: string) => Promise<void>;
  /** Publishes `contacts.photos-imported` for contacts whose photo is new (their face becomes a reference face). */
  domainEvents?: DomainEventPublisher;
}

/**
 * CardDAV address-book sync: each user connects books on their own CardDAV server (Nextcloud,
 * Radicale, iCloud / Fastmail with an app password, …); the password is sealed with the
 * {@link SecretBox} bound to the owner and URL. Sync runs per book, one at a time in this process
 * (a "Sync now" during a scheduled run waits for it), see `carddav-sync.ts` for the rules.
 */
export function createCarddavService(deps: CarddavDeps) {
  const { repo, contacts } = deps;
  const ctx = (ownerId: string, url: string) => `${ownerId}:carddav:${url}`;
  const running = new Map<string, Promise<SyncCounts>>();

  async function ownBook(principal: Principal, id: string): Promise<BookRow> {
    const book = await repo.findBook(principal.accountId, id);
    if (!book) throw errors.notFound('address book');
    return book;
  }

  async function runSync(book: BookRow): Promise<SyncCounts> {
    const creds = { username: book.username, password: deps.box.open(book.secret_sealed, ctx(book.owner_id, book.url)) };
    const now = Date.now();
    try {
      const { counts, withPhoto, syncToken } = await syncBook({ ...deps, repo, contacts }, book, creds);
      await repo.updateBook(book.id, {
        sync_token: syncToken,
        last_sync_at: now,
        last_status: 'ok',
        last_error: null,
        last_counts: JSON.stringify(counts),
        updated_at: now,
      });
      if (withPhoto.length) await deps.domainEvents?.publish('contacts.photos-imported', { contactIds: withPhoto });
      return counts;
    } catch (e) {
      const message = e instanceof AppError ? e.message : `The sync failed: ${(e as Error).message}`;
      await repo.updateBook(book.id, { last_sync_at: now, last_status: 'error', last_error: message.slice(0, 500), updated_at: now });
      throw e;
    }
  }

  /** One sync of a book at a time: a second caller waits for the running one, then runs its own. */
  function serial(book: BookRow): Promise<SyncCounts> {
    const before = running.get(book.id) ?? Promise.resolve(null);
    const mine = before.catch(() => null).then(async () => runSync((await repo.findBookById(book.id)) ?? book));
    running.set(book.id, mine);
    void mine.finally(() => running.get(book.id) === mine && running.delete(book.id)).catch(() => undefined);
    return mine;
  }

  return {
    /** The caller's books with their last sync and card/conflict counts. */
    async list(principal: Principal) {
      const counts = await repo.bookCounts(principal.accountId);
      return (await repo.listBooks(principal.accountId)).map((b) => ({ book: b, ...(counts.get(b.id) ?? { cards: 0, conflicts: 0 }) }));
    },

    /**
     * Connects a book: finds the address book at `url` (the URL itself or by discovery), proving the
     * credentials, stores it with the password sealed, and queues its first sync.
     * @throws 422 `carddav_auth`, `carddav_no_address_book`, `blocked_address`, `image_unreachable`;
     *         502 `carddav_error`; 409 `carddav_exists` when the caller already connected that book.
     */
    async connect(principal: Principal, input: { url: string; username: string; password: string }) {
      const found = await deps.client.discover(input.url, { username: input.username, password: input.password });
      if (await repo.findBookByUrl(principal.accountId, found.url))
        throw errors.conflict('carddav_exists', `The address book ${found.url} is already connected.`);
      const now = Date.now();
      const row: BookRow = {
        id: crypto.randomUUID(),
        owner_id: principal.accountId,
        url: found.url,
        username: input.username,
        secret_sealed: deps.box.seal(input.password, ctx(principal.accountId, found.url)),
        display_name: found.displayName,
        sync_token: null,
        last_sync_at: null,
        last_status: null,
        last_error: null,
        last_counts: null,
        created_at: now,
        updated_at: now,
      };
      await repo.insertBook(row);
      await deps.enqueueSync(row.id);
      return row;
    },

    /** Disconnects a book; its contacts stay in Kith. @throws 404 `not_found`. */
    async remove(principal: Principal, id: string): Promise<void> {
      if (!(await repo.removeBook(principal.accountId, id))) throw errors.notFound('address book');
    },

    /** "Sync now": runs a sync and answers with its counts. @throws 404 `not_found`, and the sync's errors. */
    async syncNow(principal: Principal, id: string) {
      const counts = await serial(await ownBook(principal, id));
      return { counts, book: (await repo.findBook(principal.accountId, id))! };
    },

    /** The job's entry: a book that no longer exists is nothing to do. */
    async syncById(bookId: string): Promise<void> {
      const book = await repo.findBookById(bookId);
      if (book) await serial(book);
    },

    /** Queues a sync for every book not synced within `intervalMs` (the repeatable `carddav.due` job). */
    async queueDue(intervalMs: number): Promise<void> {
      for (const id of await repo.dueBooks(Date.now() - intervalMs + 1000)) await deps.enqueueSync(id);
    },

    /** The caller's conflicts, each with Kith's values now and the server's (null for a deleted card). */
    async conflicts(principal: Principal) {
      const out = [];
      for (const card of await repo.conflicts(principal.accountId)) {
        const contact = card.contact_id ? await contacts.findById(principal.accountId, card.contact_id) : undefined;
        if (!contact) continue;
        const conflict = JSON.parse(card.conflict!) as CardConflict;
        out.push({ card, contact, conflict, kith: fieldsOf(contact) });
      }
      return out;
    },

    /**
     * Resolves a conflict: `kith` keeps the contact as edited in Kith (a deleted card just stops syncing
     * it); `server` applies the card's values (or, for a deleted card, deletes the contact).
     * @throws 404 `not_found` (no such conflict of the caller's).
     */
    async resolve(principal: Principal, cardId: string, keep: 'kith' | 'server'): Promise<void> {
      const card = await repo.findCard(principal.accountId, cardId);
      const contact = card?.contact_id ? await contacts.findById(principal.accountId, card.contact_id) : undefined;
      if (!card?.conflict || !contact) throw errors.notFound('conflict');
      const conflict = JSON.parse(card.conflict) as CardConflict;
      const now = Date.now();
      if (conflict.kind === 'deleted') {
        if (keep === 'server') await contacts.delete(principal.accountId, contact.id);
        await repo.removeCard(card.id);
        return;
      }
      const server = conflict.server!;
      if (keep === 'server') {
        const { linked_username: _u, linked_display_name: _d, mutual: _m, photo_note: _n, ...row } = contact;
        const made = await deps.writer.rowOf(
          principal.accountId,
          { index: 1, name: server.draft.name, draft: server.draft, notes: [], photo: null, photoUri: null, uid: null },
          now,
          { id: row.id, created_at: row.created_at },
        );
        made.row.photo_sha256 = server.fields.photo;
        made.row.photo_mime = server.photoMime;
        await deps.writer.replace(made);
      }
      // Either way the server's values are now the last synced ones.
      await repo.upsertCard({ ...card, synced_hash: fieldsHash(server.fields), conflict: null, updated_at: now });
    },
  };
}

export type CarddavService = ReturnType<typeof createCarddavService>;
