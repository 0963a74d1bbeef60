import type { Kysely, Migration } from 'kysely';

/** Assets, albums (user, event, inbox), album membership, events and event markers. */
export const libraryMigration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('asset')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('owner_id', 'text', (c) => c.notNull().references('account.id').onDelete('cascade'))
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('mime', 'text', (c) => c.notNull())
      .addColumn('bytes', 'bigint', (c) => c.notNull())
      .addColumn('width', 'integer', (c) => c.notNull())
      .addColumn('height', 'integer', (c) => c.notNull())
      .addColumn('original_name', 'text', (c) => c.notNull())
      .addColumn('captured_at', 'bigint', (c) => c.notNull())
      .addColumn('captured_at_source', 'text', (c) => c.notNull())
      .addColumn('latitude', 'double precision')
      .addColumn('longitude', 'double precision')
      .addColumn('camera_make', 'text')
      .addColumn('camera_model', 'text')
      .addColumn('orientation', 'integer')
      .addColumn('xmp', 'text')
      .addColumn('thumbnail_sha256', 'text')
      .addColumn('preview_sha256', 'text')
      .addColumn('events_detected', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addUniqueConstraint('asset_owner_sha_uq', ['owner_id', 'sha256'])
      .execute();
    await db.schema.createIndex('asset_timeline_idx').on('asset').columns(['owner_id', 'captured_at', 'id']).execute();
    await db.schema.createIndex('asset_sha_idx').on('asset').column('sha256').execute();
    await db.schema.createIndex('asset_detect_idx').on('asset').columns(['owner_id', 'events_detected']).execute();

    await db.schema
      .createTable('album')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('owner_id', 'text', (c) => c.notNull().references('account.id').onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('event_marker', 'text')
      .addColumn('event_start', 'bigint')
      .addColumn('event_end', 'bigint')
      .addColumn('event_latitude', 'double precision')
      .addColumn('event_longitude', 'double precision')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('album_owner_idx').on('album').columns(['owner_id', 'kind']).execute();
    // One event album per initiator and marker: what makes re-sharing an event idempotent.
    await db.schema.createIndex('album_event_uq').on('album').columns(['owner_id', 'kind', 'event_marker']).unique().execute();

    await db.schema
      .createTable('album_asset')
      .addColumn('album_id', 'text', (c) => c.notNull().references('album.id').onDelete('cascade'))
      .addColumn('asset_id', 'text', (c) => c.notNull().references('asset.id').onDelete('cascade'))
      .addColumn('contributor_id', 'text', (c) => c.notNull())
      .addColumn('added_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('album_asset_pk', ['album_id', 'asset_id'])
      .execute();
    await db.schema.createIndex('album_asset_asset_idx').on('album_asset').column('asset_id').execute();

    await db.schema
      .createTable('album_member')
      .addColumn('album_id', 'text', (c) => c.notNull().references('album.id').onDelete('cascade'))
      .addColumn('account_id', 'text', (c) => c.notNull().references('account.id').onDelete('cascade'))
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('added_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('album_member_pk', ['album_id', 'account_id'])
      .execute();
    await db.schema.createIndex('album_member_account_idx').on('album_member').column('account_id').execute();

    await db.schema
      .createTable('event')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('owner_id', 'text', (c) => c.notNull().references('account.id').onDelete('cascade'))
      .addColumn('marker', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('locked', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('start_at', 'bigint', (c) => c.notNull())
      .addColumn('end_at', 'bigint', (c) => c.notNull())
      .addColumn('latitude', 'double precision')
      .addColumn('longitude', 'double precision')
      .addColumn('place', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addUniqueConstraint('event_owner_marker_uq', ['owner_id', 'marker'])
      .execute();
    await db.schema.createIndex('event_marker_idx').on('event').column('marker').execute();
    await db.schema.createIndex('event_window_idx').on('event').columns(['owner_id', 'start_at']).execute();

    await db.schema
      .createTable('asset_event')
      .addColumn('asset_id', 'text', (c) => c.notNull().references('asset.id').onDelete('cascade'))
      .addColumn('event_id', 'text', (c) => c.notNull().references('event.id').onDelete('cascade'))
      .addPrimaryKeyConstraint('asset_event_pk', ['asset_id', 'event_id'])
      .execute();
    await db.schema.createIndex('asset_event_event_idx').on('asset_event').column('event_id').execute();
  },
  async down(db: Kysely<any>) {
    for (const t of ['asset_event', 'event', 'album_member', 'album_asset', 'album', 'asset']) await db.schema.dropTable(t).execute();
  },
};
