import crypto from 'node:crypto';
import type { Principal } from '../common/principal.js';
import { errors } from '../common/errors.js';
import type { RealtimeHub } from '../realtime/realtime-events.js';
import type { AssetDto } from '../assets/assets.mapper.js';
import { toPerson } from '../assets/assets.mapper.js';
import type { AssetRow } from '../assets/assets.repository.js';
import type { AccessService, AlbumAccess } from '../access/access.service.js';
import type { AlbumsRepository, AlbumSummaryRow } from './albums.repository.js';
import { toAlbumDetailDto, toAlbumSummaryDtos, type AlbumSummaryDto } from './albums.mapper.js';

export interface AlbumsServiceDeps {
  repo: AlbumsRepository;
  access: AccessService;
  realtime: RealtimeHub;
  /** Maps asset rows for the API (assets.service.ts `toDtos`). */
  toAssetDtos: (rows: AssetRow[]) => Promise<AssetDto[]>;
}

/**
 * User albums: create, rename, delete, add and remove photos. Any member may view an
 * album; a `contributor` may also add photos of their own (and remove those); only its owner
 * may rename, delete or share it. A non-member gets 404 `not_found`, never 403, so the
 * existence of other people's albums does not leak.
 */
export function createAlbumsService({ repo, access, realtime, toAssetDtos }: AlbumsServiceDeps) {
  /** Maps album summaries with one batched owner lookup. */
  async function summaryDtos(rows: AlbumSummaryRow[]): Promise<AlbumSummaryDto[]> {
    if (!rows.length) return [];
    const owners = new Map((await repo.ownersOf(rows.map((r) => r.owner_id))).map((o) => [o.id, toPerson(o)]));
    return toAlbumSummaryDtos(rows, owners);
  }

  /** The album as the caller sees it, after access.service.ts `requireAlbum` at `level`. */
  async function summaryAs(principal: Principal, albumId: string, level: AlbumAccess): Promise<AlbumSummaryRow> {
    await access.requireAlbum(principal, albumId, level);
    const s = await repo.summary(principal.accountId, albumId);
    if (!s) throw errors.notFound('album');
    return s;
  }
  /** @throws 404 `not_found` for non-members. */
  const view = (principal: Principal, albumId: string) => summaryAs(principal, albumId, 'read');
  /** @throws 404 for non-members, 403 `not_album_owner` for members who are not the owner. */
  const own = (principal: Principal, albumId: string) => summaryAs(principal, albumId, 'owner');
  /** @throws 404 for non-members, 403 `not_album_contributor` for viewers. */
  const contribute = (principal: Principal, albumId: string) => summaryAs(principal, albumId, 'contribute');
  /** @throws 404 `not_found` when any id is not one of the caller's own assets in the library (trashed ones count as none). */
  const ownAssets = (principal: Principal, assetIds: string[]) => access.requireOwnAssets(principal, assetIds, { trashed: 'exclude' });

  return {
    summaryDtos,
    /** The full album for the API: summary, photos in capture order with contributor credit, members. */
    async detailDto(summary: AlbumSummaryRow) {
      const [base] = await summaryDtos([summary]);
      const rows = await repo.assetsWithContributors(summary.id);
      return toAlbumDetailDto(base, rows, await toAssetDtos(rows), await repo.members(summary.id));
    },
    /** An album's members with their names, owner first by join time: for services that have already checked access. */
    membersOf: (albumId: string) => repo.members(albumId),
    /** An album by id, whoever owns it: for services that have already checked access. */
    findById: (id: string) => repo.findById(id),
    /**
     * Files assets in an album as `contributorId`'s, for services that have already checked access
     * (the album inbox). Does not touch `updated_at`. @returns the ids new to the album.
     */
    fileAssets: (albumId: string, assetIds: string[], contributorId: string, now: number) =>
      repo.addAssets(
        albumId,
        assetIds.map((assetId) => ({ assetId, contributorId })),
        now,
      ),
    /** Marks an album changed at `now` (ms since epoch): it sorts first in the album lists. */
    touch: (albumId: string, now: number) => repo.update(albumId, { updated_at: now }),
    view,
    own,
    listMine: (principal: Principal) => repo.listByRole(principal.accountId, ['owner']),
    /** Albums others shared with the caller ("Shared with me"), as viewer or contributor. */
    listShared: (principal: Principal) => repo.listByRole(principal.accountId, ['viewer', 'contributor']),

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

    /** Adds the caller's own photos (owner or contributor). @returns how many were new to the album. */
    async addAssets(principal: Principal, albumId: string, assetIds: string[]): Promise<number> {
      await contribute(principal, albumId);
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

    /** The owner removes any photo; a contributor only those they added. @returns how many went. */
    async removeAssets(principal: Principal, albumId: string, assetIds: string[]): Promise<number> {
      const s = await contribute(principal, albumId);
      const n = await repo.removeAssets(albumId, assetIds, s.role === 'owner' ? undefined : principal.accountId);
      if (n) await repo.update(albumId, { updated_at: Date.now() });
      return n;
    },
  };
}

export type AlbumsService = ReturnType<typeof createAlbumsService>;
