import type { Readable } from 'node:stream';
import type { FastifyBaseLogger } from 'fastify';
import type { Principal } from '../common/principal.js';
import type { AccessService } from '../access/access.service.js';
import type { AssetsRepository } from '../assets/assets.repository.js';
import type { BlobStore } from '../blobs/blob-store.js';
import type { Config } from '../config/config.js';
import { errors } from '../common/errors.js';
import type { JobQueue } from '../jobs/job-queue.js';
import type { RealtimeHub } from '../realtime/realtime-events.js';
import type { ReferenceFacesRepository } from './reference-faces.repository.js';
import { createContactFaces } from './contact-faces.js';
import type { ContactFacesRepository } from './contact-faces.repository.js';
import type { FaceAccess } from './face.access.js';
import type { FaceAnalyser } from './face-analyser.js';
import { createFaceAnalysis, type FaceAnalysisDeps } from './face-analysis.job.js';
import { createFacePlacement } from './face-placement.js';
import type { FacesRepository } from './faces.repository.js';
import type { PeopleRepository } from './people.repository.js';
import type { ReferenceDescriptorsRepository } from './reference-descriptors.repository.js';
import { personDisplayName } from './faces.mapper.js';
import { describeReference } from './reference-checks.js';

export interface FacesServiceDeps {
  repo: FacesRepository;
  people: PeopleRepository;
  referenceFaces: ReferenceFacesRepository;
  contactFaces: ContactFacesRepository;
  references: ReferenceDescriptorsRepository;
  config: Config;
  blobs: BlobStore;
  jobs: JobQueue;
  realtime: RealtimeHub;
  analyser: FaceAnalyser;
  assets: AssetsRepository;
  /** The one asset access check (access/access.service.ts). */
  access: Pick<AccessService, 'requireAsset'>;
  /** The one face access check (face.access.ts). */
  faceAccess: FaceAccess;
  log?: FastifyBaseLogger;
  /** Publishes `faces.placed` after a photo's faces are placed: server-side routing reacts (face-analysis.job.ts). */
  domainEvents?: FaceAnalysisDeps['domainEvents'];
}

/** Photos queued per re-index request at most (a library beyond that takes a second request). */
const REINDEX_BATCH = 100_000;

/**
 * Face analysis of libraries: the per-upload job, re-indexing, progress, faces of a photo and
 * face-crop thumbnails, plus reference faces' descriptors (accounts' reference faces, contacts' photos).
 * Seed: face-routed-sharing CN103369031A [0052].
 */
export function createFacesService(deps: FacesServiceDeps) {
  const { repo, people, jobs, analyser, blobs, referenceFaces } = deps;
  const placement = createFacePlacement({ faces: repo, people, references: deps.references }, analyser.model, analyser.modelVersion);
  const analysis = createFaceAnalysis({ ...deps, faces: repo, placement });
  const contactFaces = createContactFaces({ repo: deps.contactFaces, blobs, analyser, log: deps.log });
  // Owners being re-indexed: their unassigned faces get one full clustering pass after the last photo.
  const reclusterPending = new Set<string>();

  async function clusterFinishedOwners() {
    for (const ownerId of [...reclusterPending]) {
      const s = await repo.status(ownerId, analyser.modelVersion);
      if (s.done < s.total) continue;
      reclusterPending.delete(ownerId);
      const changed = await analysis.placement.place(ownerId);
      if (changed.length) deps.realtime.emitToAccount(ownerId, 'people.updated', { personIds: changed });
    }
  }

  /** Reference faces stored before analysis was on, or with another model: described again, tolerantly (they were accepted once). */
  async function redescribeReferenceFaces(accountId: string) {
    for (const r of await referenceFaces.stale(accountId, analyser.modelVersion)) {
      try {
        const ref = await describeReference(analyser, await blobs.read(r.sha256), 'tolerant');
        await referenceFaces.setDescription(accountId, r.id, {
          descriptor: ref.descriptor,
          model_version: ref.modelVersion,
          face_note: ref.warning,
        });
      } catch (e) {
        deps.log?.warn({ err: e, referenceFaceId: r.id }, 'reference face could not be described again');
      }
    }
  }

  return {
    analysis,
    contactFaces,

    /**
     * The `faces.analyse` job's work (faces.job.ts): analyses one photo, then clusters the libraries
     * whose re-index it finished. Idempotent (see face-analysis.job.ts).
     */
    async analysePhoto(assetId: string): Promise<void> {
      await analysis.analyseAsset(assetId);
      await clusterFinishedOwners();
    },

    /**
     * The `faces.reindex` job's work (faces.job.ts): describes the owner's stale reference faces and contact
     * photos again, queues `faces.analyse` for each photo not analysed with the current model, and
     * clusters the unassigned faces once the last one is done (at once when none is stale).
     */
    async reindexOwner(ownerId: string): Promise<void> {
      await redescribeReferenceFaces(ownerId);
      await contactFaces.redescribeStale(ownerId);
      const stale = await repo.staleAssets(ownerId, analyser.modelVersion, REINDEX_BATCH);
      reclusterPending.add(ownerId);
      for (const a of stale) await jobs.enqueue('faces.analyse', { assetId: a.id });
      if (!stale.length) await clusterFinishedOwners();
    },

    /**
     * Face analysis progress of the caller's library.
     * @returns `done` of `total` photos analysed with the current model, faces found, people (visible), and whether analysis is on.
     */
    async status(principal: Principal) {
      const s = await repo.status(principal.accountId, analyser.modelVersion);
      const visible = await people.countVisible(principal.accountId);
      return { enabled: analyser.enabled, model: analyser.model, modelVersion: analyser.modelVersion, ...s, people: visible };
    },

    /**
     * Queues the caller's re-index: stale reference descriptors are described again, photos not
     * analysed with the current model are queued, and the unassigned faces are clustered once
     * they are done. @returns how many photos were queued.
     * @throws 409 `face_analysis_off` when KITH_FACE_ANALYSIS=off.
     */
    async reindex(principal: Principal): Promise<{ queued: number }> {
      if (!analyser.enabled)
        throw errors.conflict('face_analysis_off', 'Face analysis is switched off on this server (KITH_FACE_ANALYSIS=off); ask its admin.');
      const s = await repo.status(principal.accountId, analyser.modelVersion);
      await jobs.enqueue('faces.reindex', { ownerId: principal.accountId });
      return { queued: s.total - s.done };
    },

    /** Faces of a photo the caller can see (boxes for the viewer). @throws 404 `not_found`. */
    async ofAsset(principal: Principal, assetId: string) {
      await deps.access.requireAsset(principal, assetId, 'read');
      const asset = await deps.assets.findById(assetId);
      if (!asset) throw errors.notFound('asset');
      // People are the owner's own grouping: others see the boxes, not the owner's names.
      const rows = await repo.ofAsset(assetId);
      const showPeople = asset.owner_id === principal.accountId;
      const personIds = [...new Set(rows.flatMap((f) => (f.person_id ? [f.person_id] : [])))];
      const names = new Map<string, string | null>();
      if (showPeople && personIds.length) {
        for (const p of await people.namesOf(personIds)) names.set(p.id, p.hidden ? null : personDisplayName(p));
      }
      return { asset, faces: rows, showPeople, names };
    },

    /** The 160 px WebP crop of one of the caller's faces. @throws 404 `not_found`. */
    async thumbnail(principal: Principal, faceId: string): Promise<{ stream: Readable; mime: string; size: number }> {
      const face = await deps.faceAccess.requireFace(principal, faceId);
      if (!face.thumbnail_sha256 || !(await blobs.has(face.thumbnail_sha256))) throw errors.notFound('face');
      return { stream: blobs.stream(face.thumbnail_sha256), mime: 'image/webp', size: await blobs.size(face.thumbnail_sha256) };
    },

    /**
     * At start: queues analysis of photos never analysed (the in-process queue loses jobs with the
     * process), and a re-index of every library described by another face model (after an upgrade
     * or a `KITH_FACE_MODEL` change: until then its reference faces would match nothing).
     * @returns how many jobs were queued.
     */
    async requeueUnanalysed(): Promise<number> {
      if (!analyser.enabled) return 0;
      const rows = await repo.unanalysedAssets(10_000);
      for (const r of rows) await jobs.enqueue('faces.analyse', { assetId: r.id });
      const owners = await repo.ownersOnOtherModel(analyser.modelVersion);
      for (const ownerId of owners) await jobs.enqueue('faces.reindex', { ownerId });
      return rows.length + owners.length;
    },
  };
}

export type FacesService = ReturnType<typeof createFacesService>;
