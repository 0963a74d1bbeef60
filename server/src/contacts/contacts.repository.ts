import { sql, type SqlBool } from 'kysely';
import type { Db } from '../db/database.js';
import { chunked } from '../db/chunks.js';
import { writeSliced } from '../db/sliced-write.js';
import { createLinkQuestionsRepository, type QuestionsOfContact } from './link-questions.repository.js';
import type { ContactIdentifierTable, ContactTable } from '../db/schema.js';

export type ContactRow = ContactTable;

/** A contact with its linked account's names and whether that account holds the owner too. */
export interface ContactView extends ContactRow {
  linked_username: string | null;
  linked_display_name: string | null;
  /** 1/0 on SQLite, true/false on PostgreSQL; read with `Boolean()`. */
  mutual: boolean | number;
  /** Why the current photo may match poorly as a reference face (several faces, small, none); null when fine or not analysed. */
  photo_note: string | null;
}

/** An account a contact may link to, with the identifiers it is matched on. */
export interface LinkCandidate {
  id: string;
  username: string;
  phone: string | null;
  email: string | null;
  /** When the account proved its e-mail / phone (ms); null while only claimed. Only proven ones link by themselves. */
  email_verified_at: number | null;
  phone_verified_at: number | null;
  created_at: number;
}

/** A linked account as the events domain sees it. */
export interface LinkedAccount {
  accountId: string;
  username: string;
  displayName: string;
  /** The account also holds the owner as a (linked) contact. */
  mutual: boolean;
  /** The account's "let my contacts gather my event photos" setting. */
  allowEventGathering: boolean;
}

// Both engines cap bound parameters per statement (SQLite 32766, PostgreSQL 65535).
const chunks = chunked;
/**
 * Lets the event loop run between the statements of a long series: better-sqlite3 answers each
 * statement synchronously, so without a macrotask between them a series of hundreds of statements
 * would hold the event loop for its whole length.
 */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
const json = (s: string): string[] => JSON.parse(s) as string[];

/** The searchable identifiers of a contact row, for `contact_identifier`. */
export function identifiersOf(row: Pick<ContactRow, 'id' | 'owner_id' | 'phones' | 'emails' | 'kith_address'>): ContactIdentifierTable[] {
  const base = { contact_id: row.id, owner_id: row.owner_id };
  return [
    ...json(row.phones).map((value) => ({ ...base, kind: 'phone' as const, value })),
    ...json(row.emails).map((value) => ({ ...base, kind: 'email' as const, value })),
    ...(row.kith_address ? [{ ...base, kind: 'kith' as const, value: row.kith_address }] : []),
  ];
}

/**
 * `exists (a contact owned by c's linked account that links back to the owner)`, for a query
 * aliasing `contact as c`; the owner is `c.owner_id` unless given. Served by `contact_linked_idx`.
 */
const linksBack = (ownerId?: string) =>
  sql<SqlBool>`exists (select 1 from contact back where back.owner_id = c.linked_account_id and back.linked_account_id = ${ownerId ?? sql.ref('c.owner_id')})`;

/** All SQL touching contacts and their identifiers. Every read is scoped by owner. */
export function createContactsRepository(db: Db) {
  const view = () =>
    db
      .selectFrom('contact as c')
      .leftJoin('account as a', 'a.id', 'c.linked_account_id')
      // Only the note of the current photo: an older analysis of a replaced photo says nothing about it.
      .leftJoin('contact_face as cf', (j) => j.onRef('cf.contact_id', '=', 'c.id').onRef('cf.photo_sha256', '=', 'c.photo_sha256'))
      .selectAll('c')
      .select(['a.username as linked_username', 'a.display_name as linked_display_name', 'cf.note as photo_note'])
      .select(linksBack().as('mutual'));

  return {
    /**
     * One page of the owner's contacts in list order (lower-cased name, then id), after the `after`
     * contact (keyset paging: stable while contacts are added). `query` keeps contacts whose name,
     * phone, e-mail, Kith address or linked username contains it (case-insensitive); `groupId` the members of that group.
     */
    listPage: (
      ownerId: string,
      limit: number,
      after?: { name: string; id: string },
      query?: string,
      groupId?: string,
    ): Promise<ContactView[]> => {
      let q = view().where('c.owner_id', '=', ownerId);
      if (groupId)
        q = q.where('c.id', 'in', (eb) => eb.selectFrom('contact_group_member').select('contact_id').where('group_id', '=', groupId));
      if (after) q = q.where(sql<SqlBool>`(lower(c.name), c.id) > (lower(${after.name}), ${after.id})`);
      if (query) {
        const like = `%${query.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        q = q.where((eb) =>
          eb.or(
            [sql`lower(c.name)`, sql`c.phones`, sql`c.emails`, sql`c.kith_address`, sql`lower(a.username)`].map(
              (col) => sql<SqlBool>`${col} like ${like} escape '\\'`,
            ),
          ),
        );
      }
      return q
        .orderBy(sql`lower(c.name)`)
        .orderBy('c.id')
        .limit(limit)
        .execute();
    },

    /** How many contacts the owner has, and how many of them are linked to an account. */
    async countByOwner(ownerId: string): Promise<{ total: number; linked: number }> {
      const r = await db
        .selectFrom('contact')
        .where('owner_id', '=', ownerId)
        .select((eb) => [eb.fn.countAll<number | string>().as('total'), eb.fn.count<number | string>('linked_account_id').as('linked')])
        .executeTakeFirstOrThrow();
      return { total: Number(r.total), linked: Number(r.linked) };
    },

    listByOwner: (ownerId: string): Promise<ContactView[]> =>
      view()
        .where('c.owner_id', '=', ownerId)
        .orderBy(sql`lower(c.name)`)
        .orderBy('c.id')
        .execute(),

    findById: (ownerId: string, id: string): Promise<ContactView | undefined> =>
      view().where('c.owner_id', '=', ownerId).where('c.id', '=', id).executeTakeFirst(),

    /** Whether one of the owner's contacts is linked to `accountId`. */
    async hasLinkTo(ownerId: string, accountId: string): Promise<boolean> {
      const r = await db
        .selectFrom('contact')
        .select('id')
        .where('owner_id', '=', ownerId)
        .where('linked_account_id', '=', accountId)
        .executeTakeFirst();
      return !!r;
    },

    /**
     * Writes one contact (insert when `isNew`, else its fields and identifiers replaced) and its link
     * questions (matches on unproven addresses, contact-links.ts) in one transaction.
     */
    async saveWithQuestions(row: ContactRow, isNew: boolean, ask: QuestionsOfContact['ask']): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const tx = createContactsRepository(trx);
        if (isNew) await tx.insertMany([row]);
        else await tx.update(row);
        await createLinkQuestionsRepository(trx).sync([{ contactId: row.id, ownerId: row.owner_id, ask }], row.updated_at);
      });
    },

    /**
     * Inserts new contacts with their link questions, all or nothing (`writeSliced`): PostgreSQL in one
     * transaction; with `short` (SQLite) in transactions of `batch` contacts with the connection and the
     * event loop free between them, and if a batch fails the batches already written are deleted before
     * the error goes up (their questions go with them, ON DELETE CASCADE).
     */
    async insertWithQuestions(
      ownerId: string,
      plan: Array<{ row: ContactRow; ask: QuestionsOfContact['ask'] }>,
      now: number,
      opts: { short: boolean; batch: number },
    ): Promise<void> {
      const write = (trx: Db, part: typeof plan) =>
        createContactsRepository(trx)
          .insertMany(part.map((p) => p.row))
          .then(() =>
            createLinkQuestionsRepository(trx).sync(
              part.map((p) => ({ contactId: p.row.id, ownerId, ask: p.ask })),
              now,
            ),
          );
      await writeSliced(
        db,
        chunked(plan, opts.batch).map((batch) => ({
          run: (trx: Db) => write(trx, batch),
          undo: (trx: Db) =>
            createContactsRepository(trx).deleteMany(
              ownerId,
              batch.map((p) => p.row.id),
            ),
        })),
        { short: opts.short },
      );
    },

    /** Points the owner's contact at a photo already in the blob store. */
    async setPhoto(ownerId: string, id: string, photo: { sha256: string; mime: string }): Promise<void> {
      await db
        .updateTable('contact')
        .set({ photo_sha256: photo.sha256, photo_mime: photo.mime, updated_at: Date.now() })
        .where('id', '=', id)
        .where('owner_id', '=', ownerId)
        .execute();
    },

    /** Inserts contacts and their identifiers; run it inside a transaction for all-or-nothing. */
    async insertMany(rows: ContactRow[]): Promise<void> {
      for (const part of chunks(rows, 200)) {
        await db.insertInto('contact').values(part).execute();
        await yieldToEventLoop();
      }
      for (const part of chunks(rows.flatMap(identifiersOf))) {
        await db.insertInto('contact_identifier').values(part).execute();
        await yieldToEventLoop();
      }
    },

    /** Deletes the owner's contacts of the given ids (their identifiers go with them, ON DELETE CASCADE). */
    async deleteMany(ownerId: string, ids: string[]): Promise<void> {
      for (const part of chunks(ids)) await db.deleteFrom('contact').where('owner_id', '=', ownerId).where('id', 'in', part).execute();
    },

    /** Replaces a contact's fields and identifiers; run it inside a transaction. */
    async update(row: ContactRow): Promise<void> {
      const { id, owner_id, created_at: _created, ...rest } = row;
      await db.updateTable('contact').set(rest).where('id', '=', id).where('owner_id', '=', owner_id).execute();
      await db.deleteFrom('contact_identifier').where('contact_id', '=', id).execute();
      const idents = identifiersOf(row);
      if (idents.length) await db.insertInto('contact_identifier').values(idents).execute();
    },

    async delete(ownerId: string, id: string): Promise<boolean> {
      const r = await db.deleteFrom('contact').where('id', '=', id).where('owner_id', '=', ownerId).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },

    /** Name and identifiers of every contact of an owner, for duplicate detection on import. */
    summariesOfOwner: (ownerId: string) =>
      db.selectFrom('contact').select(['id', 'name', 'phones', 'emails', 'kith_address']).where('owner_id', '=', ownerId).execute(),

    /** Accounts whose E.164 phone, lower-cased e-mail or username is among the given ones (one query). */
    async accountsMatching(phones: string[], emails: string[], usernames: string[]): Promise<LinkCandidate[]> {
      if (!phones.length && !emails.length && !usernames.length) return [];
      const out: LinkCandidate[] = [];
      const longest = Math.max(phones.length, emails.length, usernames.length);
      const perList = 400; // three lists of at most this many bound parameters each
      for (let i = 0; i < longest; i += perList) {
        const [p, e, u] = [phones, emails, usernames].map((xs) => xs.slice(i, i + perList));
        const rows = await db
          .selectFrom('account')
          .select(['id', 'username', 'phone', 'email', 'email_verified_at', 'phone_verified_at', 'created_at'])
          .where((eb) =>
            eb.or([
              ...(p.length ? [eb('phone', 'in', p)] : []),
              ...(e.length ? [eb('email', 'in', e)] : []),
              ...(u.length ? [eb('username', 'in', u)] : []),
            ]),
          )
          .execute();
        out.push(...rows);
        await yieldToEventLoop();
      }
      return out;
    },

    /**
     * Contacts (of any owner) whose identifiers match the account, plus those linked to it or asking
     * about it now (its phone or e-mail may have changed): the ones whose link must be recomputed.
     */
    contactsToRelink(account: { id: string; phone: string | null; email: string | null; kithAddress: string }) {
      return db
        .selectFrom('contact')
        .select(['id', 'owner_id', 'phones', 'emails', 'kith_address', 'linked_account_id'])
        .where((eb) =>
          eb.or([
            eb('linked_account_id', '=', account.id),
            // A pending question about the account may have gone stale (it dropped the matching address).
            eb(
              'id',
              'in',
              eb
                .selectFrom('contact_link_question')
                .select('contact_id')
                .where('account_id', '=', account.id)
                .where('state', '=', 'pending'),
            ),
            eb(
              'id',
              'in',
              eb
                .selectFrom('contact_identifier')
                .select('contact_id')
                .where((ib) =>
                  ib.or([
                    ...(account.phone ? [ib.and([ib('kind', '=', 'phone'), ib('value', '=', account.phone)])] : []),
                    ...(account.email ? [ib.and([ib('kind', '=', 'email'), ib('value', '=', account.email)])] : []),
                    ib.and([ib('kind', '=', 'kith'), ib('value', '=', account.kithAddress)]),
                  ]),
                ),
            ),
          ]),
        )
        .execute();
    },

    /** Sets `linked_account_id` for many contacts: one UPDATE per target account. */
    async setLinks(changes: Array<{ id: string; accountId: string | null }>, now: number): Promise<void> {
      const byTarget = new Map<string | null, string[]>();
      for (const c of changes) byTarget.set(c.accountId, [...(byTarget.get(c.accountId) ?? []), c.id]);
      for (const [accountId, ids] of byTarget)
        for (const part of chunks(ids))
          await db.updateTable('contact').set({ linked_account_id: accountId, updated_at: now }).where('id', 'in', part).execute();
    },

    /** Every account the owner's contacts link to, each once, mutual or not. One query. */
    async findLinkedAccounts(ownerId: string): Promise<LinkedAccount[]> {
      const rows = await db
        .selectFrom('contact as c')
        .innerJoin('account as a', 'a.id', 'c.linked_account_id')
        .where('c.owner_id', '=', ownerId)
        .select(['a.id as accountId', 'a.username', 'a.display_name', 'a.allow_event_gathering', linksBack(ownerId).as('mutual')])
        .distinct()
        .orderBy('a.id')
        .execute();
      return rows.map((r) => ({
        accountId: r.accountId,
        username: r.username,
        displayName: r.display_name,
        mutual: Boolean(r.mutual),
        allowEventGathering: r.allow_event_gathering === 1,
      }));
    },
  };
}

export type ContactsRepository = ReturnType<typeof createContactsRepository>;
