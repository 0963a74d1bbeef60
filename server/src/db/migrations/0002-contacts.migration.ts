import type { Kysely, Migration } from 'kysely';

/** The address book: contacts and their searchable identifiers (for linking to local accounts). */
export const contactsMigration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('contact')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('owner_id', 'text', (c) => c.notNull().references('account.id').onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('phones', 'text', (c) => c.notNull())
      .addColumn('emails', 'text', (c) => c.notNull())
      .addColumn('urls', 'text', (c) => c.notNull())
      .addColumn('kith_address', 'text')
      .addColumn('album_url', 'text')
      .addColumn('photo_sha256', 'text')
      .addColumn('photo_mime', 'text')
      .addColumn('linked_account_id', 'text', (c) => c.references('account.id').onDelete('set null'))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('contact_owner_idx').on('contact').columns(['owner_id', 'name']).execute();
    await db.schema.createIndex('contact_linked_idx').on('contact').columns(['linked_account_id', 'owner_id']).execute();

    await db.schema
      .createTable('contact_identifier')
      .addColumn('contact_id', 'text', (c) => c.notNull().references('contact.id').onDelete('cascade'))
      .addColumn('owner_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('value', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('contact_identifier_pk', ['contact_id', 'kind', 'value'])
      .execute();
    await db.schema.createIndex('contact_identifier_value_idx').on('contact_identifier').columns(['kind', 'value']).execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('contact_identifier').execute();
    await db.schema.dropTable('contact').execute();
  },
};
