import type { Db } from '../db/database.js';
import type { AssetTable } from '../db/schema.js';
import { sql } from 'kysely';
import { chunked, selectInChunks } from '../db/chunks.js';

export type AssetRow = AssetTable;

/** The capture-ordered views of a library: the timeline, Favourites, the Archive. */
export type LibraryView = 'timeline' | 'favorites' | 'archive';

const DAY_MS = 86_400_000;

/** All SQL touching assets and the access rule "owner, or member of an album holding it". */
export function createAssetsRepository(db: Db) {
  return {
    async insert(row: AssetRow): Promise<void> {
      await db.insertInto('asset').values(row).execute();
    },
    findById: (id: string) => db.selectFrom('asset').selectAll().where('id', '=', id).executeTakeFirst(),
    findByOwnerAndSha: (ownerId: string, sha256: string) =>
      db.selectFrom('asset').selectAll().where('owner_id', '=', ownerId).where('sha256', '=', sha256).executeTakeFirst(),
    /** The owner's assets among `sha256s` (any number: the IN list goes in slices), as `{ id, sha256 }`. */
    findIdsByOwnerAndShas: (ownerId: string, sha256s: string[]) =>
      selectInChunks(sha256s, (part) =>
        db.selectFrom('asset').select(['id', 'sha256']).where('owner_id', '=', ownerId).where('sha256', 'in', part).execute(),
      ),
    /** Any number of ids: the IN list goes in slices (db/chunks.ts). */
    findByIds: (ids: string[]) => selectInChunks(ids, (part) => db.selectFrom('asset').selectAll().where('id', 'in', part).execute()),
    /** Assets without thumbnail or preview (re-queued at start in case the process died mid-job). */
    findMissingDerivatives: (limit: number) =>
      db
        .selectFrom('asset')
        .select('id')
        .where((eb) => eb.or([eb('thumbnail_sha256', 'is', null), eb('preview_sha256', 'is', null)]))
        .limit(limit)
        .execute(),

    /**
     * One page of one of an owner's capture-ordered views, newest capture first: `timeline` (not
     * archived), `favorites` (archived ones too, as in Google Photos) or `archive`; never the trash.
     * The cursor is the last row's (captured_at, id), so pages are stable while photos are added.
     */
    timeline(ownerId: string, limit: number, after?: { capturedAt: number; id: string }, view: LibraryView = 'timeline') {
      let q = db.selectFrom('asset').selectAll().where('owner_id', '=', ownerId).where('trashed_at', 'is', null);
      if (view === 'favorites') q = q.where('favorite', '=', 1);
      else q = q.where('archived', '=', view === 'archive' ? 1 : 0);
      if (after)
        q = q.where((eb) =>
          eb.or([eb('captured_at', '<', after.capturedAt), eb.and([eb('captured_at', '=', after.capturedAt), eb('id', '<', after.id)])]),
        );
      return q.orderBy('captured_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
    },

    /**
     * How many photos of the owner's timeline (not archived, not trashed) fall on each day, days
     * counted from the epoch after shifting capture times by `shiftMs`. Portable integer arithmetic
     * (a floor that also holds for times before 1970), so SQLite and PostgreSQL group alike.
     */
    async dayCounts(ownerId: string, shiftMs: number): Promise<{ day: number; n: number }[]> {
      // Literals, not parameters: PostgreSQL must see the same expression in SELECT and GROUP BY.
      const t = sql`(captured_at + ${sql.lit(Math.trunc(shiftMs))})`;
      const d = sql.lit(DAY_MS);
      const rows = await db
        .selectFrom('asset')
        .select([sql<number>`(${t} - ((${t} % ${d}) + ${d}) % ${d}) / ${d}`.as('day'), sql<number>`count(*)`.as('n')])
        .where('owner_id', '=', ownerId)
        .where('trashed_at', 'is', null)
        .where('archived', '=', 0)
        .groupBy(sql`1`)
        .execute();
      return rows.map((r) => ({ day: Number(r.day), n: Number(r.n) }));
    },

    /** Sets favourite and/or archived on the owner's assets among `ids` (others' ids are left alone). */
    async setFlags(ownerId: string, ids: string[], flags: { favorite?: boolean; archived?: boolean }): Promise<void> {
      const set: { favorite?: number; archived?: number } = {};
      if (flags.favorite !== undefined) set.favorite = flags.favorite ? 1 : 0;
      if (flags.archived !== undefined) set.archived = flags.archived ? 1 : 0;
      if (!Object.keys(set).length) return;
      for (const part of chunked(ids))
        await db.updateTable('asset').set(set).where('owner_id', '=', ownerId).where('id', 'in', part).execute();
    },

    /** Records names another service gave the people in a photo; names already there are kept as they are. */
    async addNameSuggestions(assetId: string, names: string[], source: string, now: number): Promise<void> {
      if (!names.length) return;
      await db
        .insertInto('asset_name_suggestion')
        .values(names.map((name) => ({ asset_id: assetId, name, source, created_at: now })))
        .onConflict((oc) => oc.columns(['asset_id', 'name']).doNothing())
        .execute();
    },
    /** Fills capture time, place or caption an asset lacked (fields given only). */
    async fillMetadata(
      id: string,
      fill: { captured_at?: number; captured_at_source?: 'client'; latitude?: number; longitude?: number; description?: string },
    ): Promise<void> {
      if (!Object.keys(fill).length) return;
      await db.updateTable('asset').set(fill).where('id', '=', id).execute();
    },

    async setDerivatives(id: string, thumbnailSha: string, previewSha: string): Promise<void> {
      await db.updateTable('asset').set({ thumbnail_sha256: thumbnailSha, preview_sha256: previewSha }).where('id', '=', id).execute();
    },
    async delete(id: string): Promise<void> {
      await db.deleteFrom('asset').where('id', '=', id).execute();
    },
    /** Takes one asset out of the trash (a re-upload of a trashed photo restores it, as Immich's uploader does). */
    async untrash(id: string): Promise<void> {
      await db.updateTable('asset').set({ trashed_at: null }).where('id', '=', id).execute();
    },
    /**
     * Whether any asset (of any account, in the trash or not), contact, reference face, face crop or
     * exchange round still points at a blob (before deleting it).
     */
    async blobInUse(sha256: string): Promise<boolean> {
      const a = await db
        .selectFrom('asset')
        .select('id')
        .where((eb) => eb.or([eb('sha256', '=', sha256), eb('thumbnail_sha256', '=', sha256), eb('preview_sha256', '=', sha256)]))
        .executeTakeFirst();
      if (a) return true;
      const f = await db.selectFrom('reference_face').select('id').where('sha256', '=', sha256).executeTakeFirst();
      if (f) return true;
      const c = await db.selectFrom('contact').select('id').where('photo_sha256', '=', sha256).executeTakeFirst();
      if (c) return true;
      if (await db.selectFrom('face').select('id').where('thumbnail_sha256', '=', sha256).executeTakeFirst()) return true;
      const round = await db
        .selectFrom('exchange_round')
        .select('exchange_id')
        .where((eb) => eb.or([eb('requester_sha', '=', sha256), eb('responder_sha', '=', sha256), eb('result_sha', '=', sha256)]))
        .executeTakeFirst();
      return !!round;
    },
    /** Digests of the face crops of an asset (collected before the faces go with it). */
    async faceThumbnailsOf(assetId: string): Promise<string[]> {
      const rows = await db.selectFrom('face').select('thumbnail_sha256').where('asset_id', '=', assetId).execute();
      return [...new Set(rows.flatMap((r) => (r.thumbnail_sha256 ? [r.thumbnail_sha256] : [])))];
    },
    /** The owners credited on assets (id, username, display name), for mapping them; any number of ids. */
    ownersOf: (ownerIds: string[]) =>
      selectInChunks([...new Set(ownerIds)], (part) =>
        db.selectFrom('account').select(['id', 'username', 'display_name']).where('id', 'in', part).execute(),
      ),
    /** Owners with photos event detection has not placed yet (re-queued at start). */
    async ownersAwaitingEventDetection(): Promise<string[]> {
      const rows = await db.selectFrom('asset').select('owner_id').distinct().where('events_detected', '=', 0).execute();
      return rows.map((r) => r.owner_id);
    },
    /** Event markers of each asset, keyed by asset id. */
    async markersOf(assetIds: string[]): Promise<Map<string, string[]>> {
      const out = new Map<string, string[]>();
      if (!assetIds.length) return out;
      const rows = await db
        .selectFrom('asset_event')
        .innerJoin('event', 'event.id', 'asset_event.event_id')
        .select(['asset_event.asset_id', 'event.marker'])
        .where('asset_event.asset_id', 'in', assetIds)
        .execute();
      for (const r of rows) out.set(r.asset_id, [...(out.get(r.asset_id) ?? []), r.marker]);
      return out;
    },
  };
}

export type AssetsRepository = ReturnType<typeof createAssetsRepository>;
