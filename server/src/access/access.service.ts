import { errors } from '../common/errors.js';
import type { Principal } from '../common/principal.js';
import type { AccessRepository, AlbumRole } from './access.repository.js';

/** What a caller wants to do with an asset: see it (`read`) or change it as its owner (`write`). */
export type AssetAccess = 'read' | 'write';
/** What a caller wants to do with an album: see it, add or remove photos, or change or share it as its owner. */
export type AlbumAccess = 'read' | 'contribute' | 'owner';

/** One of the caller's photos as the batch asset check found it. */
export interface OwnedAsset {
  id: string;
  /** When it went to the trash (ms since epoch); null while it is in the library. */
  trashedAt: number | null;
}

/**
 * One access check per resource kind, called first by every service method that takes an id (the
 * model is Immich's `requireAccess`). Someone else's resource, and one that does not exist, both answer
 * 404 `not_found`, so ids of other people's things do not leak; a member asking more of an album than
 * their role allows gets 403 (they can see the album, so saying why is no leak).
 * The authorisation walk (server/test/helpers/abuse-routes.ts) checks every route against these rules.
 */
export function createAccessService(repo: AccessRepository) {
  return {
    /**
     * `read`: the owner (library or trash), or a member of an album holding it outside the trash.
     * `write`: the owner only.
     * @throws 404 `not_found` otherwise.
     */
    async requireAsset(principal: Principal, assetId: string, access: AssetAccess): Promise<void> {
      const ok =
        access === 'read' ? await repo.canViewAsset(principal.accountId, assetId) : await repo.ownsAsset(principal.accountId, assetId);
      if (!ok) throw errors.notFound('asset');
    },

    /**
     * `requireAsset(…, 'write')` for many photos at once (trash, favourite and archive flags): every id
     * must be the caller's own, in the library or in the trash (restoring and deleting for ever need the
     * trashed ones). Duplicates count once.
     * @param opts `trashed: 'exclude'` answers for a trashed photo as for none (putting photos in an album:
     *   only photos in the library are added).
     * @returns each distinct photo's id and `trashedAt` (ms since epoch, null in the library).
     * @throws 404 `not_found` when any id is another's or none: nothing is done to the rest.
     */
    async requireOwnAssets(
      principal: Principal,
      assetIds: readonly string[],
      opts: { trashed?: 'include' | 'exclude' } = {},
    ): Promise<OwnedAsset[]> {
      const unique = [...new Set(assetIds)];
      const rows = await repo.ownedAssetsAmong(principal.accountId, unique, opts.trashed === 'exclude');
      if (rows.length !== unique.length) throw errors.notFound('asset');
      return rows.map((r) => ({ id: r.id, trashedAt: r.trashed_at }));
    },

    /**
     * `read`: any member; `contribute`: owner or contributor; `owner`: the owner.
     * @returns the caller's role.
     * @throws 404 `not_found` for non-members; 403 `not_album_contributor` (a viewer asked to contribute) or
     *   `not_album_owner` (a member asked to act as the owner).
     */
    async requireAlbum(principal: Principal, albumId: string, access: AlbumAccess): Promise<AlbumRole> {
      const role = await repo.albumRole(principal.accountId, albumId);
      if (!role) throw errors.notFound('album');
      if (access === 'owner' && role !== 'owner') throw errors.forbidden('not_album_owner', 'Only the album owner can change it.');
      if (access === 'contribute' && role === 'viewer')
        throw errors.forbidden('not_album_contributor', 'Viewers cannot add or remove photos; ask the owner to make you a contributor.');
      return role;
    },

    /**
     * Events are their owner's alone (sharing one makes an album). @returns the event's id.
     * @throws 404 `not_found` when the caller has no event with this marker.
     */
    async requireEvent(principal: Principal, marker: string): Promise<string> {
      const id = await repo.eventIdOf(principal.accountId, marker);
      if (!id) throw errors.notFound('event');
      return id;
    },
  };
}

export type AccessService = ReturnType<typeof createAccessService>;
