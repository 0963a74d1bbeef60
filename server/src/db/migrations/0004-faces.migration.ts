import { PostgresAdapter, type Kysely, type Migration } from 'kysely';

/**
 * Faces and people: one row per detected face, people (clusters of an owner's
 * faces), the per-asset analysis marker, and descriptors of reference faces (accounts'
 * portraits, contacts' photos in `contact_face`). Descriptors are float32 little-endian blobs (`bytea` on
 * PostgreSQL, `blob` on SQLite) with the model version beside them, so a model change is
 * detected and re-indexed rather than compared across models.
 */
export const facesMigration: Migration = {
  async up(db: Kysely<any>) {
    const blob = db.getExecutor().adapter instanceof PostgresAdapter ? 'bytea' : 'blob';

    await db.schema
      .createTable('person')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('owner_id', 'text', (c) => c.notNull().references('account.id').onDelete('cascade'))
      .addColumn('name', 'text')
      .addColumn('contact_id', 'text', (c) => c.references('contact.id').onDelete('set null'))
      .addColumn('account_id', 'text', (c) => c.references('account.id').onDelete('set null'))
      .addColumn('hidden', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('cover_face_id', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('person_owner_idx').on('person').columns(['owner_id', 'hidden']).execute();

    await db.schema
      .createTable('face')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('asset_id', 'text', (c) => c.notNull().references('asset.id').onDelete('cascade'))
      .addColumn('owner_id', 'text', (c) => c.notNull().references('account.id').onDelete('cascade'))
      .addColumn('box_x', 'double precision', (c) => c.notNull())
      .addColumn('box_y', 'double precision', (c) => c.notNull())
      .addColumn('box_w', 'double precision', (c) => c.notNull())
      .addColumn('box_h', 'double precision', (c) => c.notNull())
      .addColumn('norm_x', 'double precision', (c) => c.notNull())
      .addColumn('norm_y', 'double precision', (c) => c.notNull())
      .addColumn('norm_w', 'double precision', (c) => c.notNull())
      .addColumn('norm_h', 'double precision', (c) => c.notNull())
      .addColumn('score', 'double precision', (c) => c.notNull())
      .addColumn('landmarks', 'text', (c) => c.notNull())
      .addColumn('quality', 'text', (c) => c.notNull())
      .addColumn('quality_score', 'double precision', (c) => c.notNull())
      .addColumn('descriptor', blob, (c) => c.notNull())
      .addColumn('model', 'text', (c) => c.notNull())
      .addColumn('model_version', 'text', (c) => c.notNull())
      .addColumn('person_id', 'text', (c) => c.references('person.id').onDelete('set null'))
      .addColumn('thumbnail_sha256', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('face_asset_idx').on('face').column('asset_id').execute();
    await db.schema.createIndex('face_owner_person_idx').on('face').columns(['owner_id', 'person_id']).execute();
    await db.schema.createIndex('face_person_idx').on('face').column('person_id').execute();

    // null = not analysed yet; otherwise the engine's model version (e.g. `fusion@2`).
    await db.schema.alterTable('asset').addColumn('faces_model_version', 'text').execute();
    await db.schema.createIndex('asset_faces_idx').on('asset').columns(['owner_id', 'faces_model_version']).execute();

    for (const column of ['descriptor', 'model_version', 'face_note'] as const) {
      await db.schema
        .alterTable('reference_face')
        .addColumn(column, column === 'descriptor' ? blob : 'text')
        .execute();
    }
    // A contact's photo as a reference face: kept beside `contact` (not in it) so contact lists never read descriptors.
    await db.schema
      .createTable('contact_face')
      .addColumn('contact_id', 'text', (c) => c.primaryKey().references('contact.id').onDelete('cascade'))
      .addColumn('owner_id', 'text', (c) => c.notNull().references('account.id').onDelete('cascade'))
      .addColumn('photo_sha256', 'text', (c) => c.notNull())
      .addColumn('descriptor', blob)
      .addColumn('model_version', 'text', (c) => c.notNull())
      .addColumn('note', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('contact_face_owner_idx').on('contact_face').column('owner_id').execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('contact_face').execute();
    for (const c of ['face_note', 'model_version', 'descriptor']) await db.schema.alterTable('reference_face').dropColumn(c).execute();
    await db.schema.dropIndex('asset_faces_idx').execute();
    await db.schema.alterTable('asset').dropColumn('faces_model_version').execute();
    await db.schema.dropTable('face').execute();
    await db.schema.dropTable('person').execute();
  },
};
