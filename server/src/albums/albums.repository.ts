import type { Db } from '../db/database.js';
import { chunked, selectInChunks } from '../db/chunks.js';
import type { AlbumTable } from '../db/schema.js';

export type AlbumRow = AlbumTable;
export type AlbumRole = 'owner' | 'viewer' | 'contributor';
export type AlbumSummaryRow = AlbumRow & {
  role: AlbumRole;
  asset_count: number;
  cover_asset_id: string | null;
  /** Capture-time span of the photos in the album (ms), null when empty. */
  first_captured_at: number | null;
  last_captured_at: number | null;
};

const chunks = chunked;

/** All SQL touching albums, their assets (with contributor credit) and their members. */
export function createAlbumsRepository(db: Db) {
  /** Albums with the caller's role, asset count and cover (earliest capture) in one query. */
  const summaries = (accountId: string) =>
    db
      .selectFrom('album')
      .innerJoin('album_member', 'album_member.album_id', 'album.id')
      .where('album_member.account_id', '=', accountId)
      .selectAll('album')
      .select((eb) => [
        'album_member.role',
        eb
          .selectFrom('album_asset')
          .innerJoin('asset', 'asset.id', 'album_asset.asset_id')
          .whereRef('album_asset.album_id', '=', 'album.id')
          .where('asset.trashed_at', 'is', null)
          .select(eb.fn.countAll<number>().as('n'))
          .as('asset_count'),
        eb
          .selectFrom('album_asset')
          .innerJoin('asset', 'asset.id', 'album_asset.asset_id')
          .whereRef('album_asset.album_id', '=', 'album.id')
          .where('asset.trashed_at', 'is', null)
          .select('asset.id')
          .orderBy('asset.captured_at')
          .limit(1)
          .as('cover_asset_id'),
        eb
          .selectFrom('album_asset')
          .innerJoin('asset', 'asset.id', 'album_asset.asset_id')
          .whereRef('album_asset.album_id', '=', 'album.id')
          .where('asset.trashed_at', 'is', null)
          .select((e) => e.fn.min<number>('asset.captured_at').as('t'))
          .as('first_captured_at'),
        eb
          .selectFrom('album_asset')
          .innerJoin('asset', 'asset.id', 'album_asset.asset_id')
          .whereRef('album_asset.album_id', '=', 'album.id')
          .where('asset.trashed_at', 'is', null)
          .select((e) => e.fn.max<number>('asset.captured_at').as('t'))
          .as('last_captured_at'),
      ]);

  const num = (v: unknown) => (v == null ? null : Number(v));
  const normalise = (r: any): AlbumSummaryRow => ({
    ...r,
    asset_count: Number(r.asset_count ?? 0),
    first_captured_at: num(r.first_captured_at),
    last_captured_at: num(r.last_captured_at),
  });

  return {
    async insert(row: AlbumRow): Promise<void> {
      await db.insertInto('album').values(row).execute();
      await db
        .insertInto('album_member')
        .values({ album_id: row.id, account_id: row.owner_id, role: 'owner', added_at: row.created_at })
        .execute();
    },
    findById: (id: string) => db.selectFrom('album').selectAll().where('id', '=', id).executeTakeFirst(),
    findEventAlbum: (ownerId: string, marker: string) =>
      db
        .selectFrom('album')
        .selectAll()
        .where('owner_id', '=', ownerId)
        .where('kind', '=', 'event')
        .where('event_marker', '=', marker)
        .executeTakeFirst(),
    /** Event albums owned by any of the given accounts (for routing new photos into them). */
    eventAlbumsOwnedBy: (ownerIds: string[]) =>
      ownerIds.length
        ? db.selectFrom('album').selectAll().where('kind', '=', 'event').where('owner_id', 'in', ownerIds).execute()
        : Promise.resolve([] as AlbumRow[]),
    /** One album as the given account sees it, or undefined when not a member. */
    summary: async (accountId: string, albumId: string) => {
      const r = await summaries(accountId).where('album.id', '=', albumId).executeTakeFirst();
      return r ? normalise(r) : undefined;
    },
    listByRole: async (accountId: string, roles: AlbumRole[]) =>
      (await summaries(accountId).where('album_member.role', 'in', roles).orderBy('album.updated_at', 'desc').execute()).map(normalise),
    async update(
      id: string,
      patch: Partial<Pick<AlbumRow, 'name' | 'updated_at' | 'event_start' | 'event_end' | 'event_latitude' | 'event_longitude'>>,
    ) {
      await db.updateTable('album').set(patch).where('id', '=', id).execute();
    },
    async delete(id: string): Promise<void> {
      await db.deleteFrom('album').where('id', '=', id).execute();
    },

    /** Id of the owner's oldest user album named `name`, if any. */
    async findOwnedByName(ownerId: string, name: string): Promise<string | undefined> {
      const row = await db
        .selectFrom('album')
        .select('id')
        .where('owner_id', '=', ownerId)
        .where('kind', '=', 'user')
        .where('name', '=', name)
        .orderBy('created_at')
        .executeTakeFirst();
      return row?.id;
    },
    /**
     * Adds assets, skipping ones already there. `uploaderName` and `linkId` credit a visitor who uploaded through a public link.
     * @returns the ids actually added.
     */
    async addAssets(
      albumId: string,
      entries: Array<{ assetId: string; contributorId: string; uploaderName?: string; linkId?: string }>,
      now: number,
    ): Promise<string[]> {
      if (!entries.length) return [];
      const present = new Set(await this.assetIds(albumId));
      const fresh = entries.filter((e, i) => !present.has(e.assetId) && entries.findIndex((x) => x.assetId === e.assetId) === i);
      for (const part of chunks(fresh))
        await db
          .insertInto('album_asset')
          .values(
            part.map((e) => ({
              album_id: albumId,
              asset_id: e.assetId,
              contributor_id: e.contributorId,
              added_at: now,
              uploader_name: e.uploaderName ?? null,
              link_id: e.linkId ?? null,
            })),
          )
          .onConflict((oc) => oc.doNothing())
          .execute();
      return fresh.map((e) => e.assetId);
    },
    /** Removes assets; only those `contributorId` put there when given (a contributor removing their own). */
    async removeAssets(albumId: string, assetIds: string[], contributorId?: string): Promise<number> {
      let n = 0;
      for (const part of chunks(assetIds)) {
        let q = db.deleteFrom('album_asset').where('album_id', '=', albumId).where('asset_id', 'in', part);
        if (contributorId) q = q.where('contributor_id', '=', contributorId).where('link_id', 'is', null);
        const r = await q.executeTakeFirst();
        n += Number(r.numDeletedRows);
      }
      return n;
    },
    assetIds: async (albumId: string) =>
      (await db.selectFrom('album_asset').select('asset_id').where('album_id', '=', albumId).execute()).map((r) => r.asset_id),
    /** SHA-256 digests already in the album, so the same photo from two people appears once. */
    shaSet: async (albumId: string) =>
      new Set(
        (
          await db
            .selectFrom('album_asset')
            .innerJoin('asset', 'asset.id', 'album_asset.asset_id')
            .select('asset.sha256')
            .where('album_asset.album_id', '=', albumId)
            .where('asset.trashed_at', 'is', null)
            .execute()
        ).map((r) => r.sha256),
      ),
    /** The album's assets in capture order, each with its contributor (none in the owner's trash). */
    assetsWithContributors: (albumId: string) =>
      db
        .selectFrom('album_asset')
        .innerJoin('asset', 'asset.id', 'album_asset.asset_id')
        .selectAll('asset')
        .select(['album_asset.contributor_id', 'album_asset.uploader_name'])
        .where('album_asset.album_id', '=', albumId)
        .where('asset.trashed_at', 'is', null)
        .orderBy('asset.captured_at')
        .orderBy('asset.id')
        .execute(),

    /** Whether the asset is in the album. */
    hasAsset: async (albumId: string, assetId: string) =>
      !!(await db
        .selectFrom('album_asset')
        .select('asset_id')
        .where('album_id', '=', albumId)
        .where('asset_id', '=', assetId)
        .executeTakeFirst()),
    /** Adds members, skipping existing ones. @returns the account ids actually added. */
    async addMembers(albumId: string, accountIds: string[], now: number): Promise<string[]> {
      const existing = new Set(await this.memberIds(albumId));
      const fresh = [...new Set(accountIds)].filter((id) => !existing.has(id));
      for (const part of chunks(fresh))
        await db
          .insertInto('album_member')
          .values(part.map((account_id) => ({ album_id: albumId, account_id, role: 'viewer' as const, added_at: now })))
          .onConflict((oc) => oc.doNothing())
          .execute();
      return fresh;
    },
    memberIds: async (albumId: string) =>
      (await db.selectFrom('album_member').select('account_id').where('album_id', '=', albumId).execute()).map((r) => r.account_id),
    members: (albumId: string) =>
      db
        .selectFrom('album_member')
        .innerJoin('account', 'account.id', 'album_member.account_id')
        .select(['account.id', 'account.username', 'account.display_name', 'album_member.role'])
        .where('album_member.album_id', '=', albumId)
        .orderBy('album_member.added_at')
        .execute(),
    /** The owners of albums (id, username, display name), for mapping them; any number of ids. */
    ownersOf: (ownerIds: string[]) =>
      selectInChunks([...new Set(ownerIds)], (part) =>
        db.selectFrom('account').select(['id', 'username', 'display_name']).where('id', 'in', part).execute(),
      ),
  };
}

export type AlbumsRepository = ReturnType<typeof createAlbumsRepository>;
/** An album's asset with its contributor credit (`assetsWithContributors`). */
export type AlbumAssetRow = Awaited<ReturnType<AlbumsRepository['assetsWithContributors']>>[number];
/** A member with their account's names (`members`). */
export type AlbumMemberRow = Awaited<ReturnType<AlbumsRepository['members']>>[number];
