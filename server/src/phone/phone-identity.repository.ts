import type { Db } from '../db/database.js';
import type { PhoneCodeTable } from '../db/schema.js';
import { bumpGraphVersion } from '../db/now-playing-graph-version.js';

export type PhoneCodeRow = PhoneCodeTable;

/** A unique index refused a write: PostgreSQL SQLSTATE 23505, SQLite SQLITE_CONSTRAINT_UNIQUE. */
export const isUniqueViolation = (e: unknown) => {
  const code = (e as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
};

/**
 * All SQL of an account's phone identity: `account.phone` and the now-playing profile's own number
 * kept as ONE claim (same number, same verification), its pending SMS code, the send log of the
 * send limits, and the notice an evicted claimant sees. Every write that changes what a number
 * links bumps the now-playing graph version, so cached audiences are recomputed.
 */
export function createPhoneIdentityRepository(db: Db) {
  return {
    /**
     * Sets the account's claimed number (E.164 and its keyed hash, or both null). A different number
     * is a new claim: its verification, pending code and the confirmations others gave are void.
     * @returns whether the number changed.
     */
    async claim(accountId: string, phone: string | null, phoneHash: string | null): Promise<boolean> {
      return db.transaction().execute(async (trx) => {
        const current = await trx.selectFrom('account').select('phone').where('id', '=', accountId).executeTakeFirst();
        const profile = await trx.selectFrom('np_profile').select('phone_hash').where('account_id', '=', accountId).executeTakeFirst();
        const changed = (current?.phone ?? null) !== phone || (profile != null && profile.phone_hash !== phoneHash);
        if (!changed) return false;
        await trx.updateTable('account').set({ phone, phone_verified_at: null }).where('id', '=', accountId).execute();
        await trx
          .updateTable('np_profile')
          .set({ phone_hash: phoneHash, phone_verified_at: null })
          .where('account_id', '=', accountId)
          .execute();
        await trx.deleteFrom('phone_code').where('account_id', '=', accountId).execute();
        await trx.deleteFrom('np_confirmed_link').where('account_id', '=', accountId).execute();
        await bumpGraphVersion(trx);
        return true;
      });
    },

    /**
     * Marks `phone` verified for `accountId`, if it is still the account's number, and evicts every
     * other account's claim of it (a verification proves possession now, as a Signal re-registration
     * does): their number becomes null, a notice tells them, confirmations of them for it are void.
     * @returns the evicted account ids, or null when the account's number is no longer `phone`.
     */
    async markVerified(accountId: string, phone: string, phoneHash: string, now: number): Promise<string[] | null> {
      return db.transaction().execute(async (trx) => {
        const mine = await trx
          .updateTable('account')
          .set({ phone_verified_at: now })
          .where('id', '=', accountId)
          .where('phone', '=', phone)
          .executeTakeFirst();
        if (Number(mine.numUpdatedRows) === 0) return null;
        const byAccount = await trx.selectFrom('account').select('id').where('phone', '=', phone).where('id', '!=', accountId).execute();
        const byProfile = await trx
          .selectFrom('np_profile')
          .select('account_id as id')
          .where('phone_hash', '=', phoneHash)
          .where('account_id', '!=', accountId)
          .execute();
        const evicted = [...new Set([...byAccount, ...byProfile].map((r) => r.id))];
        if (evicted.length) {
          await trx.updateTable('account').set({ phone: null, phone_verified_at: null }).where('id', 'in', evicted).execute();
          await trx
            .updateTable('np_profile')
            .set({ phone_hash: null, phone_verified_at: null })
            .where('account_id', 'in', evicted)
            .execute();
          await trx.deleteFrom('np_confirmed_link').where('account_id', 'in', evicted).execute();
          await trx.deleteFrom('phone_code').where('account_id', 'in', evicted).execute();
          await trx.deleteFrom('phone_notice').where('account_id', 'in', evicted).execute();
          await trx
            .insertInto('phone_notice')
            .values(evicted.map((id) => ({ account_id: id, phone, created_at: now })))
            .execute();
        }
        // The profile follows the account: same number, same verification.
        await trx
          .updateTable('np_profile')
          .set({ phone_hash: phoneHash, phone_verified_at: now })
          .where('account_id', '=', accountId)
          .execute();
        await trx.deleteFrom('phone_code').where('account_id', '=', accountId).execute();
        await bumpGraphVersion(trx);
        return evicted;
      });
    },

    /** Accounts other than `exceptId` that claim `phone` (as `account.phone` or as the profile's hash). */
    async claimantsOf(phone: string, phoneHash: string, exceptId: string): Promise<string[]> {
      const byAccount = await db.selectFrom('account').select('id').where('phone', '=', phone).where('id', '!=', exceptId).execute();
      const byProfile = await db
        .selectFrom('np_profile')
        .select('account_id as id')
        .where('phone_hash', '=', phoneHash)
        .where('account_id', '!=', exceptId)
        .execute();
      return [...new Set([...byAccount, ...byProfile].map((r) => r.id))];
    },

    findCode: (accountId: string) => db.selectFrom('phone_code').selectAll().where('account_id', '=', accountId).executeTakeFirst(),

    /** Replaces the account's pending code (a new code voids the old one). */
    async saveCode(row: PhoneCodeRow): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('phone_code').where('account_id', '=', row.account_id).execute();
        await trx.insertInto('phone_code').values(row).execute();
      });
    },

    /** Spends one attempt of the pending code; @returns the attempts left, or -1 when there is no code. */
    async spendAttempt(accountId: string): Promise<number> {
      await db
        .updateTable('phone_code')
        .set((eb) => ({ attempts_left: eb('attempts_left', '-', 1) }))
        .where('account_id', '=', accountId)
        .where('attempts_left', '>', 0)
        .execute();
      const row = await this.findCode(accountId);
      return row ? row.attempts_left : -1;
    },

    async deleteCode(accountId: string): Promise<void> {
      await db.deleteFrom('phone_code').where('account_id', '=', accountId).execute();
    },

    /** Codes sent under `key` after `since` (ms), and the oldest of them. */
    async countSends(key: string, since: number): Promise<{ count: number; oldest: number | null }> {
      const r = await db
        .selectFrom('phone_code_send')
        .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min('sent_at').as('oldest')])
        .where('key', '=', key)
        .where('sent_at', '>', since)
        .executeTakeFirstOrThrow();
      return { count: Number(r.n), oldest: r.oldest == null ? null : Number(r.oldest) };
    },

    /** Logs one send under each key, and forgets sends older than `forgetBefore`. */
    async recordSend(keys: string[], now: number, forgetBefore: number): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('phone_code_send').where('sent_at', '<', forgetBefore).execute();
        await trx
          .insertInto('phone_code_send')
          .values(keys.map((key) => ({ key, sent_at: now })))
          .execute();
      });
    },

    findNotice: (accountId: string) => db.selectFrom('phone_notice').selectAll().where('account_id', '=', accountId).executeTakeFirst(),

    async deleteNotice(accountId: string): Promise<void> {
      await db.deleteFrom('phone_notice').where('account_id', '=', accountId).execute();
    },
  };
}

export type PhoneIdentityRepository = ReturnType<typeof createPhoneIdentityRepository>;
