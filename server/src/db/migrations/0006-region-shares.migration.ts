import type { Kysely, Migration } from 'kysely';

/** Region shares (crops of web images), connector links (Mastodon, webhook) and site keys. */
export const regionSharesMigration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('site_key')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('owner_id', 'text', (c) => c.notNull().references('account.id').onDelete('cascade'))
      .addColumn('key', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('origins', 'text', (c) => c.notNull())
      .addColumn('targets', 'text', (c) => c.notNull())
      .addColumn('album_id', 'text', (c) => c.references('album.id').onDelete('set null'))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('site_key_owner_idx').on('site_key').column('owner_id').execute();

    await db.schema
      .createTable('region_share')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('owner_id', 'text', (c) => c.notNull().references('account.id').onDelete('cascade'))
      .addColumn('asset_id', 'text', (c) => c.notNull().references('asset.id').onDelete('cascade'))
      .addColumn('site_key_id', 'text', (c) => c.references('site_key.id').onDelete('set null'))
      .addColumn('page_url', 'text', (c) => c.notNull())
      .addColumn('image_url', 'text', (c) => c.notNull())
      .addColumn('image_index', 'integer', (c) => c.notNull())
      .addColumn('rect_x', 'integer', (c) => c.notNull())
      .addColumn('rect_y', 'integer', (c) => c.notNull())
      .addColumn('rect_width', 'integer', (c) => c.notNull())
      .addColumn('rect_height', 'integer', (c) => c.notNull())
      .addColumn('natural_width', 'integer', (c) => c.notNull())
      .addColumn('natural_height', 'integer', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('target', 'text', (c) => c.notNull())
      .addColumn('image_source', 'text', (c) => c.notNull())
      .addColumn('delivery_status', 'text', (c) => c.notNull())
      .addColumn('delivery_url', 'text')
      .addColumn('delivery_error', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('region_share_owner_idx').on('region_share').columns(['owner_id', 'created_at']).execute();

    await db.schema
      .createTable('connector_link')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('owner_id', 'text', (c) => c.notNull().references('account.id').onDelete('cascade'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('url', 'text', (c) => c.notNull())
      .addColumn('secret_sealed', 'text', (c) => c.notNull())
      .addColumn('options', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addUniqueConstraint('connector_link_owner_kind_uq', ['owner_id', 'kind'])
      .execute();
  },
  async down(db: Kysely<any>) {
    for (const t of ['connector_link', 'region_share', 'site_key']) await db.schema.dropTable(t).execute();
  },
};
