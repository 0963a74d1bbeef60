import type { Kysely, Migration } from 'kysely';

/**
 * The public album inbox (seed CN103369031A claims 4–7, 11–14): per-account policy,
 * blocked senders/hosts, the dropped-packet log (counts and claims only — never image bytes),
 * and the sender metadata of each picture received into the "Shared with me" album.
 */
export const inboxMigration: Migration = {
  async up(db: Kysely<any>) {
    // No row = policy `open` (the document's behaviour) and no inbox album yet.
    await db.schema
      .createTable('inbox_setting')
      .addColumn('account_id', 'text', (c) => c.primaryKey().references('account.id').onDelete('cascade'))
      .addColumn('policy', 'text', (c) => c.notNull())
      .addColumn('album_id', 'text', (c) => c.references('album.id').onDelete('set null'))
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('inbox_block')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('account_id', 'text', (c) => c.notNull().references('account.id').onDelete('cascade'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addUniqueConstraint('inbox_block_account_kind_value_uq', ['account_id', 'kind', 'value'])
      .execute();

    await db.schema
      .createTable('inbox_drop')
      .addColumn('id', 'text', (c) => c.primaryKey())
      // Null when the packet named no account of this server (unknown_account): kept for the admin, shown to nobody.
      .addColumn('account_id', 'text', (c) => c.references('account.id').onDelete('cascade'))
      .addColumn('username', 'text')
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('pictures', 'integer', (c) => c.notNull())
      .addColumn('sender_name', 'text')
      .addColumn('sender_address', 'text')
      .addColumn('source_ip', 'text', (c) => c.notNull())
      .addColumn('at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('inbox_drop_account_idx').on('inbox_drop').columns(['account_id', 'at']).execute();

    await db.schema
      .createTable('inbox_item')
      .addColumn('asset_id', 'text', (c) => c.primaryKey().references('asset.id').onDelete('cascade'))
      .addColumn('account_id', 'text', (c) => c.notNull().references('account.id').onDelete('cascade'))
      .addColumn('album_id', 'text', (c) => c.notNull().references('album.id').onDelete('cascade'))
      .addColumn('picture_name', 'text', (c) => c.notNull())
      .addColumn('sender_name', 'text')
      .addColumn('sender_address', 'text')
      .addColumn('sender_account_id', 'text', (c) => c.references('account.id').onDelete('set null'))
      .addColumn('source_ip', 'text', (c) => c.notNull())
      .addColumn('received_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('inbox_item_account_idx').on('inbox_item').columns(['account_id', 'received_at']).execute();
  },
  async down(db: Kysely<any>) {
    for (const t of ['inbox_item', 'inbox_drop', 'inbox_block', 'inbox_setting']) await db.schema.dropTable(t).execute();
  },
};
