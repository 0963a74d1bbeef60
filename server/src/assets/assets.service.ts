import crypto from 'node:crypto';
import fsp from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { Principal } from '../accounts/accounts.service.js';
import type { BlobStore } from '../blobs/blob-store.js';
import type { Config } from '../config/config.js';
import type { Db } from '../db/database.js';
import { AppError, errors } from '../http/errors.js';
import type { JobQueue } from '../jobs/job-queue.js';
import type { RealtimeHub } from '../realtime/realtime-events.js';
import { readAssetMetadata } from './asset-metadata.js';
import { makeDerivatives, sha256Of, thumbnailOf } from './asset-derivatives.js';
import { createAssetsRepository, type AssetRow } from './assets.repository.js';
import { probeImage } from './image-probe.js';
import { spoolToTempFile } from './upload-stream.js';

export interface IngestResult {
  filename: string;
  status: 'created' | 'duplicate' | 'failed';
  asset?: AssetRow;
  error?: AppError;
}

export interface AssetsServiceDeps {
  db: Db;
  config: Config;
  blobs: BlobStore;
  jobs: JobQueue;
  realtime: RealtimeHub;
  /** Gives assets an explicit event marker (upload tag or the file's XMP event). */
  tagAssets: (ownerId: string, assetIds: string[], marker: string, source: 'tag' | 'metadata') => Promise<void>;
  /** Lets events shrink or vanish when their photos are deleted. */
  onAssetsDeleted: (ownerId: string, assetIds: string[]) => Promise<void>;
}

/**
 * Upload, timeline, access and deletion of assets (photos).
 *
 * Ingest order is chosen so a failure at any step leaves nothing behind: spool to a temp
 * file (hashing as it streams) → verify by decoding → read metadata → atomic rename into
 * the content-addressed store → insert the row. Same bytes from the same owner give the
 * existing asset back.
 */
export function createAssetsService(deps: AssetsServiceDeps) {
  const { db, config, blobs, jobs, realtime } = deps;
  const repo = createAssetsRepository(db);

  jobs.handle('asset.derivatives', async ({ assetId }) => {
    const asset = await repo.findById(assetId);
    if (!asset || (asset.thumbnail_sha256 && asset.preview_sha256)) return; // idempotent
    const { thumbnailSha, previewSha } = await makeDerivatives(blobs, asset.sha256, config.maxImagePixels, asset.thumbnail_sha256);
    await repo.setDerivatives(assetId, thumbnailSha, previewSha);
    realtime.emitToAccount(asset.owner_id, 'asset.ready', { assetId });
  });

  return {
    repo,

    /**
     * Ingests one uploaded file. Never throws for a bad file: the failure is in the result
     * (`error` with 413 `payload_too_large`, 415 `unsupported_media_type`, 422 `invalid_image`
     * or `image_too_large`), so one bad file does not fail a batch. Stream errors (the client
     * went away) do throw, after removing the partial temp file.
     */
    async ingestFile(principal: Principal, file: { stream: Readable & { truncated?: boolean }; filename: string }): Promise<IngestResult> {
      const filename = file.filename || 'upload';
      const spooled = await spoolToTempFile(file.stream, blobs.tempPath());
      try {
        if (spooled.truncated) throw errors.payloadTooLarge(config.maxUploadBytes);
        if (spooled.bytes === 0) throw errors.invalidImage('The file is empty (0 bytes).');
        const existing = await repo.findByOwnerAndSha(principal.accountId, spooled.sha256);
        if (existing) return { filename, status: 'duplicate', asset: existing };
        // The verifying decode makes the thumbnail: one decode proves the file whole and fills the grid at once.
        const probe = await probeImage(spooled.path, config.maxImagePixels, thumbnailOf);
        const thumbnailSha = sha256Of(probe.decoded);
        const meta = await readAssetMetadata(spooled.path);
        const now = Date.now();
        const row: AssetRow = {
          id: crypto.randomUUID(),
          owner_id: principal.accountId,
          sha256: spooled.sha256,
          mime: probe.mime,
          bytes: spooled.bytes,
          width: probe.width,
          height: probe.height,
          original_name: filename.slice(0, 255),
          captured_at: meta.capturedAt ?? now,
          captured_at_source: meta.capturedAt ? 'exif' : 'upload',
          latitude: meta.latitude ?? null,
          longitude: meta.longitude ?? null,
          camera_make: meta.cameraMake ?? null,
          camera_model: meta.cameraModel ?? null,
          orientation: meta.orientation ?? probe.orientation ?? null,
          xmp: meta.event || meta.city ? JSON.stringify({ event: meta.event, city: meta.city }) : null,
          thumbnail_sha256: thumbnailSha,
          preview_sha256: null,
          events_detected: 0,
          created_at: now,
          faces_model_version: null,
        };
        const { created } = await blobs.putFile(spooled.path, spooled.sha256);
        const thumb = await blobs.putBuffer(probe.decoded, thumbnailSha);
        try {
          await repo.insert(row);
        } catch (e) {
          // Never leave a blob no row points at.
          if (created && !(await repo.blobInUse(row.sha256))) await blobs.delete(row.sha256);
          if (thumb.created && !(await repo.blobInUse(thumbnailSha))) await blobs.delete(thumbnailSha);
          const raced = await repo.findByOwnerAndSha(principal.accountId, spooled.sha256);
          if (raced) return { filename, status: 'duplicate', asset: raced };
          throw e;
        }
        if (meta.event) await deps.tagAssets(principal.accountId, [row.id], meta.event, 'metadata');
        await jobs.enqueue('asset.derivatives', { assetId: row.id });
        // A no-op when face analysis is off (KITH_FACE_ANALYSIS=off).
        await jobs.enqueue('faces.analyse', { assetId: row.id });
        realtime.emitToAccount(principal.accountId, 'asset.created', { assetId: row.id, ownerId: principal.accountId });
        return { filename, status: 'created', asset: row };
      } catch (e) {
        if (e instanceof AppError) return { filename, status: 'failed', error: e };
        throw e;
      } finally {
        await fsp.rm(spooled.path, { force: true });
      }
    },

    /** After a batch: apply the upload's explicit event tag and queue event detection once for all new photos. */
    async afterBatch(principal: Principal, createdIds: string[], eventTag?: string): Promise<void> {
      if (!createdIds.length) return;
      if (eventTag) await deps.tagAssets(principal.accountId, createdIds, eventTag, 'tag');
      await jobs.enqueue('events.detect', { ownerId: principal.accountId });
    },

    /** @throws 404 `not_found` unless the caller owns the asset or can see it through an album. */
    async getVisible(principal: Principal, id: string): Promise<AssetRow> {
      const asset = await repo.findById(id);
      if (!asset || !(await repo.canView(principal.accountId, id))) throw errors.notFound('asset');
      return asset;
    },

    /** The blob of an asset's original, thumbnail or preview. Makes missing derivatives on the spot. */
    async blobFor(principal: Principal, id: string, kind: 'original' | 'thumbnail' | 'preview') {
      let asset = await this.getVisible(principal, id);
      if (kind !== 'original' && !(asset.thumbnail_sha256 && asset.preview_sha256)) {
        const d = await makeDerivatives(blobs, asset.sha256, config.maxImagePixels, asset.thumbnail_sha256);
        await repo.setDerivatives(asset.id, d.thumbnailSha, d.previewSha);
        asset = { ...asset, thumbnail_sha256: d.thumbnailSha, preview_sha256: d.previewSha };
      }
      const sha = kind === 'original' ? asset.sha256 : kind === 'thumbnail' ? asset.thumbnail_sha256! : asset.preview_sha256!;
      return { asset, sha, mime: kind === 'original' ? asset.mime : 'image/webp', size: await blobs.size(sha) };
    },

    /** A read stream of a blob already authorised through {@link blobFor}. */
    blobStream: (sha: string) => blobs.stream(sha),

    /** Deletes one of the caller's assets, its album entries, and blobs nothing else uses. @throws 404 `not_found`. */
    async delete(principal: Principal, id: string): Promise<void> {
      const asset = await repo.findById(id);
      if (!asset || asset.owner_id !== principal.accountId) throw errors.notFound('asset');
      // Face crops go with the faces (cascade); their blobs are collected first.
      const faceCrops = await repo.faceThumbnailsOf(id);
      await repo.delete(id);
      for (const sha of [asset.sha256, asset.thumbnail_sha256, asset.preview_sha256, ...faceCrops])
        if (sha && !(await repo.blobInUse(sha))) await blobs.delete(sha);
      await deps.onAssetsDeleted(asset.owner_id, [id]);
    },

    /**
     * Re-queues the work a crash lost with the in-process queue: derivatives of assets without
     * them, and event detection for owners with unplaced photos.
     * @returns how many jobs were queued.
     */
    async requeueLostJobs(): Promise<number> {
      const rows = await repo.findMissingDerivatives(10_000);
      for (const r of rows) await jobs.enqueue('asset.derivatives', { assetId: r.id });
      const owners = await db.selectFrom('asset').select('owner_id').distinct().where('events_detected', '=', 0).execute();
      for (const o of owners) await jobs.enqueue('events.detect', { ownerId: o.owner_id });
      return rows.length + owners.length;
    },
  };
}

export type AssetsService = ReturnType<typeof createAssetsService>;
