import { FaceInputError } from '@kith/faces';
import type { FastifyBaseLogger } from 'fastify';
import type { BlobStore } from '../blobs/blob-store.js';
import { AppError } from '../common/errors.js';
import type { FaceAnalyser } from './face-analyser.js';
import type { ContactFacesRepository } from './contact-faces.repository.js';
import { describeReference } from './reference-checks.js';

/**
 * A contact's photo (vCard PHOTO, or an image uploaded for the contact) as a reference face,
 * tolerant mode (reference-checks.ts): the largest face is kept with a warning; a photo without
 * a face keeps a `contact_face` row without descriptor and a note, so it is not analysed again.
 */
export function createContactFaces(deps: {
  repo: ContactFacesRepository;
  blobs: BlobStore;
  analyser: FaceAnalyser;
  log?: FastifyBaseLogger;
}) {
  const { repo, blobs, analyser } = deps;

  /**
   * Describes `bytes` as the reference face of a contact and stores it (replacing any earlier one).
   * @returns the warning to show (null when the photo is fine).
   * @throws 422 `no_face` / `invalid_image` / `image_too_large` when `strictNoFace`; otherwise stores the note.
   */
  async function describe(contact: { id: string; owner_id: string }, photoSha: string, bytes: Buffer, strictNoFace: boolean) {
    let descriptor: Buffer | null = null;
    let note: string | null;
    try {
      const ref = await describeReference(analyser, bytes, 'tolerant');
      descriptor = ref.descriptor;
      note = ref.warning;
    } catch (e) {
      if (strictNoFace || !(e instanceof AppError || e instanceof FaceInputError)) throw e;
      note = e.message;
    }
    const row = {
      owner_id: contact.owner_id,
      photo_sha256: photoSha,
      descriptor,
      model_version: analyser.modelVersion,
      note,
      created_at: Date.now(),
    };
    await repo.upsert(contact.id, row);
    return note;
  }

  /** The `faces.contact` job: analyses the contact's current photo unless already done with this model. */
  async function analyseContact(contactId: string): Promise<void> {
    if (!analyser.enabled) return;
    const c = await repo.contactPhoto(contactId);
    if (!c?.photo_sha256 || !(await blobs.has(c.photo_sha256))) return;
    const done = await repo.find(contactId);
    if (done && done.photo_sha256 === c.photo_sha256 && done.model_version === analyser.modelVersion) return;
    await describe(c, c.photo_sha256, await blobs.read(c.photo_sha256), false);
  }

  return {
    describe,
    analyseContact,

    /** Contacts of an owner whose photo was never described, changed, or was described by another model. */
    async redescribeStale(ownerId: string): Promise<void> {
      for (const id of await repo.staleContacts(ownerId, analyser.modelVersion)) await analyseContact(id);
    },

    /** The stored note of a contact's photo (null when fine or not analysed). */
    noteOf: repo.noteOf,
  };
}

export type ContactFaces = ReturnType<typeof createContactFaces>;
