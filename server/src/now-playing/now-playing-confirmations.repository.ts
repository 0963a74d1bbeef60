import type { Db } from '../db/database.js';
import { bumpGraphVersion } from './now-playing-graph.repository.js';

/**
 * Confirmed links: "this Kith account is my contact with number N", made by the owner of a book that
 * holds N for an account that claims N. All SQL of them; writes bump the graph version.
 */
export function createNowPlayingConfirmationsRepository(db: Db) {
  return {
    /**
     * Accounts (other than the owner) whose claimed or verified own number is in the owner's book,
     * with their account's E.164 number (to show a hint of it), whether it is verified, and whether
     * the owner confirmed them for that very number.
     */
    async claimantsInBook(ownerId: string) {
      const rows = await db
        .selectFrom('np_book_entry as e')
        .innerJoin('np_profile as p', 'p.phone_hash', 'e.phone_hash')
        .innerJoin('account as a', 'a.id', 'p.account_id')
        .leftJoin('np_confirmed_link as c', (j) =>
          j.on('c.owner_id', '=', ownerId).onRef('c.account_id', '=', 'p.account_id').onRef('c.phone_hash', '=', 'p.phone_hash'),
        )
        .select(['a.id', 'a.username', 'a.display_name', 'a.phone', 'p.phone_verified_at', 'c.created_at as confirmed_at'])
        .where('e.owner_id', '=', ownerId)
        .where('p.account_id', '!=', ownerId)
        // A claim of a number another account verified is nobody's to confirm: it is not listed.
        .where(({ or, eb, not, exists, selectFrom }) =>
          or([
            eb('p.phone_verified_at', 'is not', null),
            not(
              exists(
                selectFrom('np_profile as v')
                  .select('v.account_id')
                  .whereRef('v.phone_hash', '=', 'p.phone_hash')
                  .where('v.phone_verified_at', 'is not', null),
              ),
            ),
          ]),
        )
        .orderBy('a.username')
        .limit(500)
        .execute();
      return rows;
    },

    /** Whether `ownerId`'s book holds `phoneHash`. */
    async bookHolds(ownerId: string, phoneHash: string): Promise<boolean> {
      const r = await db
        .selectFrom('np_book_entry')
        .select('owner_id')
        .where('owner_id', '=', ownerId)
        .where('phone_hash', '=', phoneHash)
        .executeTakeFirst();
      return r != null;
    },

    /** Whether an account other than `exceptId` holds `phoneHash` verified. */
    async verifiedByOther(phoneHash: string, exceptId: string): Promise<boolean> {
      const r = await db
        .selectFrom('np_profile')
        .select('account_id')
        .where('phone_hash', '=', phoneHash)
        .where('phone_verified_at', 'is not', null)
        .where('account_id', '!=', exceptId)
        .executeTakeFirst();
      return r != null;
    },

    async confirm(ownerId: string, accountId: string, phoneHash: string, now: number): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('np_confirmed_link').where('owner_id', '=', ownerId).where('account_id', '=', accountId).execute();
        await trx
          .insertInto('np_confirmed_link')
          .values({ owner_id: ownerId, account_id: accountId, phone_hash: phoneHash, created_at: now })
          .execute();
        await bumpGraphVersion(trx);
      });
    },

    /** @returns whether a confirmation was removed. */
    async unconfirm(ownerId: string, accountId: string): Promise<boolean> {
      return db.transaction().execute(async (trx) => {
        const r = await trx
          .deleteFrom('np_confirmed_link')
          .where('owner_id', '=', ownerId)
          .where('account_id', '=', accountId)
          .executeTakeFirst();
        await bumpGraphVersion(trx);
        return Number(r.numDeletedRows) > 0;
      });
    },
  };
}

export type NowPlayingConfirmationsRepository = ReturnType<typeof createNowPlayingConfirmationsRepository>;
