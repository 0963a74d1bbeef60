import type { Kysely, Migration } from 'kysely';

/**
 * The trash (docs/trash.md): `asset.trashed_at`, ms since epoch when the owner moved the photo to
 * the trash, null while it is in the library. A trashed photo keeps its row, blobs, album entries,
 * faces and markers, so restoring it brings everything back; it is deleted for ever after
 * `KITH_TRASH_DAYS` or when the owner empties the trash. The index serves the trash list and the purge.
 */
export const assetTrashMigration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.alterTable('asset').addColumn('trashed_at', 'bigint').execute();
    await db.schema.createIndex('asset_trashed_idx').on('asset').columns(['trashed_at', 'owner_id']).execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropIndex('asset_trashed_idx').execute();
    await db.schema.alterTable('asset').dropColumn('trashed_at').execute();
  },
};
