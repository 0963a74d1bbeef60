import type { Kysely, Migration } from 'kysely';

/**
 * CardDAV address-book sync (RFC 6352, RFC 6578):
 * - `carddav_book`: one address book an owner connected (collection URL, user name, password sealed
 *   AES-256-GCM like the connectors' secrets), the RFC 6578 sync token and the last sync's outcome;
 * - `carddav_card`: per card (`href` in the book) the last-synced ETag, the contact it became, the
 *   SHA-256 of the contact fields as last synced (to tell a Kith edit from a card change), and a
 *   pending conflict (JSON) when both sides changed.
 */
export const carddavMigration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('carddav_book')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('owner_id', 'text', (c) => c.notNull().references('account.id').onDelete('cascade'))
      .addColumn('url', 'text', (c) => c.notNull())
      .addColumn('username', 'text', (c) => c.notNull())
      .addColumn('secret_sealed', 'text', (c) => c.notNull())
      .addColumn('display_name', 'text')
      .addColumn('sync_token', 'text')
      .addColumn('last_sync_at', 'bigint')
      .addColumn('last_status', 'text')
      .addColumn('last_error', 'text')
      .addColumn('last_counts', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addUniqueConstraint('carddav_book_owner_url_uq', ['owner_id', 'url'])
      .execute();

    await db.schema
      .createTable('carddav_card')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('book_id', 'text', (c) => c.notNull().references('carddav_book.id').onDelete('cascade'))
      .addColumn('owner_id', 'text', (c) => c.notNull())
      .addColumn('href', 'text', (c) => c.notNull())
      .addColumn('etag', 'text')
      .addColumn('contact_id', 'text', (c) => c.references('contact.id').onDelete('set null'))
      .addColumn('synced_hash', 'text')
      .addColumn('conflict', 'text')
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addUniqueConstraint('carddav_card_book_href_uq', ['book_id', 'href'])
      .execute();
    await db.schema.createIndex('carddav_card_contact_idx').on('carddav_card').column('contact_id').execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('carddav_card').execute();
    await db.schema.dropTable('carddav_book').execute();
  },
};
