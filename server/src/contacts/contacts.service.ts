import crypto from 'node:crypto';
import type { DomainEventPublisher } from '../common/domain-events.js';
import type { Readable } from 'node:stream';
import type { Principal } from '../common/principal.js';
import type { BlobStore } from '../blobs/blob-store.js';
import type { Config } from '../config/config.js';
import { errors } from '../common/errors.js';
import { draftColumns, type ContactDraft, readPhone } from '@kith/address-book';
import { createContactLinker } from './contact-links.js';
import { decodeContactCursor, encodeContactCursor } from './contacts-cursor.js';
import { createContactImporter } from './contacts-import.js';
import { createCardWriter } from './contact-cards.js';
import type { ContactAccess } from './contact.access.js';
import type { ContactGroupAccess } from './contact-group.access.js';
import type { ContactRow, ContactsRepository, ContactView } from './contacts.repository.js';
import type { LinkQuestionsRepository } from './link-questions.repository.js';
import type { ContactGroupsRepository } from './contact-groups.repository.js';
import type { VCardReader } from './vcard-pool.js';
import { writeVCards, type ExportCard } from './vcard-write.js';

export interface ContactsServiceDeps {
  repo: ContactsRepository;
  questions: LinkQuestionsRepository;
  groups: ContactGroupsRepository;
  access: ContactAccess;
  /** The one contact-group access check (contact-group.access.ts). */
  groupAccess: ContactGroupAccess;
  config: Config;
  blobs: BlobStore;
  /** Reads vCard files off the event loop (`vcard-pool.ts`). */
  reader: VCardReader;
  /** Publishes `contacts.photos-imported` for contacts that got a photo from a vCard import (face analysis queues them). */
  domainEvents?: DomainEventPublisher;
}

/** Fields of POST/PATCH /api/contacts (already trimmed and checked by the route schema). */
export interface ContactInput {
  name?: string;
  phones?: string[];
  emails?: string[];
  urls?: string[];
  kithAddress?: string | null;
  albumUrl?: string | null;
}

/**
 * The address book: contacts, vCard import/export, links to local accounts (see
 * `contact-links.ts`) and the mutual-link queries the events domain gathers photos by.
 * Every method that takes a principal only ever touches that principal's contacts;
 * another user's contact is 404 `not_found`.
 */
export function createContactsService(deps: ContactsServiceDeps) {
  const { repo, groups: groupsRepo, access, config, blobs, reader, domainEvents } = deps;
  const linker = createContactLinker(repo, deps.questions, config.publicUrl);
  const cardWriter = createCardWriter({ repo, config, blobs, linker });
  const importVCard = createContactImporter({ repo, groups: groupsRepo, writer: cardWriter, config, reader });
  const getOwn = access.requireContact;

  /** Normalises phones to E.164. @throws 400 `invalid_phone` naming the first unreadable number. */
  function phonesOf(raw: string[]): string[] {
    return [
      ...new Set(
        raw.map((p) => {
          const read = readPhone(p, config.defaultPhoneRegion);
          if ('e164' in read) return read.e164;
          throw errors.badRequest(
            'invalid_phone',
            'asWritten' in read
              ? `"${p}" is ${read.note}, e.g. +46 8 123 456 78.`
              : `"${p}" is not a phone number we can read; include the country code, e.g. +44 20 7946 0958.`,
            { phone: p },
          );
        }),
      ),
    ];
  }

  /** Writes a row with its link recomputed and its identifiers replaced, in one transaction. */
  async function save(row: ContactRow, draft: ContactDraft, isNew: boolean): Promise<void> {
    const [link] = await linker.resolve([{ ownerId: row.owner_id, ...(isNew ? {} : { contactId: row.id }), ...draft }]);
    row.linked_account_id = link.accountId;
    await repo.saveWithQuestions(row, isNew, link.ask);
  }

  const draftOf = (r: ContactRow): ContactDraft => ({
    name: r.name,
    phones: JSON.parse(r.phones),
    otherPhones: JSON.parse(r.other_phones ?? '[]'),
    emails: JSON.parse(r.emails),
    urls: JSON.parse(r.urls),
    kithAddress: r.kith_address,
    albumUrl: r.album_url,
  });

  return {
    /**
     * One page of the caller's contacts, by name (case-insensitive) then id; `nextCursor` is null on the
     * last page. `total` and `linked` count the whole book (not only the page, nor only the matches).
     * `group` keeps the members of one of the caller's groups.
     * @throws 400 `invalid_cursor`, 404 `not_found` for a group that is not the caller's.
     */
    async list(principal: Principal, page: { limit: number; cursor?: string; q?: string; group?: string }) {
      const after = page.cursor ? decodeContactCursor(page.cursor) : undefined;
      if (page.group) await deps.groupAccess.requireContactGroup(principal, page.group);
      const rows = await repo.listPage(principal.accountId, page.limit + 1, after, page.q || undefined, page.group);
      const contacts = rows.slice(0, page.limit);
      const last = contacts.at(-1);
      const nextCursor = rows.length > page.limit && last ? encodeContactCursor(last.name, last.id) : null;
      return { contacts, nextCursor, ...(await repo.countByOwner(principal.accountId)) };
    },

    /** @throws 404 `not_found`. */
    get: getOwn,

    /** The caller's contact groups (from imported group cards). */
    groups: {
      list: (principal: Principal) => groupsRepo.list(principal.accountId),
      /** @throws 404 `not_found`. */
      get: deps.groupAccess.requireContactGroup,
    },

    /** Creates a contact and links it. @throws 400 `invalid_phone`. */
    async create(principal: Principal, input: ContactInput & { name: string }): Promise<ContactView> {
      const now = Date.now();
      const draft: ContactDraft = {
        name: input.name,
        phones: phonesOf(input.phones ?? []),
        otherPhones: [],
        emails: [...new Set((input.emails ?? []).map((e) => e.toLowerCase()))],
        urls: [...new Set(input.urls ?? [])],
        kithAddress: input.kithAddress ?? null,
        albumUrl: input.albumUrl ?? null,
      };
      const row: ContactRow = {
        id: crypto.randomUUID(),
        owner_id: principal.accountId,
        ...draftColumns(draft),
        photo_sha256: null,
        photo_mime: null,
        linked_account_id: null,
        created_at: now,
        updated_at: now,
      };
      await save(row, draft, true);
      return getOwn(principal, row.id);
    },

    /** Changes the given fields and relinks. @throws 404 `not_found`, 400 `invalid_phone`. */
    async update(principal: Principal, id: string, input: ContactInput): Promise<ContactView> {
      const current = await getOwn(principal, id);
      const draft = draftOf(current);
      if (input.name !== undefined) draft.name = input.name;
      if (input.phones !== undefined) draft.phones = phonesOf(input.phones);
      if (input.emails !== undefined) draft.emails = [...new Set(input.emails.map((e) => e.toLowerCase()))];
      if (input.urls !== undefined) draft.urls = [...new Set(input.urls)];
      if (input.kithAddress !== undefined) draft.kithAddress = input.kithAddress;
      if (input.albumUrl !== undefined) draft.albumUrl = input.albumUrl;
      const { linked_username: _u, linked_display_name: _d, mutual: _m, photo_note: _n, ...row } = current;
      await save(
        {
          ...row,
          ...draftColumns(draft),
          updated_at: Date.now(),
        },
        draft,
        false,
      );
      return getOwn(principal, id);
    },

    /** @throws 404 `not_found`. The photo blob stays: blobs are content-addressed and may be shared. */
    async remove(principal: Principal, id: string): Promise<void> {
      await getOwn(principal, id);
      if (!(await repo.delete(principal.accountId, id))) throw errors.notFound('contact');
    },

    /** The contact's reference photo. @throws 404 `not_found` when the contact or its photo is absent. */
    async photo(principal: Principal, id: string): Promise<{ stream: Readable; mime: string; size: number }> {
      const c = await getOwn(principal, id);
      if (!c.photo_sha256 || !c.photo_mime || !(await blobs.has(c.photo_sha256))) throw errors.notFound('contact photo');
      return { stream: blobs.stream(c.photo_sha256), mime: c.photo_mime, size: await blobs.size(c.photo_sha256) };
    },

    /**
     * See {@link createContactImporter}. Contacts that got a photo are then published
     * (`contacts.photos-imported`: face analysis queues them); a failing reaction is logged, never an
     * error of the import, since the contacts are committed (a face re-index analyses them later).
     * @throws 400 `invalid_vcard` {card, line}, 422 `too_many_cards` {cards, limit}, 503 `vcard_busy`.
     */
    async import(principal: Principal, bytes: Uint8Array, charset: string | null = null) {
      const { report, withPhoto } = await importVCard(principal.accountId, bytes, charset);
      if (withPhoto.length) await domainEvents?.publish('contacts.photos-imported', { contactIds: withPhoto });
      return report;
    },

    /** Points the contact at a photo already in the blob store. @throws 404 `not_found`. */
    async setPhoto(principal: Principal, id: string, photo: { sha256: string; mime: string }): Promise<ContactView> {
      await getOwn(principal, id);
      await repo.setPhoto(principal.accountId, id, photo);
      return getOwn(principal, id);
    },

    /** All the caller's contacts as one vCard 4.0 file (see `writeVCards`). */
    async exportVCard(principal: Principal): Promise<string> {
      const cards: ExportCard[] = [];
      for (const c of await repo.listByOwner(principal.accountId)) {
        const photo =
          c.photo_sha256 && c.photo_mime && (await blobs.has(c.photo_sha256))
            ? { data: await blobs.read(c.photo_sha256), mime: c.photo_mime }
            : null;
        cards.push({ id: c.id, ...draftOf(c), photo });
      }
      return writeVCards(cards);
    },

    /** Relinks contacts after sign-up or a phone/e-mail change or verification; run on `account.created`, `email.*` and `phone.changed` (app/subscriptions.ts). */
    relinkAccount: linker.relinkAccount,

    /** The vCard import's per-card steps (photo, row, links, writes), for CardDAV sync. */
    cardWriter,

    /** The linker, for the link questions service (an answer relinks the contact). */
    linker,

    /** Every linked account of the owner's contacts with `mutual` and `allowEventGathering` (event sharing reads this). One query. */
    findLinkedAccounts: (ownerId: string) => repo.findLinkedAccounts(ownerId),
  };
}

export type ContactsService = ReturnType<typeof createContactsService>;
