import type { Kysely, Migration } from 'kysely';

/**
 * Favourites and the archive (docs/features/library.md), as Google Photos and Immich have them:
 * `asset.favorite` and `asset.archived`, 0 or 1, set by the photo's owner (an asset has one owner,
 * so the flags are per owner). An archived photo leaves the timeline, events and automatic sharing
 * but stays in albums and search. The index serves the Favourites and Archive views, paged by
 * capture time like the timeline.
 */
export const assetFlagsMigration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .alterTable('asset')
      .addColumn('favorite', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema
      .alterTable('asset')
      .addColumn('archived', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema.createIndex('asset_owner_flags_idx').on('asset').columns(['owner_id', 'archived', 'favorite', 'captured_at']).execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropIndex('asset_owner_flags_idx').execute();
    await db.schema.alterTable('asset').dropColumn('archived').execute();
    await db.schema.alterTable('asset').dropColumn('favorite').execute();
  },
};
