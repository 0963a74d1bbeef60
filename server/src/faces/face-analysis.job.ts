import crypto from 'node:crypto';
import { descriptorToBytes, FaceInputError, type AnalysedFace, type FaceAnalysis } from '@kith/faces';
import type { FastifyBaseLogger } from 'fastify';
import type { BlobStore } from '../blobs/blob-store.js';
import type { Config } from '../config/config.js';
import type { DomainEventPublisher } from '../common/domain-events.js';
import type { AssetsRepository } from '../assets/assets.repository.js';
import type { RealtimeHub } from '../realtime/realtime-events.js';
import type { FaceAnalyser } from './face-analyser.js';
import { storeFaceCrops } from './face-crops.js';
import type { FacePlacement } from './face-placement.js';
import { failedVersion, type FaceRow, type FaceSummaryRow, type FacesRepository } from './faces.repository.js';

export interface FaceAnalysisDeps {
  faces: FacesRepository;
  assets: AssetsRepository;
  /** Places the new faces in people (face-placement.ts). */
  placement: FacePlacement;
  config: Config;
  blobs: BlobStore;
  realtime: RealtimeHub;
  analyser: FaceAnalyser;
  log?: FastifyBaseLogger;
  /** Publishes `faces.placed` once a photo's faces are stored and placed in people (server-side routing reacts). */
  domainEvents?: DomainEventPublisher;
}

/** Intersection over union of two boxes in normalised coordinates. */
function iou(a: { x: number; y: number; w: number; h: number }, b: { x: number; y: number; w: number; h: number }): number {
  const ix = Math.max(0, Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x));
  const iy = Math.max(0, Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y));
  const inter = ix * iy;
  return inter / (a.w * a.h + b.w * b.h - inter || 1);
}

/** The face row of the previous analysis at the same place (IoU ≥ 0.5), so a re-run keeps ids and people. */
function previousAt(old: FaceSummaryRow[], f: AnalysedFace, used: Set<string>): FaceSummaryRow | undefined {
  const box = { x: f.boxNorm.x, y: f.boxNorm.y, w: f.boxNorm.width, h: f.boxNorm.height };
  let best: FaceSummaryRow | undefined;
  let bestIou = 0.5;
  for (const o of old) {
    const v = iou(box, { x: o.norm_x, y: o.norm_y, w: o.norm_w, h: o.norm_h });
    if (!used.has(o.id) && v >= bestIou) [best, bestIou] = [o, v];
  }
  if (best) used.add(best.id);
  return best;
}

/**
 * Analysis of one photo: the `faces.analyse` job's body.
 *
 * Reads the original from the blob store, runs the engine (worker threads), cuts 160 px face
 * crops from the original, and replaces the asset's faces and its `faces_model_version` in one
 * transaction. Idempotent: a photo already analysed with the current model is skipped unless
 * `force`; a re-run keeps the ids and people of faces found at the same place (IoU ≥ 0.5).
 * An image the engine refuses (FaceInputError) is marked analysed with no faces; an engine failure
 * is marked `<version>!failed`: counted as done for progress, analysed again by a re-index.
 * New faces are then placed in people (face-placement.ts), `faces.placed` is published (routing) and `faces.progress` is pushed.
 */
export function createFaceAnalysis(deps: FaceAnalysisDeps) {
  const { faces, assets, placement, config, blobs, realtime, analyser } = deps;

  async function pushProgress(ownerId: string) {
    realtime.emitToAccount(ownerId, 'faces.progress', await faces.status(ownerId, analyser.modelVersion));
  }

  async function analyseAsset(assetId: string, opts: { force?: boolean } = {}): Promise<{ faces: number } | null> {
    if (!analyser.enabled) return null;
    const asset = await assets.findById(assetId);
    if (!asset || (!opts.force && asset.faces_model_version === analyser.modelVersion)) return null;
    const original = await blobs.read(asset.sha256);
    let analysis: FaceAnalysis | null = null;
    let version = analyser.modelVersion;
    try {
      // The inbox check already analysed these very bytes (face-check.job.ts): reuse it, unless re-indexing.
      analysis = (!opts.force && analyser.takeKept(asset.sha256)) || (await analyser.analyse(original));
    } catch (e) {
      if (e instanceof FaceInputError)
        deps.log?.warn({ assetId, code: e.code }, 'face analysis refused the image; marking it analysed without faces');
      else {
        // An engine failure repeats on every retry: record it (re-index tries again) so progress still completes.
        deps.log?.error({ err: e, assetId }, 'face engine failed on this photo; marked failed (a re-index retries it)');
        version = failedVersion(analyser.modelVersion);
      }
    }
    const found = analysis?.faces ?? [];
    const thumbs = analysis
      ? await storeFaceCrops(
          blobs,
          original,
          analysis,
          found.map((f) => f.box),
          config.maxImagePixels,
        )
      : [];
    const old = await faces.ofAsset(assetId);
    const used = new Set<string>();
    const now = Date.now();
    const rows: FaceRow[] = found.map((f, i) => {
      const prev = previousAt(old, f, used);
      return {
        id: prev?.id ?? crypto.randomUUID(),
        asset_id: asset.id,
        owner_id: asset.owner_id,
        box_x: f.box.x,
        box_y: f.box.y,
        box_w: f.box.width,
        box_h: f.box.height,
        norm_x: f.boxNorm.x,
        norm_y: f.boxNorm.y,
        norm_w: f.boxNorm.width,
        norm_h: f.boxNorm.height,
        score: f.score,
        landmarks: JSON.stringify(f.landmarks),
        quality: JSON.stringify(f.quality),
        quality_score: f.quality.score,
        descriptor: descriptorToBytes(f.descriptor),
        model: analyser.model,
        model_version: analyser.modelVersion,
        person_id: prev?.person_id ?? null,
        thumbnail_sha256: thumbs[i] ?? null,
        created_at: prev?.created_at ?? now,
        evidence: prev?.evidence ?? null,
        evidence_ref: prev?.evidence_ref ?? null,
        evidence_distance: prev?.evidence_distance ?? null,
      };
    });
    // Faces are replaced (same box → same id and person), never added, so a retry cannot duplicate them.
    const replaced = await faces.replaceOfAsset(asset.id, rows);
    for (const sha of new Set(replaced.map((r) => r.thumbnail_sha256)))
      if (sha && !thumbs.includes(sha) && !(await faces.thumbnailInUse(sha))) await blobs.delete(sha);
    const newFaces = rows.filter((r) => !r.person_id).map((r) => r.id);
    if (newFaces.length) await placement.place(asset.owner_id, newFaces);
    if (rows.length)
      await deps.domainEvents?.publish('faces.placed', {
        ownerId: asset.owner_id,
        assetId: asset.id,
        firstAnalysis: asset.faces_model_version === null,
      });
    // Marked analysed only now: a worker killed before this point (kill -9) leaves the photo
    // unanalysed, so the retried job places its faces and routes it too (deliveries are unique per photo × contact).
    await faces.markAnalysed(asset.id, version);
    await pushProgress(asset.owner_id);
    return { faces: rows.length };
  }

  return { analyseAsset, placement, pushProgress };
}

export type FaceAnalysisRunner = ReturnType<typeof createFaceAnalysis>;
