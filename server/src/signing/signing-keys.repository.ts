import type { Selectable } from 'kysely';
import type { Db } from '../db/database.js';
import type { SigningKeyTable } from '../db/schema.js';

export type SigningKeyRow = Selectable<SigningKeyTable>;

/** Rows of `signing_key` (migration 0014): an account's RFC 9421 keys. */
export function createSigningKeysRepository(db: Db) {
  return {
    async insert(row: SigningKeyRow): Promise<void> {
      await db.insertInto('signing_key').values(row).execute();
    },

    /** The account's oldest live key of a kind (the one a server signs with when two were made at once). */
    firstLive: (accountId: string, kind: SigningKeyRow['kind']) =>
      db
        .selectFrom('signing_key')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('kind', '=', kind)
        .where('revoked_at', 'is', null)
        .orderBy('created_at')
        .orderBy('id')
        .executeTakeFirst(),

    /** The account's keys, newest first; `live` leaves out revoked ones. */
    ofAccount: (accountId: string, live: boolean) =>
      db
        .selectFrom('signing_key')
        .selectAll()
        .where('account_id', '=', accountId)
        .$if(live, (q) => q.where('revoked_at', 'is', null))
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .execute(),

    /** One of the account's keys (revoked ones included), or undefined. */
    findOwn: (accountId: string, id: string) =>
      db.selectFrom('signing_key').selectAll().where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst(),

    /** A live key of the named account, or undefined. */
    liveOf: (username: string, id: string) =>
      db
        .selectFrom('signing_key')
        .innerJoin('account', 'account.id', 'signing_key.account_id')
        .selectAll('signing_key')
        .where('account.username', '=', username)
        .where('signing_key.id', '=', id)
        .where('signing_key.revoked_at', 'is', null)
        .executeTakeFirst(),

    /** Revokes one of the account's `cli` keys. @returns whether a live key was revoked. */
    async revoke(accountId: string, id: string, at: number): Promise<boolean> {
      const r = await db
        .updateTable('signing_key')
        .set({ revoked_at: at })
        .where('account_id', '=', accountId)
        .where('id', '=', id)
        .where('kind', '=', 'cli')
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },

    accountByUsername: (username: string) =>
      db.selectFrom('account').select(['id', 'username']).where('username', '=', username).executeTakeFirst(),
  };
}

export type SigningKeysRepository = ReturnType<typeof createSigningKeysRepository>;
