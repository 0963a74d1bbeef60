import { FaceInputError } from '@kith/faces';
import type { FastifyBaseLogger } from 'fastify';
import type { BlobStore } from '../blobs/blob-store.js';
import type { Db } from '../db/database.js';
import { AppError } from '../common/errors.js';
import type { FaceAnalyser } from './face-analyser.js';
import { describeReference } from './reference-checks.js';

/**
 * A contact's photo (vCard PHOTO, or an image uploaded for the contact) as a reference face,
 * tolerant mode (reference-checks.ts): the largest face is kept with a warning; a photo without
 * a face keeps a `contact_face` row without descriptor and a note, so it is not analysed again.
 */
export function createContactFaces(deps: { db: Db; blobs: BlobStore; analyser: FaceAnalyser; log?: FastifyBaseLogger }) {
  const { db, blobs, analyser } = deps;

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
    await db
      .insertInto('contact_face')
      .values({ contact_id: contact.id, ...row })
      .onConflict((oc) => oc.column('contact_id').doUpdateSet(row))
      .execute();
    return note;
  }

  /** The `faces.contact` job: analyses the contact's current photo unless already done with this model. */
  async function analyseContact(contactId: string): Promise<void> {
    if (!analyser.enabled) return;
    const c = await db.selectFrom('contact').select(['id', 'owner_id', 'photo_sha256']).where('id', '=', contactId).executeTakeFirst();
    if (!c?.photo_sha256 || !(await blobs.has(c.photo_sha256))) return;
    const done = await db.selectFrom('contact_face').selectAll().where('contact_id', '=', contactId).executeTakeFirst();
    if (done && done.photo_sha256 === c.photo_sha256 && done.model_version === analyser.modelVersion) return;
    await describe(c, c.photo_sha256, await blobs.read(c.photo_sha256), false);
  }

  return {
    describe,
    analyseContact,

    /** Contacts of an owner whose photo was never described, changed, or was described by another model. */
    async redescribeStale(ownerId: string): Promise<void> {
      const rows = await db
        .selectFrom('contact')
        .leftJoin('contact_face as f', 'f.contact_id', 'contact.id')
        .select(['contact.id'])
        .where('contact.owner_id', '=', ownerId)
        .where('contact.photo_sha256', 'is not', null)
        .where((eb) =>
          eb.or([
            eb('f.contact_id', 'is', null),
            eb('f.model_version', '!=', analyser.modelVersion),
            eb('f.photo_sha256', '!=', eb.ref('contact.photo_sha256')),
          ]),
        )
        .execute();
      for (const r of rows) await analyseContact(r.id);
    },

    /** The stored note of a contact's photo (null when fine or not analysed). */
    noteOf: async (contactId: string) =>
      (await db.selectFrom('contact_face').select('note').where('contact_id', '=', contactId).executeTakeFirst())?.note ?? null,
  };
}

export type ContactFaces = ReturnType<typeof createContactFaces>;
