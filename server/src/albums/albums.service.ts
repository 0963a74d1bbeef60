import crypto from 'node:crypto';
import type { Principal } from '../accounts/accounts.service.js';
import type { Db } from '../db/database.js';
import { errors } from '../http/errors.js';
import type { RealtimeHub } from '../realtime/realtime-events.js';
import { createAlbumsRepository, type AlbumSummaryRow } from './albums.repository.js';

/**
 * User albums: create, rename, delete, add and remove photos. Any member may view an
 * album; only its owner may change it. A non-member gets 404 `not_found`, never 403,
 * so the existence of other people's albums does not leak.
 */
export function createAlbumsService({ db, realtime }: { db: Db; realtime: RealtimeHub }) {
  const repo = createAlbumsRepository(db);

  /** @throws 404 `not_found` for non-members. */
  async function view(principal: Principal, albumId: string): Promise<AlbumSummaryRow> {
    const s = await repo.summary(principal.accountId, albumId);
    if (!s) throw errors.notFound('album');
    return s;
  }
  /** @throws 404 for non-members, 403 `not_album_owner` for members who are not the owner. */
  async function own(principal: Principal, albumId: string): Promise<AlbumSummaryRow> {
    const s = await view(principal, albumId);
    if (s.role !== 'owner') throw errors.forbidden('not_album_owner', 'Only the album owner can change it.');
    return s;
  }
  /** @throws 404 `not_found` when any id is not one of the caller's own assets in the library (a trashed photo is not). */
  async function ownAssets(principal: Principal, assetIds: string[]): Promise<void> {
    const ids = [...new Set(assetIds)];
    const rows = ids.length
      ? await db
          .selectFrom('asset')
          .select('id')
          .where('id', 'in', ids)
          .where('owner_id', '=', principal.accountId)
          .where('trashed_at', 'is', null)
          .execute()
      : [];
    if (rows.length !== ids.length) throw errors.notFound('asset');
  }

  return {
    repo,
    view,
    listMine: (principal: Principal) => repo.listByRole(principal.accountId, 'owner'),
    /** Albums others shared with the caller ("Shared with me"). */
    listShared: (principal: Principal) => repo.listByRole(principal.accountId, 'viewer'),

    /** @param kind `inbox` only for the album inbox's "Shared with me" album (created by the inbox service). */
    async create(principal: Principal, name: string, assetIds: string[] = [], kind: 'user' | 'inbox' = 'user'): Promise<AlbumSummaryRow> {
      await ownAssets(principal, assetIds);
      const now = Date.now();
      const id = crypto.randomUUID();
      await repo.insert({
        id,
        owner_id: principal.accountId,
        name,
        kind,
        event_marker: null,
        event_start: null,
        event_end: null,
        event_latitude: null,
        event_longitude: null,
        created_at: now,
        updated_at: now,
      });
      await repo.addAssets(
        id,
        assetIds.map((assetId) => ({ assetId, contributorId: principal.accountId })),
        now,
      );
      return view(principal, id);
    },

    /**
     * The caller's own album named `name` (the oldest, when several share the name), created empty when absent:
     * the album a feature files its photos in ("Shared regions", "Exchanges"). @returns its id.
     */
    async findOrCreate(principal: Principal, name: string): Promise<string> {
      return (await repo.findOwnedByName(principal.accountId, name)) ?? (await this.create(principal, name)).id;
    },

    async rename(principal: Principal, albumId: string, name: string): Promise<AlbumSummaryRow> {
      await own(principal, albumId);
      await repo.update(albumId, { name, updated_at: Date.now() });
      return view(principal, albumId);
    },

    async delete(principal: Principal, albumId: string): Promise<void> {
      await own(principal, albumId);
      await repo.delete(albumId);
    },

    /** Adds the caller's own photos. @returns how many were new to the album. */
    async addAssets(principal: Principal, albumId: string, assetIds: string[]): Promise<number> {
      await own(principal, albumId);
      await ownAssets(principal, assetIds);
      const now = Date.now();
      const added = await repo.addAssets(
        albumId,
        assetIds.map((assetId) => ({ assetId, contributorId: principal.accountId })),
        now,
      );
      if (added.length) {
        await repo.update(albumId, { updated_at: now });
        realtime.emitToAccount(await repo.memberIds(albumId), 'album.updated', { albumId, addedAssetIds: added });
      }
      return added.length;
    },

    async removeAssets(principal: Principal, albumId: string, assetIds: string[]): Promise<number> {
      await own(principal, albumId);
      const n = await repo.removeAssets(albumId, assetIds);
      if (n) await repo.update(albumId, { updated_at: Date.now() });
      return n;
    },
  };
}

export type AlbumsService = ReturnType<typeof createAlbumsService>;
