import type { Db } from '../db/database.js';
import { chunked } from '../db/chunks.js';
import type { AssetRow } from './assets.repository.js';

/** An album that holds some of the photos about to be deleted and that other people see. */
export interface SharedAlbumRow {
  id: string;
  name: string;
  /** Members other than the photos' owner (the people who would no longer see them). */
  others: number;
  /** How many of the given photos the album holds. */
  assets: number;
}

/** All SQL of the trash: `asset.trashed_at` (migration 0021), listing, expiry and the shared-album check. */
export function createTrashRepository(db: Db) {
  return {
    /** Sets `trashed_at` on the owner's assets among `ids` that are in the library. */
    async moveToTrash(ownerId: string, ids: string[], now: number): Promise<void> {
      for (const part of chunked(ids))
        await db
          .updateTable('asset')
          .set({ trashed_at: now })
          .where('owner_id', '=', ownerId)
          .where('id', 'in', part)
          .where('trashed_at', 'is', null)
          .execute();
    },

    /** Clears `trashed_at` on the owner's assets among `ids`. */
    async restore(ownerId: string, ids: string[]): Promise<void> {
      for (const part of chunked(ids))
        await db
          .updateTable('asset')
          .set({ trashed_at: null })
          .where('owner_id', '=', ownerId)
          .where('id', 'in', part)
          .where('trashed_at', 'is not', null)
          .execute();
    },

    /**
     * One page of the owner's trash, most recently deleted first; the cursor is the last row's
     * (trashed_at, id).
     */
    page(ownerId: string, limit: number, after?: { trashedAt: number; id: string }): Promise<AssetRow[]> {
      let q = db.selectFrom('asset').selectAll().where('owner_id', '=', ownerId).where('trashed_at', 'is not', null);
      if (after)
        q = q.where((eb) =>
          eb.or([eb('trashed_at', '<', after.trashedAt), eb.and([eb('trashed_at', '=', after.trashedAt), eb('id', '<', after.id)])]),
        );
      return q.orderBy('trashed_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
    },

    /** How many photos the owner has in the trash. */
    async count(ownerId: string): Promise<number> {
      const r = await db
        .selectFrom('asset')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('owner_id', '=', ownerId)
        .where('trashed_at', 'is not', null)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },

    /** Ids of every photo in the owner's trash. */
    trashedIds: async (ownerId: string) =>
      (await db.selectFrom('asset').select('id').where('owner_id', '=', ownerId).where('trashed_at', 'is not', null).execute()).map(
        (r) => r.id,
      ),

    /** Photos of any owner trashed before `before` (ms), oldest first, at most `limit`. */
    expired: (before: number, limit: number) =>
      db
        .selectFrom('asset')
        .select(['id', 'owner_id'])
        .where('trashed_at', 'is not', null)
        .where('trashed_at', '<', before)
        .orderBy('trashed_at')
        .limit(limit)
        .execute(),

    /**
     * Albums holding any of the owner's `ids` that someone besides the owner belongs to, with how
     * many other members and how many of those photos each holds (inbox albums are the owner's own).
     */
    async sharedAlbumsOf(ownerId: string, ids: string[]): Promise<SharedAlbumRow[]> {
      const byAlbum = new Map<string, SharedAlbumRow>();
      for (const part of chunked(ids)) {
        const rows = await db
          .selectFrom('album_asset')
          .innerJoin('album', 'album.id', 'album_asset.album_id')
          .innerJoin('asset', 'asset.id', 'album_asset.asset_id')
          .select(['album.id', 'album.name'])
          .select((eb) => [
            eb.fn.count<number>('album_asset.asset_id').as('assets'),
            eb
              .selectFrom('album_member')
              .whereRef('album_member.album_id', '=', 'album.id')
              .where('album_member.account_id', '!=', ownerId)
              .select(eb.fn.countAll<number>().as('n'))
              .as('others'),
          ])
          .where('asset.owner_id', '=', ownerId)
          .where('album_asset.asset_id', 'in', part)
          .groupBy(['album.id', 'album.name'])
          .execute();
        for (const r of rows) {
          const prev = byAlbum.get(r.id);
          const others = Number(r.others ?? 0);
          if (others > 0) byAlbum.set(r.id, { id: r.id, name: r.name, others, assets: (prev?.assets ?? 0) + Number(r.assets) });
        }
      }
      return [...byAlbum.values()].sort((a, b) => a.name.localeCompare(b.name));
    },

    /** Distinct accounts besides the owner that are members of an album holding any of the owner's `ids`. */
    async peopleWhoSee(ownerId: string, ids: string[]): Promise<number> {
      const people = new Set<string>();
      for (const part of chunked(ids)) {
        const rows = await db
          .selectFrom('album_asset')
          .innerJoin('album_member', 'album_member.album_id', 'album_asset.album_id')
          .innerJoin('asset', 'asset.id', 'album_asset.asset_id')
          .select('album_member.account_id')
          .distinct()
          .where('asset.owner_id', '=', ownerId)
          .where('album_asset.asset_id', 'in', part)
          .where('album_member.account_id', '!=', ownerId)
          .execute();
        for (const r of rows) people.add(r.account_id);
      }
      return people.size;
    },
  };
}

export type TrashRepository = ReturnType<typeof createTrashRepository>;
