import type { Db } from '../db/database.js';
import type { NowPlayingCurrentTable, NowPlayingListenTable, NowPlayingProfileTable } from '../db/schema.js';
import { chunked } from '../db/chunks.js';
import { precompile } from '../db/precompiled-query.js';

/** Which door a play came through (web, ListenBrainz, Last.fm, Audioscrobbler...). */
export type { NowPlayingVia } from '../db/schema.js';
export type NowPlayingCurrentRow = NowPlayingCurrentTable;

// Column names of the joined tables; none of them clash except account_id, which is re-set below.
const PROFILE_KEYS = [
  'name',
  'phone_hash',
  'phone_verified_at',
  'sharing',
  'require_mutual',
  'private_until',
  'book_size',
  'associated_at',
  'updated_at',
] as const;
const CURRENT_KEYS = [
  'title',
  'artist',
  'album',
  'media_type',
  'duration_ms',
  'position_ms',
  'position_at',
  'source_url',
  'cover_url',
  'player',
  'via',
  'auto_scrobble',
  'private',
  'started_at',
  'expires_at',
  'version',
] as const;
export type NowPlayingListenRow = NowPlayingListenTable;
const CURRENT_COLUMNS = ['account_id', ...CURRENT_KEYS] as const;

/** All SQL of the current plays (`np_current`, one row per account) and the listens history (`np_listen`). */
export function createNowPlayingRepository(db: Db) {
  // The submission's two statements, compiled once (see precompiled-query.ts): they run on every play.
  const submitContextQuery = precompile(db, 1, (accountId: string) =>
    db
      .selectFrom('account as a')
      .leftJoin('np_profile as p', 'p.account_id', 'a.id')
      .leftJoin('np_current as c', 'c.account_id', 'a.id')
      .select(['a.id', 'a.username', 'a.display_name', 'p.account_id as profile_id', 'c.account_id as current_id'])
      .select((eb) => eb.selectFrom('np_graph_version').select('version').where('id', '=', 1).as('graph_version'))
      .selectAll('p')
      .selectAll('c')
      .where('a.id', '=', accountId),
  );
  // An upsert of the one row: the new values once, the update taking them from `excluded`.
  const putCurrentQuery = precompile(db, CURRENT_COLUMNS.length, (...values: unknown[]) =>
    db
      .insertInto('np_current')
      .values(Object.fromEntries(CURRENT_COLUMNS.map((k, i) => [k, values[i]])) as unknown as NowPlayingCurrentRow)
      .onConflict((oc) =>
        oc.column('account_id').doUpdateSet((eb) => Object.fromEntries(CURRENT_KEYS.map((k) => [k, eb.ref(`excluded.${k}`)])) as any),
      ),
  );
  return {
    findCurrent: (accountId: string) => db.selectFrom('np_current').selectAll().where('account_id', '=', accountId).executeTakeFirst(),

    /** Current plays of `ids` that have not expired at `now`. */
    async currentOf(ids: string[], now = Date.now()): Promise<NowPlayingCurrentRow[]> {
      const out: NowPlayingCurrentRow[] = [];
      for (const part of chunked(ids))
        out.push(
          ...(await db.selectFrom('np_current').selectAll().where('account_id', 'in', part).where('expires_at', '>', now).execute()),
        );
      return out;
    },

    /**
     * Everything a submission needs in one statement (the fan-out's hot path): the account as others
     * see it, its now-playing profile (null when it never set one), its current play (null when none)
     * and the association graph's version (keys the cached audience).
     */
    async submitContext(accountId: string) {
      const row = (await submitContextQuery(accountId)).rows[0];
      if (!row) return undefined;
      const r = row as Record<string, any>;
      const pick = (keys: readonly string[]) => ({ account_id: accountId, ...Object.fromEntries(keys.map((k) => [k, r[k]])) });
      return {
        account: { id: r.id as string, username: r.username as string, display_name: r.display_name as string },
        profile: r.profile_id ? (pick(PROFILE_KEYS) as unknown as NowPlayingProfileTable) : null,
        current: r.current_id ? (pick(CURRENT_KEYS) as unknown as NowPlayingCurrentRow) : null,
        graphVersion: Number(r.graph_version),
      };
    },

    /** Every unexpired play, to re-arm expiry timers at boot. */
    allCurrent: () => db.selectFrom('np_current').selectAll().execute(),

    /** Inserts or replaces the account's current play: one statement, no read first. */
    async putCurrent(row: NowPlayingCurrentRow): Promise<void> {
      await putCurrentQuery(...CURRENT_COLUMNS.map((k) => row[k]));
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
    async insertListen(row: NowPlayingListenRow): Promise<boolean> {
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
