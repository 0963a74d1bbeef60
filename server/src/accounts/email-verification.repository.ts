import type { Db } from '../db/database.js';
import type { EmailVerificationTable } from '../db/schema.js';

/** All SQL of e-mail verification: the sent links (`email_verification`) and `account.email_verified_at`. */
export function createEmailVerificationRepository(db: Db) {
  return {
    insert: (row: EmailVerificationTable) => db.insertInto('email_verification').values(row).execute(),

    /** Links sent to the account since `since` (ms): what the send rate limit counts. */
    async countSince(accountId: string, since: number): Promise<number> {
      const r = await db
        .selectFrom('email_verification')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('account_id', '=', accountId)
        .where('created_at', '>=', since)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },

    find: (tokenHash: string) => db.selectFrom('email_verification').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst(),

    deleteOne: (tokenHash: string) => db.deleteFrom('email_verification').where('token_hash', '=', tokenHash).execute(),

    /** Drops every link of the account (all spent once its address is verified). */
    deleteForAccount: (accountId: string) => db.deleteFrom('email_verification').where('account_id', '=', accountId).execute(),

    /** Housekeeping on send: expired links are useless, and older than any rate-limit window. */
    deleteExpired: (now: number) => db.deleteFrom('email_verification').where('expires_at', '<', now).execute(),

    /**
     * Sets `email_verified_at` only while the account still holds `email` (a link sent to an older address
     * verifies nothing). @returns whether the account was updated.
     */
    async markVerified(accountId: string, email: string, now: number): Promise<boolean> {
      const r = await db
        .updateTable('account')
        .set({ email_verified_at: now })
        .where('id', '=', accountId)
        .where('email', '=', email)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
  };
}

export type EmailVerificationRepository = ReturnType<typeof createEmailVerificationRepository>;
