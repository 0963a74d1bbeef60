import crypto from 'node:crypto';
import fsp from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { probeImage, type ProbedImage } from '../assets/image-probe.js';
import { spoolToTempFile, type SpooledFile } from '../assets/upload-stream.js';
import type { BlobStore } from '../blobs/blob-store.js';
import type { Config } from '../config/config.js';
import { AppError, errors } from '../common/errors.js';
import type { FaceAnalyser } from './face-analyser.js';
import { describeReference, type DescribedReference } from './reference-checks.js';
import type { Principal } from '../common/principal.js';
import type { ReferenceFaceAccess } from './reference-face.access.js';
import type { ReferenceFaceRow, ReferenceFacesRepository } from './reference-faces.repository.js';

export interface ReferenceFacesServiceDeps {
  repo: ReferenceFacesRepository;
  access: ReferenceFaceAccess;
  config: Config;
  blobs: BlobStore;
  /** Describes each reference face; when analysis is off, reference faces are stored without descriptors. */
  analyser: FaceAnalyser;
}

/** One uploaded reference face as the multipart plugin hands it over. */
export interface ReferenceFaceUpload {
  file: Readable & { truncated?: boolean };
  filename: string;
}

/**
 * Reference faces: photos a user gives of themself, stored now (blob store + `reference_face`)
 * and used later by face recognition to find them in other people's photos
 * (face-routed sharing). Only the owner ever sees or deletes them.
 */
export function createReferenceFacesService({ repo, access, config, blobs, analyser }: ReferenceFacesServiceDeps) {
  /** Decodes the spooled file; errors name the file so the user knows which one to replace. */
  async function verify(file: SpooledFile, filename: string): Promise<{ probe: ProbedImage; face: DescribedReference | null }> {
    try {
      if (file.truncated) throw errors.payloadTooLarge(config.maxUploadBytes);
      const probe = await probeImage(file.path, config.maxImagePixels);
      // Strict: exactly one usable face (422 no_face / several_faces / face_too_small otherwise).
      const face = analyser.enabled ? await describeReference(analyser, await fsp.readFile(file.path), 'strict') : null;
      return { probe, face };
    } catch (e) {
      if (e instanceof AppError) throw errors.rephrased(e, `${filename || 'file'}: ${e.message}`, { ...e.details, filename });
      throw e;
    }
  }

  return {
    /**
     * Stores one or more reference faces. All-or-nothing: every file is spooled to a temp file and
     * verified by decoding (probeImage) before any is kept, so one bad file adds nothing.
     * The same image twice (same SHA-256) gives the existing face back instead of a copy.
     *
     * @returns the faces in upload order.
     * With face analysis on, each reference face must show exactly one usable face (eyes' outer corners
     * ≥ 80 px apart), whose descriptor is stored for matching (reference-checks.ts).
     *
     * @throws 400 `no_files`, 413 `payload_too_large`, 415 `unsupported_media_type`,
     *         422 `invalid_image` / `image_too_large` / `no_face` / `several_faces` / `face_too_small`;
     *         messages start with the file's name.
     */
    async add(principal: Principal, uploads: AsyncIterable<ReferenceFaceUpload>): Promise<ReferenceFaceRow[]> {
      const temps: string[] = [];
      const spooled: Array<{ file: SpooledFile; probe: ProbedImage; face: DescribedReference | null }> = [];
      try {
        for await (const upload of uploads) {
          const file = await spoolToTempFile(upload.file, blobs.tempPath());
          temps.push(file.path);
          spooled.push({ file, ...(await verify(file, upload.filename)) });
        }
        if (!spooled.length) throw errors.badRequest('no_files', 'The request holds no file: add one or more reference face photos.');

        const faces: ReferenceFaceRow[] = [];
        const fresh: ReferenceFaceRow[] = [];
        // One millisecond apart, so listing by created_at keeps the upload order within a request.
        const now = Date.now();
        for (const { file, probe, face } of spooled) {
          const known = (await repo.findBySha(principal.accountId, file.sha256)) ?? fresh.find((f) => f.sha256 === file.sha256);
          if (known) {
            faces.push(known);
            continue;
          }
          await blobs.putFile(file.path, file.sha256);
          const row: ReferenceFaceRow = {
            id: crypto.randomUUID(),
            account_id: principal.accountId,
            sha256: file.sha256,
            mime: probe.mime,
            width: probe.width,
            height: probe.height,
            created_at: now + fresh.length,
            descriptor: face?.descriptor ?? null,
            model_version: face?.modelVersion ?? null,
            face_note: face?.warning ?? null,
          };
          fresh.push(row);
          faces.push(row);
        }
        await repo.insertMany(fresh);
        return faces;
      } finally {
        // Temp files not moved into the store (failures, duplicates) are removed; rm of a moved one is a no-op.
        await Promise.all(temps.map((t) => fsp.rm(t, { force: true })));
      }
    },

    list: (principal: Principal) => repo.list(principal.accountId),

    /** The reference face's bytes. @throws 404 `not_found` when it is not the caller's. */
    async image(principal: Principal, id: string): Promise<{ stream: Readable; mime: string; size: number }> {
      const face = await access.requireReferenceFace(principal, id);
      return { stream: blobs.stream(face.sha256), mime: face.mime, size: await blobs.size(face.sha256) };
    },

    /** @throws 404 `not_found`. The blob stays: blobs are content-addressed and may be shared. */
    async remove(principal: Principal, id: string): Promise<void> {
      await access.requireReferenceFace(principal, id);
      if (!(await repo.delete(principal.accountId, id))) throw errors.notFound('reference face');
    },
  };
}

export type ReferenceFacesService = ReturnType<typeof createReferenceFacesService>;
