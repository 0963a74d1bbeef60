import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Db } from '../db/database.js';
import type { NowPlayingProfileTable } from '../db/schema.js';
import { chunked } from '../db/chunks.js';
import { writeSliced } from '../db/sliced-write.js';
import { bumpGraphVersion } from '../db/now-playing-graph-version.js';

export type NowPlayingProfileRow = NowPlayingProfileTable;

/** The settings of an account that never saved any: sharing on, no number, no book. */
export const defaultProfile = (accountId: string, now: number): NowPlayingProfileRow => ({
  account_id: accountId,
  name: null,
  phone_hash: null,
  phone_verified_at: null,
  sharing: 1,
  require_mutual: 0,
  private_until: null,
  book_size: 0,
  associated_at: null,
  updated_at: now,
});

/**
 * The association graph (seed CN102664943A claims 2 and 7, [0046], [0067]): profiles with hashed
 * own numbers, hashed address books, and hidden-from lists.
 *
 * Direction: A's plays reach B when B's book holds A's number. When A requires mutual links, B's
 * number must also be in A's book. A is never shown to people A hid, nor to anyone while A's
 * sharing is off.
 *
 * Only numbers that count link anyone (docs/security.md "Phone numbers and now playing"): a number in
 * B's book stands for account A when it is A's verified number, or when B itself confirmed A as its
 * contact with that number (a deliberate act of B's, which counts in B's checks only). A claim nobody
 * verified or confirmed links nobody, so several accounts may claim one number without harm.
 *
 * Every write here also increments `np_graph_version` (in the same transaction where there is one):
 * the submission's cached audience is trusted only while that counter is unchanged.
 */
/**
 * SQL condition: profile `alias`'s number counts in the book of `bookOwner` (an id value or a column):
 * it is verified, or `bookOwner` confirmed that account with that very number.
 */
export const counts = (bookOwner: RawBuilder<unknown>, alias: string) =>
  sql<SqlBool>`(${sql.ref(`${alias}.phone_verified_at`)} is not null or exists (select 1 from np_confirmed_link c where c.owner_id = ${bookOwner} and c.account_id = ${sql.ref(`${alias}.account_id`)} and c.phone_hash = ${sql.ref(`${alias}.phone_hash`)}))`;

export { bumpGraphVersion };

/** Book rows per statement (and, on SQLite, per transaction) of `replaceBook`: a few ms of writes each. */
const BOOK_SLICE = 250;

/**
 * @param opts.shortTransactions SQLite: a transaction holds the only connection, and with it every
 *   other request's query (even `/api/health`), to its end; long writes then go in short transactions.
 */
export function createNowPlayingGraphRepository(db: Db, opts: { shortTransactions?: boolean } = {}) {
  const bumpVersion = (q: Db = db) => bumpGraphVersion(q);
  /** Accounts whose own number is in `ownerId`'s book and counts there ({@link counts}), as `p.account_id`, for more conditions. */
  const inBookOf = (ownerId: string) =>
    db
      .selectFrom('np_book_entry as e')
      .innerJoin('np_profile as p', 'p.phone_hash', 'e.phone_hash')
      .select('p.account_id')
      .where('e.owner_id', '=', ownerId)
      .where('p.account_id', '!=', ownerId)
      .where(counts(sql.val(ownerId), 'p'));
  return {
    /** The association graph's change counter (see the migration 0005-now-playing-graph-version). */
    async graphVersion(): Promise<number> {
      const r = await db.selectFrom('np_graph_version').select('version').where('id', '=', 1).executeTakeFirstOrThrow();
      return Number(r.version);
    },

    findProfile: (accountId: string) => db.selectFrom('np_profile').selectAll().where('account_id', '=', accountId).executeTakeFirst(),

    /** The profile, or the defaults (sharing on, nothing uploaded) when the account never set one. */
    async profileOrDefault(accountId: string): Promise<NowPlayingProfileRow> {
      return (await this.findProfile(accountId)) ?? defaultProfile(accountId, Date.now());
    },

    async upsertProfile(accountId: string, patch: Partial<Omit<NowPlayingProfileRow, 'account_id'>>): Promise<NowPlayingProfileRow> {
      const now = Date.now();
      const existing = await this.findProfile(accountId);
      const row = { ...(existing ?? defaultProfile(accountId, now)), ...patch, updated_at: now };
      await db.transaction().execute(async (trx) => {
        if (existing) await trx.updateTable('np_profile').set(row).where('account_id', '=', accountId).execute();
        else await trx.insertInto('np_profile').values(row).execute();
        await bumpVersion(trx);
      });
      return row;
    },

    /**
     * Replaces `ownerId`'s whole book with `hashes` (keyed phone hashes; a re-upload replaces the old
     * list). Only the difference is written: the hashes that left are deleted first, then the new
     * ones inserted, so while it runs the stored book is always a subset of the old book or of the
     * new one: nobody is linked by a book the owner never uploaded, and an unchanged re-upload
     * writes nothing. Committed by `writeSliced` (one transaction, or short ones on SQLite), each
     * transaction bumping the graph version.
     * @throws the driver's error; on SQLite the slices already written are undone first.
     */
    async replaceBook(ownerId: string, hashes: string[]): Promise<void> {
      const old = new Set(
        (await db.selectFrom('np_book_entry').select('phone_hash').where('owner_id', '=', ownerId).execute()).map((r) => r.phone_hash),
      );
      const wanted = new Set(hashes);
      const gone = [...old].filter((h) => !wanted.has(h));
      const added = [...wanted].filter((h) => !old.has(h));
      const remove = (q: Db, part: string[]) =>
        q.deleteFrom('np_book_entry').where('owner_id', '=', ownerId).where('phone_hash', 'in', part).execute();
      const insert = (q: Db, part: string[]) =>
        q
          .insertInto('np_book_entry')
          .values(part.map((phone_hash) => ({ owner_id: ownerId, phone_hash })))
          .execute();
      await writeSliced(
        db,
        [
          ...chunked(gone, BOOK_SLICE).map((part) => ({ run: (q: Db) => remove(q, part), undo: (q: Db) => insert(q, part) })),
          ...chunked(added, BOOK_SLICE).map((part) => ({ run: (q: Db) => insert(q, part), undo: (q: Db) => remove(q, part) })),
        ],
        { short: !!opts.shortTransactions, each: bumpVersion },
      );
    },

    /** Accounts whose own number is in `ownerId`'s book (whatever their settings). */
    async accountsInBook(ownerId: string): Promise<string[]> {
      return (await inBookOf(ownerId).execute()).map((r) => r.account_id);
    },

    /** Accounts whose book holds `phoneHash` (whatever the settings). */
    async holdersOf(phoneHash: string, exceptId: string): Promise<string[]> {
      const rows = await db
        .selectFrom('np_book_entry')
        .select('owner_id')
        .where('phone_hash', '=', phoneHash)
        .where('owner_id', '!=', exceptId)
        .execute();
      return rows.map((r) => r.owner_id);
    },

    /**
     * Who `owner`'s plays reach right now, by the rules above; empty while sharing is off or a
     * private session runs. One indexed query: it runs on every submission, the fan-out's hot path.
     */
    async audienceOf(owner: NowPlayingProfileRow, now = Date.now()): Promise<string[]> {
      if (!owner.phone_hash || !owner.sharing || (owner.private_until && owner.private_until > now)) return [];
      const ownerHash = owner.phone_hash;
      let q = db
        .selectFrom('np_book_entry as e')
        .select('e.owner_id')
        .where('e.phone_hash', '=', ownerHash)
        .where('e.owner_id', '!=', owner.account_id);
      // An unverified sharer reaches only the book owners who confirmed it with this number.
      if (owner.phone_verified_at == null)
        q = q.where(({ exists, selectFrom }) =>
          exists(
            selectFrom('np_confirmed_link as c')
              .select(sql`1`.as('one'))
              .whereRef('c.owner_id', '=', 'e.owner_id')
              .where('c.account_id', '=', owner.account_id)
              .where('c.phone_hash', '=', ownerHash),
          ),
        );
      q = q.where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('np_hidden as h')
              .select(sql`1`.as('one'))
              .where('h.owner_id', '=', owner.account_id)
              .whereRef('h.hidden_id', '=', 'e.owner_id'),
          ),
        ),
      );
      if (owner.require_mutual)
        q = q.where(({ exists, selectFrom }) =>
          exists(
            selectFrom('np_book_entry as m')
              .innerJoin('np_profile as vp', 'vp.phone_hash', 'm.phone_hash')
              .select(sql`1`.as('one'))
              .where('m.owner_id', '=', owner.account_id)
              .whereRef('vp.account_id', '=', 'e.owner_id')
              .where(counts(sql.val(owner.account_id), 'vp')),
          ),
        );
      return (await q.execute()).map((r) => r.owner_id);
    },

    /**
     * Whose plays reach `viewerId`: accounts whose number counts in the viewer's book, sharing on, who did
     * not hide the viewer, and (when they require mutual links) whose book holds the viewer's number
     * where it counts (verified, or confirmed by them).
     * Accounts in a private session are listed (as not playing).
     */
    async friendsOf(viewerId: string, viewer: Pick<NowPlayingProfileRow, 'phone_hash' | 'phone_verified_at'>): Promise<string[]> {
      const viewerHash = viewer.phone_hash ?? '';
      const rows = await inBookOf(viewerId)
        .where('p.sharing', '=', 1)
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('np_hidden as h')
                .select(sql`1`.as('one'))
                .whereRef('h.owner_id', '=', 'p.account_id')
                .where('h.hidden_id', '=', viewerId),
            ),
          ),
        )
        .where(({ or, eb, exists, selectFrom }) => {
          let mutual = selectFrom('np_book_entry as m')
            .select(sql`1`.as('one'))
            .whereRef('m.owner_id', '=', 'p.account_id')
            .where('m.phone_hash', '=', viewerHash);
          // An unverified viewer passes a mutual check only where that sharer confirmed them.
          if (viewer.phone_verified_at == null)
            mutual = mutual.where(({ exists: has, selectFrom: from }) =>
              has(
                from('np_confirmed_link as c')
                  .select(sql`1`.as('one'))
                  .whereRef('c.owner_id', '=', 'p.account_id')
                  .where('c.account_id', '=', viewerId)
                  .where('c.phone_hash', '=', viewerHash),
              ),
            );
          return or([eb('p.require_mutual', '=', 0), exists(mutual)]);
        })
        .execute();
      return rows.map((r) => r.account_id);
    },

    listHidden: async (ownerId: string) =>
      (await db.selectFrom('np_hidden').select('hidden_id').where('owner_id', '=', ownerId).execute()).map((r) => r.hidden_id),

    async replaceHidden(ownerId: string, hiddenIds: string[]): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('np_hidden').where('owner_id', '=', ownerId).execute();
        if (hiddenIds.length)
          await trx
            .insertInto('np_hidden')
            .values(hiddenIds.map((hidden_id) => ({ owner_id: ownerId, hidden_id })))
            .execute();
        await bumpVersion(trx);
      });
    },
  };
}

export type NowPlayingGraphRepository = ReturnType<typeof createNowPlayingGraphRepository>;
