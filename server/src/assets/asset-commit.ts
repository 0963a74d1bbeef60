import crypto from 'node:crypto';
import type { Principal } from '../common/principal.js';
import type { BlobStore } from '../blobs/blob-store.js';
import type { JobQueue } from '../jobs/job-queue.js';
import type { RealtimeHub } from '../realtime/realtime-events.js';
import type { AssetMetadata } from './asset-metadata.js';
import { sha256Of } from './asset-derivatives.js';
import type { AssetRow, AssetsRepository } from './assets.repository.js';
import type { UploadSidecar } from './upload-sidecar.js';

/** An image that is in the library: just stored, or the caller's existing asset with the same bytes. */
export interface IngestedAsset {
  filename: string;
  status: 'created' | 'duplicate';
  asset: AssetRow;
  error?: undefined;
  /** A duplicate that was in the owner's trash and is back in the library. */
  restored?: boolean;
}

/** What both ingest paths know once the bytes are hashed and known to be an image. */
export interface VerifiedImage {
  filename: string;
  sha256: string;
  /** Size of the original in bytes. */
  bytes: number;
  mime: string;
  width: number;
  height: number;
  meta: AssetMetadata;
  /** What the client knew from elsewhere (upload-sidecar.ts): used only where `meta` is empty. */
  sidecar?: UploadSidecar;
  orientation?: number;
  /** The 250 px thumbnail (`thumbnailOf`); undefined: the `asset.derivatives` job makes it after the answer. */
  thumbnail?: Buffer;
  eventsDetected?: boolean;
  /** Moves the original into the blob store under `sha256` (atomic). */
  storeOriginal: () => Promise<{ created: boolean }>;
  /**
   * Runs right after the row is inserted, before any job or event sees the asset (e.g. the album inbox
   * filing it). If it throws, the row and the blobs this ingest created are removed and the error propagates.
   */
  onInserted?: (asset: AssetRow) => Promise<void>;
}

export interface AssetCommitDeps {
  repo: AssetsRepository;
  blobs: BlobStore;
  jobs: JobQueue;
  realtime: RealtimeHub;
  tagAssets: (ownerId: string, assetIds: string[], marker: string, source: 'tag' | 'metadata') => Promise<void>;
}

/**
 * The shared tail of ingest: blobs, then the row, then tags, jobs and the realtime event.
 * Blobs go first so a row never points at a missing blob; if the insert fails, blobs
 * nothing else uses are removed, and a concurrent upload of the same bytes that won the
 * race is answered as a duplicate.
 */
export function createAssetCommit(deps: AssetCommitDeps) {
  const { repo, blobs, jobs, realtime } = deps;
  return async function commit(principal: Principal, v: VerifiedImage): Promise<IngestedAsset> {
    const { filename, meta } = v;
    const sidecar = v.sidecar ?? { people: [] };
    // Both blobs at once (one's disk write overlaps the other's); if either fails, the other is
    // not left behind.
    const storeThumbnail = async () => {
      if (v.thumbnail === undefined) return { sha: null, created: false };
      const sha = sha256Of(v.thumbnail);
      return { sha, ...(await blobs.putBuffer(v.thumbnail, sha)) };
    };
    const [original, thumb] = await Promise.allSettled([v.storeOriginal(), storeThumbnail()]);
    const created = [
      original.status === 'fulfilled' && original.value.created && v.sha256,
      thumb.status === 'fulfilled' && thumb.value.created && thumb.value.sha,
    ].filter((sha): sha is string => !!sha);
    const dropUnused = async () => {
      for (const sha of created) if (!(await repo.blobInUse(sha))) await blobs.delete(sha);
    };
    if (original.status === 'rejected' || thumb.status === 'rejected') {
      await dropUnused();
      throw original.status === 'rejected' ? original.reason : (thumb as PromiseRejectedResult).reason;
    }
    const thumbnailSha = thumb.value.sha;
    const now = Date.now();
    const row: AssetRow = {
      id: crypto.randomUUID(),
      owner_id: principal.accountId,
      sha256: v.sha256,
      mime: v.mime,
      bytes: v.bytes,
      width: v.width,
      height: v.height,
      original_name: filename.slice(0, 255),
      captured_at: meta.capturedAt ?? sidecar.capturedAt ?? now,
      captured_at_source: meta.capturedAt ? 'exif' : sidecar.capturedAt !== undefined ? 'client' : 'upload',
      latitude: meta.latitude ?? (meta.longitude === undefined ? sidecar.latitude : undefined) ?? null,
      longitude: meta.longitude ?? (meta.latitude === undefined ? sidecar.longitude : undefined) ?? null,
      camera_make: meta.cameraMake ?? null,
      camera_model: meta.cameraModel ?? null,
      orientation: v.orientation ?? null,
      xmp: meta.event || meta.city ? JSON.stringify({ event: meta.event, city: meta.city }) : null,
      description: meta.description ?? sidecar.description ?? null,
      thumbnail_sha256: thumbnailSha,
      preview_sha256: null,
      events_detected: v.eventsDetected ? 1 : 0,
      created_at: now,
      faces_model_version: null,
      trashed_at: null,
      favorite: 0,
      archived: 0,
    };
    try {
      await repo.insert(row);
    } catch (e) {
      await dropUnused(); // never leave a blob no row points at
      const raced = await repo.findByOwnerAndSha(principal.accountId, v.sha256);
      if (raced) return { filename, status: 'duplicate', asset: raced };
      throw e;
    }
    if (v.onInserted || sidecar.people.length) {
      try {
        if (sidecar.people.length) await repo.addNameSuggestions(row.id, sidecar.people, 'takeout', now);
        await v.onInserted?.(row);
      } catch (e) {
        // No job was queued yet, so nothing else can be writing blobs for this asset.
        await repo.delete(row.id);
        await dropUnused();
        throw e;
      }
    }
    if (meta.event) await deps.tagAssets(principal.accountId, [row.id], meta.event, 'metadata');
    await jobs.enqueue('asset.derivatives', { assetId: row.id });
    // A no-op when face analysis is off (KITH_FACE_ANALYSIS=off).
    await jobs.enqueue('faces.analyse', { assetId: row.id });
    realtime.emitToAccount(principal.accountId, 'asset.created', { assetId: row.id, ownerId: principal.accountId });
    return { filename, status: 'created', asset: row };
  };
}
