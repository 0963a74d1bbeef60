import type { Principal } from '../common/principal.js';
import type { AccessService } from '../access/access.service.js';
import type { DomainEventPublisher } from '../common/domain-events.js';
import type { BlobStore } from '../blobs/blob-store.js';
import type { Config } from '../config/config.js';
import { errors } from '../common/errors.js';
import { decodeCursor, encodeCursor } from '../common/timeline-cursor.js';
import type { AssetDto } from './assets.mapper.js';
import type { AssetRow, AssetsRepository } from './assets.repository.js';
import type { SharedAlbumRow, TrashRepository } from './trash.repository.js';

export interface TrashServiceDeps {
  repo: TrashRepository;
  assetsRepo: AssetsRepository;
  /** The one asset access check (access/access.service.ts); its batch form allows trashed photos. */
  access: Pick<AccessService, 'requireOwnAssets'>;
  /** Maps asset rows for the API (assets.service.ts `toDtos`). */
  toDtos: (rows: AssetRow[]) => Promise<AssetDto[]>;
  config: Pick<Config, 'trashMs'>;
  blobs: BlobStore;
  /** Publishes `assets.deleted` (events shrink or vanish when their photos are deleted for ever). */
  domainEvents: DomainEventPublisher;
  /** The clock, ms since epoch (tests move it forward to see the purge). */
  now?: () => number;
}

/** Photos the purge deletes per batch: bounded memory and short transactions whatever the backlog. */
const PURGE_BATCH = 200;

/** What deleting some photos would take from other people (the warning before a delete). */
export interface DeletionImpact {
  albums: SharedAlbumRow[];
  /** Distinct people besides the owner who see at least one of the photos through an album. */
  people: number;
}

/**
 * The trash, as in Immich and Google Photos (docs/trash.md): deleting a photo moves it to the
 * owner's trash (`asset.trashed_at`) for `KITH_TRASH_DAYS`; it disappears from everything but the
 * trash and keeps its blobs, album entries, faces and markers, so restoring it brings it all back.
 * Deleting for ever (from the trash, emptying it, or the hourly purge) removes the row and frees
 * each blob (original, thumbnail, preview, face crops) that nothing else references: blobs are
 * content-addressed by SHA-256, so another account's copy of the same bytes keeps them.
 */
export function createTrashService(deps: TrashServiceDeps) {
  const { repo, assetsRepo: assets, blobs } = deps;
  const now = deps.now ?? Date.now;

  /** Deletes one asset row for ever and frees the blobs nothing else references. */
  async function purge(asset: AssetRow): Promise<void> {
    // Face crops go with the faces (cascade); their blobs are collected first.
    const faceCrops = await assets.faceThumbnailsOf(asset.id);
    await assets.delete(asset.id);
    for (const sha of new Set([asset.sha256, asset.thumbnail_sha256, asset.preview_sha256, ...faceCrops]))
      if (sha && !(await assets.blobInUse(sha))) await blobs.delete(sha);
  }

  /** Deletes the given assets for ever, then publishes `assets.deleted` per owner (their events follow). @returns how many. */
  async function purgeIds(ids: string[]): Promise<number> {
    const rows = await assets.findByIds(ids);
    for (const a of rows) await purge(a);
    for (const ownerId of new Set(rows.map((a) => a.owner_id)))
      await deps.domainEvents.publish('assets.deleted', {
        ownerId,
        assetIds: rows.filter((a) => a.owner_id === ownerId).map((a) => a.id),
      });
    return rows.length;
  }

  return {
    /**
     * Moves the caller's photos to the trash (photos already there keep their date).
     * @returns how many are in the trash now, and when the purge deletes them for ever (ms since epoch).
     * @throws 404 `not_found` when any id is not one of the caller's photos.
     */
    async moveToTrash(principal: Principal, ids: string[]): Promise<{ trashed: number; purgeAfter: number }> {
      const unique = (await deps.access.requireOwnAssets(principal, ids)).map((r) => r.id);
      const at = now();
      await repo.moveToTrash(principal.accountId, unique, at);
      await deps.domainEvents.publish('assets.trash-changed', { ownerId: principal.accountId });
      return { trashed: unique.length, purgeAfter: at + deps.config.trashMs };
    },

    /** Brings the caller's photos back from the trash (photos in the library are left as they are). @throws 404 `not_found`. */
    async restore(principal: Principal, ids: string[]): Promise<{ restored: number }> {
      const rows = await deps.access.requireOwnAssets(principal, ids);
      await repo.restore(
        principal.accountId,
        rows.map((r) => r.id),
      );
      await deps.domainEvents.publish('assets.trash-changed', { ownerId: principal.accountId });
      return { restored: rows.filter((r) => r.trashedAt != null).length };
    },

    /** Brings back everything in the caller's trash. */
    async restoreAll(principal: Principal): Promise<{ restored: number }> {
      const ids = await repo.trashedIds(principal.accountId);
      await repo.restore(principal.accountId, ids);
      await deps.domainEvents.publish('assets.trash-changed', { ownerId: principal.accountId });
      return { restored: ids.length };
    },

    /**
     * One page of the caller's trash, most recently deleted first: asset DTOs (with `trashedAt`), the
     * next page's cursor, the total and KITH_TRASH_DAYS. @throws 400 `invalid_cursor`.
     */
    async page(principal: Principal, limit: number, cursor?: string) {
      const after = cursor ? decodeCursor(cursor) : undefined;
      const rows = await repo.page(principal.accountId, limit + 1, after && { trashedAt: after.capturedAt, id: after.id });
      const shown = rows.slice(0, limit);
      const last = shown[shown.length - 1];
      return {
        items: await deps.toDtos(shown),
        nextCursor: rows.length > limit && last ? encodeCursor(last.trashed_at!, last.id) : null,
        total: await repo.count(principal.accountId),
        days: Math.round(deps.config.trashMs / 86_400_000),
      };
    },

    /**
     * Deletes photos of the caller's trash for ever.
     * @throws 404 `not_found` when any id is not one of the caller's photos; 409 `not_in_trash` when
     * any is still in the library (move it to the trash first, or use `DELETE /api/assets/{id}?force=true`).
     */
    async deleteForever(principal: Principal, ids: string[]): Promise<{ deleted: number }> {
      const rows = await deps.access.requireOwnAssets(principal, ids);
      const live = rows.filter((r) => r.trashedAt == null);
      if (live.length)
        throw errors.conflict('not_in_trash', `${live.length} of these photos are not in the trash; move them to the trash first.`);
      return { deleted: await purgeIds(rows.map((r) => r.id)) };
    },

    /** Deletes one of the caller's photos for ever, in the trash or not (Immich's `force`). @throws 404 `not_found`. */
    async deleteNow(principal: Principal, id: string): Promise<void> {
      await deps.access.requireOwnAssets(principal, [id]);
      await purgeIds([id]);
    },

    /** Deletes everything in the caller's trash for ever. */
    async empty(principal: Principal): Promise<{ deleted: number }> {
      return { deleted: await purgeIds(await repo.trashedIds(principal.accountId)) };
    },

    /**
     * Deletes for ever every photo (any owner) that has been in the trash longer than
     * KITH_TRASH_DAYS at `at` (default: the clock). Idempotent: the `trash.purge` job runs it hourly.
     * @returns how many photos went.
     */
    async purgeExpired(at = now()): Promise<number> {
      let total = 0;
      for (;;) {
        const batch = await repo.expired(at - deps.config.trashMs, PURGE_BATCH);
        if (!batch.length) return total;
        total += await purgeIds(batch.map((r) => r.id));
      }
    },

    /**
     * What deleting the caller's photos would take from others: the shared albums holding them
     * (name, other members, how many of the photos) and how many distinct people see them there.
     * @throws 404 `not_found` when any id is not one of the caller's photos.
     */
    async deletionImpact(principal: Principal, ids: string[]): Promise<DeletionImpact> {
      const unique = (await deps.access.requireOwnAssets(principal, ids)).map((r) => r.id);
      return {
        albums: await repo.sharedAlbumsOf(principal.accountId, unique),
        people: await repo.peopleWhoSee(principal.accountId, unique),
      };
    },
  };
}

export type TrashService = ReturnType<typeof createTrashService>;
