import type { Kysely, Migration } from 'kysely';

/**
 * Bringing a library in from Google Takeout (assets/takeout-sidecar.ts):
 * - `asset.description`: the photo's caption, from the file's own metadata or a Takeout sidecar's `description`;
 * - `asset_name_suggestion`: names another service gave the people in a photo (Takeout's `people[].name`),
 *   kept apart from People as suggestions for the owner to accept, never as facts. Deleting the photo
 *   removes them.
 */
export const takeoutImportMigration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.alterTable('asset').addColumn('description', 'text').execute();
    await db.schema
      .createTable('asset_name_suggestion')
      .addColumn('asset_id', 'text', (c) => c.notNull().references('asset.id').onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('asset_name_suggestion_pk', ['asset_id', 'name'])
      .execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('asset_name_suggestion').execute();
    await db.schema.alterTable('asset').dropColumn('description').execute();
  },
};
