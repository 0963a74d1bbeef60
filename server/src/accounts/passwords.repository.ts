import type { Db } from '../db/database.js';

/** SQL of password changes and session ends (accounts/passwords.service.ts). */
export function createPasswordsRepository(db: Db) {
  return {
    async setPasswordHash(accountId: string, passwordHash: string): Promise<void> {
      await db.updateTable('account').set({ password_hash: passwordHash }).where('id', '=', accountId).execute();
    },
    /** Deletes the account's sessions except the one whose id hashes to `keepIdHash` (all when null). @returns how many ended. */
    async deleteSessionsExcept(accountId: string, keepIdHash: string | null): Promise<number> {
      let q = db.deleteFrom('session').where('account_id', '=', accountId);
      if (keepIdHash) q = q.where('id_hash', '!=', keepIdHash);
      return Number((await q.executeTakeFirst()).numDeletedRows);
    },
    /** How many unexpired sessions the account has (`now` in ms since the epoch). */
    countSessions: async (accountId: string, now: number): Promise<number> => {
      const r = await db
        .selectFrom('session')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('account_id', '=', accountId)
        .where('expires_at', '>', now)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },

    /** Sets the password hash and ends every session but `keepIdHash` (all when null), both or neither. @returns sessions ended. */
    async setPasswordEndingSessions(accountId: string, passwordHash: string, keepIdHash: string | null): Promise<number> {
      return db.transaction().execute(async (trx) => {
        const tx = createPasswordsRepository(trx);
        await tx.setPasswordHash(accountId, passwordHash);
        return tx.deleteSessionsExcept(accountId, keepIdHash);
      });
    },
  };
}

export type PasswordsRepository = ReturnType<typeof createPasswordsRepository>;
