import type { Kysely, Migration } from 'kysely';

/**
 * Who vouches for a face routed to a contact (docs/security.md "Faces and automatic sharing").
 * Automatic sharing acts only on evidence the sender controls, so each placed face records what
 * it matched, each person how its link was made and whether the owner confirmed it, and each
 * delivery the evidence it was suggested or sent on (shown on the suggestion card).
 * - `face.evidence`: `contact_photo` (the photo in the owner's contact card; `evidence_ref` = contact id),
 *   `linked_portrait` (a portrait the linked account registered; `evidence_ref` = reference_face id),
 *   `own_portrait` (the owner's own portrait), `person` (earlier faces of its person; `evidence_ref` =
 *   the closest face id), null (clustered, or placed before this migration). `evidence_distance` is the
 *   calibrated fusion distance (docs/face-calibration.md).
 * - `person.link_source`: how `contact_id`/`account_id` was set (`owner`, or the evidence kind that
 *   made placement link it); `person.confirmed_at` (ms): when the owner linked or confirmed it, null
 *   until then. Links made before this migration stay unconfirmed: they were possibly placement's.
 * - `delivery.evidence_*`: the face, kind, reference id and distance behind the delivery.
 */
export const faceEvidenceMigration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.alterTable('face').addColumn('evidence', 'text').execute();
    await db.schema.alterTable('face').addColumn('evidence_ref', 'text').execute();
    await db.schema.alterTable('face').addColumn('evidence_distance', 'double precision').execute();
    await db.schema.alterTable('person').addColumn('link_source', 'text').execute();
    await db.schema.alterTable('person').addColumn('confirmed_at', 'bigint').execute();
    await db.schema.alterTable('delivery').addColumn('evidence_kind', 'text').execute();
    await db.schema.alterTable('delivery').addColumn('evidence_face_id', 'text').execute();
    await db.schema.alterTable('delivery').addColumn('evidence_ref', 'text').execute();
    await db.schema.alterTable('delivery').addColumn('evidence_distance', 'double precision').execute();
  },
  async down(db: Kysely<any>) {
    for (const c of ['evidence_distance', 'evidence_ref', 'evidence_face_id', 'evidence_kind'])
      await db.schema.alterTable('delivery').dropColumn(c).execute();
    for (const c of ['confirmed_at', 'link_source']) await db.schema.alterTable('person').dropColumn(c).execute();
    for (const c of ['evidence_distance', 'evidence_ref', 'evidence']) await db.schema.alterTable('face').dropColumn(c).execute();
  },
};
