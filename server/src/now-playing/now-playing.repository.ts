import type { Db } from '../db/database.js';
import type { NpCurrentTable, NpListenTable } from '../db/schema.js';
import { chunked } from '../db/chunks.js';

export type NpCurrentRow = NpCurrentTable;
export type NpListenRow = NpListenTable;

/** All SQL of the current plays (`np_current`, one row per account) and the listens history (`np_listen`). */
export function createNowPlayingRepository(db: Db) {
  return {
    findCurrent: (accountId: string) => db.selectFrom('np_current').selectAll().where('account_id', '=', accountId).executeTakeFirst(),

    /** Current plays of `ids` that have not expired at `now`. */
    async currentOf(ids: string[], now = Date.now()): Promise<NpCurrentRow[]> {
      const out: NpCurrentRow[] = [];
      for (const part of chunked(ids))
        out.push(
          ...(await db.selectFrom('np_current').selectAll().where('account_id', 'in', part).where('expires_at', '>', now).execute()),
        );
      return out;
    },

    /** Every unexpired play, to re-arm expiry timers at boot. */
    allCurrent: () => db.selectFrom('np_current').selectAll().execute(),

    async putCurrent(row: NpCurrentRow): Promise<void> {
      await db
        .insertInto('np_current')
        .values(row)
        .onConflict((oc) => oc.column('account_id').doUpdateSet({ ...row }))
        .execute();
    },

    /**
     * Deletes the play only if it is still version `version` (another submission, maybe on another
     * instance, may have replaced it). @returns whether this call removed it: exactly one caller wins.
     */
    async deleteCurrentIf(accountId: string, version: string): Promise<boolean> {
      const r = await db.deleteFrom('np_current').where('account_id', '=', accountId).where('version', '=', version).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },

    async deleteExpired(now: number): Promise<void> {
      await db.deleteFrom('np_current').where('expires_at', '<=', now).execute();
    },

    /** Adds a listen unless the same track is already recorded for that start second (clients retry). */
    async insertListen(row: NpListenRow): Promise<boolean> {
      const second = Math.floor(row.listened_at / 1000) * 1000;
      const dup = await db
        .selectFrom('np_listen')
        .select('id')
        .where('account_id', '=', row.account_id)
        .where('title', '=', row.title)
        .where('listened_at', '>=', second)
        .where('listened_at', '<', second + 1000)
        .executeTakeFirst();
      if (dup) return false;
      await db.insertInto('np_listen').values(row).execute();
      return true;
    },

    /** Newest first. `includePrivate` only for the owner themself. */
    listens: (accountIds: string[], opts: { limit: number; before?: number; includePrivate: boolean }) => {
      let q = db
        .selectFrom('np_listen')
        .selectAll()
        .where('account_id', 'in', accountIds.length ? accountIds : ['']);
      if (!opts.includePrivate) q = q.where('private', '=', 0);
      if (opts.before) q = q.where('listened_at', '<', opts.before);
      return q.orderBy('listened_at', 'desc').limit(opts.limit).execute();
    },
  };
}

export type NowPlayingRepository = ReturnType<typeof createNowPlayingRepository>;
