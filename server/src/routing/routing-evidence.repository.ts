import type { Db } from '../db/database.js';

/** Where the image a delivery's evidence face matched lives: its blob digest and type. */
export interface EvidenceImage {
  sha256: string;
  mime: string;
}

/**
 * The image a delivery's evidence face was matched against, for the suggestion card, read for
 * the delivery's owner only (undefined for anyone else, or when it is gone):
 * - `contact_photo`: the photo in the owner's own contact card;
 * - `linked_reference_face`: the reference face the recipient registered (`reference_face`), and only while
 *   the delivery's contact is still linked to the account that registered it — the recipient
 *   registered it to be recognised by the people who hold them as a contact (docs/security.md
 *   "Faces and automatic sharing");
 * - `person`: the crop of the owner's earlier face it resembled.
 */
export async function findEvidenceImage(db: Db, ownerId: string, deliveryId: string): Promise<EvidenceImage | undefined> {
  const d = await db
    .selectFrom('delivery')
    .select(['contact_id', 'evidence_kind', 'evidence_ref'])
    .where('id', '=', deliveryId)
    .where('owner_id', '=', ownerId)
    .executeTakeFirst();
  if (!d?.evidence_ref) return undefined;
  if (d.evidence_kind === 'contact_photo') {
    const c = await db
      .selectFrom('contact')
      .select(['photo_sha256', 'photo_mime'])
      .where('id', '=', d.evidence_ref)
      .where('owner_id', '=', ownerId)
      .executeTakeFirst();
    return c?.photo_sha256 && c.photo_mime ? { sha256: c.photo_sha256, mime: c.photo_mime } : undefined;
  }
  if (d.evidence_kind === 'linked_reference_face')
    return db
      .selectFrom('reference_face as r')
      .innerJoin('contact as c', 'c.linked_account_id', 'r.account_id')
      .select(['r.sha256', 'r.mime'])
      .where('r.id', '=', d.evidence_ref)
      .where('c.id', '=', d.contact_id)
      .where('c.owner_id', '=', ownerId)
      .executeTakeFirst();
  if (d.evidence_kind === 'person') {
    const f = await db
      .selectFrom('face')
      .select('thumbnail_sha256')
      .where('id', '=', d.evidence_ref)
      .where('owner_id', '=', ownerId)
      .executeTakeFirst();
    return f?.thumbnail_sha256 ? { sha256: f.thumbnail_sha256, mime: 'image/webp' } : undefined;
  }
  return undefined;
}

/** The evidence images of deliveries, as a repository the routing service receives. */
export function createRoutingEvidenceRepository(db: Db) {
  return {
    /** See {@link findEvidenceImage}. */
    findEvidenceImage: (ownerId: string, deliveryId: string) => findEvidenceImage(db, ownerId, deliveryId),
  };
}

export type RoutingEvidenceRepository = ReturnType<typeof createRoutingEvidenceRepository>;
