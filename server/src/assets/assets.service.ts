import fsp from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { Principal } from '../common/principal.js';
import type { BlobStore } from '../blobs/blob-store.js';
import type { Config } from '../config/config.js';
import { AppError, errors } from '../common/errors.js';
import type { JobQueue } from '../jobs/job-queue.js';
import type { RealtimeHub } from '../realtime/realtime-events.js';
import { readAssetMetadata } from './asset-metadata.js';
import { makeDerivatives, sha256Of, thumbnailOf } from './asset-derivatives.js';
import { createAssetCommit, type IngestedAsset } from './asset-commit.js';
import type { AccessService } from '../access/access.service.js';
import type { AssetRow, AssetsRepository } from './assets.repository.js';
import { pageOfRows, toAssetDtos, toPerson, type AssetDto } from './assets.mapper.js';
import { decodeCursor } from '../common/timeline-cursor.js';
import { ACCEPTED, probeImage } from './image-probe.js';
import { spoolToTempFile } from './upload-stream.js';
import { sidecarFills, type UploadSidecar } from './upload-sidecar.js';

export type { IngestedAsset };

export type IngestResult = IngestedAsset | { filename: string; status: 'failed'; asset?: undefined; error: AppError; restored?: undefined };

export interface AssetsServiceDeps {
  repo: AssetsRepository;
  access: AccessService;
  config: Config;
  blobs: BlobStore;
  jobs: JobQueue;
  realtime: RealtimeHub;
  /** Gives assets an explicit event marker (upload tag or the file's XMP event). */
  tagAssets: (ownerId: string, assetIds: string[], marker: string, source: 'tag' | 'metadata') => Promise<void>;
}

/**
 * Upload, timeline and access of assets (photos); deletion is the trash's (trash.service.ts).
 *
 * Ingest order is chosen so a failure at any step leaves nothing behind: spool to a temp
 * file (hashing as it streams) → verify by decoding → read metadata → atomic rename into
 * the content-addressed store → insert the row. Same bytes from the same owner give the
 * existing asset back (out of the trash if it was there). Images Kith derived itself (region crops) enter after the verifying
 * steps ({@link ingestDerived}) and share everything from the blob store on.
 */
export function createAssetsService(deps: AssetsServiceDeps) {
  const { repo, config, blobs, jobs, realtime } = deps;

  const hasDerivatives = (a: AssetRow) => Boolean(a.thumbnail_sha256 && a.preview_sha256);
  /** Makes and records an asset's missing thumbnail/preview (the job's work, or on the spot when one is asked for first). */
  async function withDerivatives(asset: AssetRow): Promise<AssetRow> {
    if (hasDerivatives(asset)) return asset;
    const d = await makeDerivatives(blobs, asset.sha256, config.maxImagePixels, asset.thumbnail_sha256);
    await repo.setDerivatives(asset.id, d.thumbnailSha, d.previewSha);
    return { ...asset, thumbnail_sha256: d.thumbnailSha, preview_sha256: d.previewSha };
  }

  /** A duplicate sent again with a sidecar: fills what it lacked, and lets event detection place a newly dated photo. */
  async function fillFromSidecar(asset: AssetRow, sidecar: UploadSidecar): Promise<AssetRow> {
    const fill = sidecarFills(asset, sidecar);
    await repo.fillMetadata(asset.id, fill);
    await repo.addNameSuggestions(asset.id, sidecar.people, 'takeout', Date.now());
    if (fill.captured_at !== undefined) await jobs.enqueue('events.detect', { ownerId: asset.owner_id });
    return { ...asset, ...fill };
  }

  /**
   * The same bytes again from the same owner: the existing asset. One in the trash still counts
   * (dedupe by SHA-256) and comes back to the library, as Immich's uploader restores a trashed
   * duplicate; the result says `restored`.
   */
  async function duplicateOf(filename: string, existing: AssetRow): Promise<IngestedAsset> {
    if (existing.trashed_at == null) return { filename, status: 'duplicate', asset: existing };
    await repo.untrash(existing.id);
    return { filename, status: 'duplicate', asset: { ...existing, trashed_at: null }, restored: true };
  }

  const commit = createAssetCommit({ repo, blobs, jobs, realtime, tagAssets: deps.tagAssets });

  /** Maps assets with two batched lookups (owners, markers), never one query per row. */
  async function toDtos(rows: AssetRow[]): Promise<AssetDto[]> {
    if (!rows.length) return [];
    const owners = new Map((await repo.ownersOf(rows.map((r) => r.owner_id))).map((o) => [o.id, toPerson(o)]));
    return toAssetDtos(rows, owners, await repo.markersOf(rows.map((r) => r.id)));
  }

  /** One page of DTOs from `limit + 1` capture-ordered rows, with the next page's cursor (mapper `pageOfRows`). */
  async function toPage(rows: AssetRow[], limit: number): Promise<{ items: AssetDto[]; nextCursor: string | null }> {
    const { page, nextCursor } = pageOfRows(rows, limit);
    return { items: await toDtos(page), nextCursor };
  }

  return {
    toDtos,
    toPage,

    /**
     * One page of the caller's library timeline, newest capture first, trashed photos left out.
     * @param cursor the previous page's `nextCursor`. @throws 400 `invalid_cursor` when it is not one.
     */
    async timeline(principal: Principal, limit: number, cursor?: string) {
      return toPage(await repo.timeline(principal.accountId, limit + 1, cursor ? decodeCursor(cursor) : undefined), limit);
    },

    /** An asset by id, whoever owns it: for services that have already checked access (access.service.ts). */
    findById: (id: string) => repo.findById(id),
    /** Assets by id (any number), whoever owns them: for services that have already checked access. */
    findByIds: (ids: string[]) => repo.findByIds(ids),
    /** The owner's asset with these bytes (SHA-256, lower-case hex), trashed or not. */
    findByOwnerAndSha: (ownerId: string, sha256: string) => repo.findByOwnerAndSha(ownerId, sha256),

    /**
     * The `asset.derivatives` job's work (asset-derivatives.job.ts): makes the missing 250 px thumbnail and
     * 1440 px preview (WebP) of an asset, then pushes `asset.ready`. Idempotent: a gone asset, or one that
     * has both, is left alone.
     */
    async completeDerivatives(assetId: string): Promise<void> {
      const asset = await repo.findById(assetId);
      if (!asset || hasDerivatives(asset)) return;
      await withDerivatives(asset);
      realtime.emitToAccount(asset.owner_id, 'asset.ready', { assetId });
    },

    /**
     * Ingests one uploaded file. Never throws for a bad file: the failure is in the result
     * (`error` with 413 `payload_too_large`, 415 `unsupported_media_type`, 422 `invalid_image`
     * or `image_too_large`), so one bad file does not fail a batch. Stream errors (the client
     * went away) do throw, after removing the partial temp file.
     * @param file.sidecar what the client knew from elsewhere (a Takeout sidecar): fills what the file's own
     *   metadata lacks, on a new asset and on the existing one when the bytes are a duplicate (so a re-run
     *   of an import that stopped half way completes what it left).
     * @param onInserted files a new asset before its jobs start (asset-commit.ts `onInserted`); if it throws, nothing of the asset is left and the error is thrown.
     */
    async ingestFile(
      principal: Principal,
      file: { stream: Readable & { truncated?: boolean }; filename: string; sidecar?: UploadSidecar },
      onInserted?: (asset: AssetRow) => Promise<void>,
    ): Promise<IngestResult> {
      const filename = file.filename || 'upload';
      const spooled = await spoolToTempFile(file.stream, blobs.tempPath());
      try {
        if (spooled.truncated) throw errors.payloadTooLarge(config.maxUploadBytes);
        if (spooled.bytes === 0) throw errors.invalidImage('The file is empty (0 bytes).');
        const existing = await repo.findByOwnerAndSha(principal.accountId, spooled.sha256);
        if (existing) return duplicateOf(filename, file.sidecar ? await fillFromSidecar(existing, file.sidecar) : existing);
        // The verifying decode makes the thumbnail: one decode proves the file whole and fills the grid at once.
        const probe = await probeImage(spooled.path, config.maxImagePixels, thumbnailOf);
        const meta = await readAssetMetadata(spooled.path);
        return await commit(principal, {
          filename,
          mime: probe.mime,
          width: probe.width,
          height: probe.height,
          sha256: spooled.sha256,
          bytes: spooled.bytes,
          meta,
          sidecar: file.sidecar,
          orientation: meta.orientation ?? probe.orientation,
          thumbnail: probe.decoded,
          storeOriginal: () => blobs.putFile(spooled.path, spooled.sha256),
          onInserted,
        });
      } catch (e) {
        if (e instanceof AppError) return { filename, status: 'failed', error: e };
        throw e;
      } finally {
        await fsp.rm(spooled.path, { force: true });
      }
    },

    /**
     * Ingests an image Kith itself derived and encoded in memory (a region crop), with the size
     * making it already gave. So there is no spool to a temp file and no verifying decode; the
     * `asset.derivatives` job makes its thumbnail after the answer. Everything else is
     * {@link ingestFile}'s path: content-addressed, atomic blob writes, no blob or row left
     * behind on failure, the same row, and the caller's existing asset for the same bytes.
     *
     * Only for bytes Kith encoded: anything a client or another server sent goes through
     * {@link ingestFile}, which proves it an image by decoding it.
     *
     * @param image.mime one of {@link ACCEPTED}'s types; width × height in px (stored, unrotated: Kith writes no EXIF orientation).
     * @param image.eventsDetected true marks it as not a photo of an event, so event detection leaves it alone.
     * @returns `created`, or `duplicate` with the existing asset. @throws on a storage or database error, or arguments that break the contract above.
     */
    async ingestDerived(
      principal: Principal,
      image: {
        bytes: Buffer;
        mime: string;
        width: number;
        height: number;
        filename: string;
        eventsDetected?: boolean;
      },
    ): Promise<IngestedAsset> {
      const { bytes, mime, width, height } = image;
      if (!bytes.length || !Object.values(ACCEPTED).includes(mime))
        throw new Error(`ingestDerived: not a derived image (${bytes.length} bytes, ${mime})`);
      if (!(Number.isInteger(width) && Number.isInteger(height) && width > 0 && height > 0 && width * height <= config.maxImagePixels))
        throw new Error(`ingestDerived: bad size ${width}×${height}`);
      const sha256 = sha256Of(bytes);
      const existing = await repo.findByOwnerAndSha(principal.accountId, sha256);
      if (existing) return duplicateOf(image.filename, existing);
      return commit(principal, {
        ...image,
        sha256,
        bytes: bytes.length,
        meta: {},
        storeOriginal: () => blobs.putBuffer(bytes, sha256),
      });
    },

    /** After a batch: apply the upload's explicit event tag and queue event detection once for all new photos. */
    async afterBatch(principal: Principal, createdIds: string[], eventTag?: string): Promise<void> {
      if (!createdIds.length) return;
      if (eventTag) await deps.tagAssets(principal.accountId, createdIds, eventTag, 'tag');
      await jobs.enqueue('events.detect', { ownerId: principal.accountId });
    },

    /**
     * Which of `checksums` (SHA-256 of whole files, lower-case hex, the digest ingest keys assets by) the caller
     * already has: what a bulk uploader (`kith upload`) asks before sending, so a re-run sends nothing twice.
     * Only the caller's own assets count, as for upload deduplication (same owner + same SHA-256).
     * @returns the hits in the order asked, each once, with the asset id.
     */
    async existing(principal: Principal, checksums: string[]): Promise<{ checksum: string; assetId: string }[]> {
      const wanted = [...new Set(checksums)];
      const rows = await repo.findIdsByOwnerAndShas(principal.accountId, wanted);
      const bySha = new Map(rows.map((r) => [r.sha256, r.id]));
      return wanted.flatMap((checksum) => (bySha.has(checksum) ? [{ checksum, assetId: bySha.get(checksum)! }] : []));
    },

    /** @throws 404 `not_found` unless the caller owns the asset or can see it through an album. */
    async getVisible(principal: Principal, id: string): Promise<AssetRow> {
      await deps.access.requireAsset(principal, id, 'read');
      const asset = await repo.findById(id);
      if (!asset) throw errors.notFound('asset');
      return asset;
    },

    /** The blob of an asset's original, thumbnail or preview. Makes missing derivatives on the spot. */
    async blobFor(principal: Principal, id: string, kind: 'original' | 'thumbnail' | 'preview') {
      const visible = await this.getVisible(principal, id);
      const asset = kind === 'original' ? visible : await withDerivatives(visible);
      const sha = kind === 'original' ? asset.sha256 : kind === 'thumbnail' ? asset.thumbnail_sha256! : asset.preview_sha256!;
      return { asset, sha, mime: kind === 'original' ? asset.mime : 'image/webp', size: await blobs.size(sha) };
    },

    /** A read stream of a blob already authorised through {@link blobFor}. */
    blobStream: (sha: string) => blobs.stream(sha),

    /**
     * With an S3 store: a presigned GET URL (valid KITH_S3_PRESIGN_SECONDS) for an original already
     * authorised through {@link blobFor}, answering with its MIME type, and as an attachment named
     * after the upload when `download`. Undefined with the local store, which streams the bytes.
     */
    presignOriginal: async (asset: AssetRow, download: boolean): Promise<string | undefined> =>
      blobs.presignGet?.(asset.sha256, {
        contentType: asset.mime,
        contentDisposition: download ? `attachment; filename*=UTF-8''${encodeURIComponent(asset.original_name)}` : undefined,
      }),

    /**
     * Re-queues the work a crash lost with the in-process queue: derivatives of assets without
     * them, and event detection for owners with unplaced photos.
     * @returns how many jobs were queued.
     */
    async requeueLostJobs(): Promise<number> {
      const rows = await repo.findMissingDerivatives(10_000);
      for (const r of rows) await jobs.enqueue('asset.derivatives', { assetId: r.id });
      const owners = await repo.ownersAwaitingEventDetection();
      for (const ownerId of owners) await jobs.enqueue('events.detect', { ownerId });
      return rows.length + owners.length;
    },
  };
}

export type AssetsService = ReturnType<typeof createAssetsService>;
