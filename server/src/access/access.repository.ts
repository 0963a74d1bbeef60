import type { Db } from '../db/database.js';
import type { AlbumMemberTable } from '../db/schema.js';
import { selectInChunks } from '../db/chunks.js';

/** A member's role in an album. */
export type AlbumRole = AlbumMemberTable['role'];

/**
 * The SQL of the access rules, one query per resource kind (access.service.ts says what each level
 * means). Every method answers for one account and one resource id; none throws for "no access".
 */
export function createAccessRepository(db: Db) {
  return {
    /**
     * True when the account owns the asset (in the library or in its trash) or is a member of an
     * album that holds it while it is not in the trash.
     */
    async canViewAsset(accountId: string, assetId: string): Promise<boolean> {
      const row = await db
        .selectFrom('asset')
        .select('id')
        .where('id', '=', assetId)
        .where((eb) =>
          eb.or([
            eb('owner_id', '=', accountId),
            eb.and([
              eb('trashed_at', 'is', null),
              eb.exists(
                eb
                  .selectFrom('album_asset')
                  .innerJoin('album_member', 'album_member.album_id', 'album_asset.album_id')
                  .select('album_asset.asset_id')
                  .whereRef('album_asset.asset_id', '=', 'asset.id')
                  .where('album_member.account_id', '=', accountId),
              ),
            ]),
          ]),
        )
        .executeTakeFirst();
      return !!row;
    },
    /** True when the account owns the asset, in the library or in its trash. */
    async ownsAsset(accountId: string, assetId: string): Promise<boolean> {
      return !!(await db.selectFrom('asset').select('id').where('id', '=', assetId).where('owner_id', '=', accountId).executeTakeFirst());
    },
    /**
     * The account's assets among `ids` (in the library or in its trash; with `libraryOnly`, in the library
     * only) with their trash state; ids of others' assets, and ids of none, are left out.
     */
    ownedAssetsAmong: (accountId: string, ids: string[], libraryOnly = false) =>
      selectInChunks(ids, (part) => {
        let q = db.selectFrom('asset').select(['id', 'trashed_at']).where('owner_id', '=', accountId).where('id', 'in', part);
        if (libraryOnly) q = q.where('trashed_at', 'is', null);
        return q.execute();
      }),
    /** The account's role in the album; undefined when it is not a member (or there is no such album). */
    async albumRole(accountId: string, albumId: string): Promise<AlbumRole | undefined> {
      const row = await db
        .selectFrom('album_member')
        .select('role')
        .where('album_id', '=', albumId)
        .where('account_id', '=', accountId)
        .executeTakeFirst();
      return row?.role;
    },
    /** The id of the account's event with this marker; undefined when it has none. */
    async eventIdOf(accountId: string, marker: string): Promise<string | undefined> {
      return (await db.selectFrom('event').select('id').where('owner_id', '=', accountId).where('marker', '=', marker).executeTakeFirst())
        ?.id;
    },
  };
}

export type AccessRepository = ReturnType<typeof createAccessRepository>;
