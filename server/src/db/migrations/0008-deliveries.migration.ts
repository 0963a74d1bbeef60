import type { Kysely, Migration } from 'kysely';

/**
 * Server-side routing (beyond seed CN103369031A, whose terminal does the matching):
 * each account's routing mode, and one delivery row per (photo, recognised contact).
 * The unique (asset, contact) pair makes routing idempotent: a re-analysis of a photo finds
 * the row it made before and never queues a second delivery.
 */
export const deliveriesMigration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('routing_setting')
      .addColumn('account_id', 'text', (c) => c.primaryKey().references('account.id').onDelete('cascade'))
      .addColumn('mode', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('delivery')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('owner_id', 'text', (c) => c.notNull().references('account.id').onDelete('cascade'))
      .addColumn('asset_id', 'text', (c) => c.notNull().references('asset.id').onDelete('cascade'))
      .addColumn('contact_id', 'text', (c) => c.notNull().references('contact.id').onDelete('cascade'))
      .addColumn('destination', 'text', (c) => c.notNull())
      .addColumn('target', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('code', 'text')
      .addColumn('message', 'text')
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('remote_asset_id', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addColumn('delivered_at', 'bigint')
      .addUniqueConstraint('delivery_asset_contact_uq', ['asset_id', 'contact_id'])
      .execute();
    await db.schema.createIndex('delivery_owner_status_idx').on('delivery').columns(['owner_id', 'status', 'created_at']).execute();
  },
  async down(db: Kysely<any>) {
    for (const t of ['delivery', 'routing_setting']) await db.schema.dropTable(t).execute();
  },
};
