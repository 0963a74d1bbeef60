import type { Kysely, Migration } from 'kysely';

/**
 * Contact groups as address books export them (vCard 4.0 `KIND:group` with `MEMBER`, RFC 6350 §6.1.4
 * and §6.6.5; Apple's `X-ADDRESSBOOKSERVER-KIND:group` with `X-ADDRESSBOOKSERVER-MEMBER` in 3.0):
 * - `contact_group`: one group of an owner, with its name and the card's UID (for a re-import);
 * - `contact_group_member`: a contact in a group; deleting either side removes the membership.
 *
 * Also `contact.other_phones`: numbers kept as written because they are not valid numbers of the
 * server's default region and carry no country code (a local number from abroad); Kith does not
 * guess a country for them (JSON array of strings, like `phones`).
 */
export const contactGroupsMigration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('contact_group')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('owner_id', 'text', (c) => c.notNull().references('account.id').onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('uid', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('contact_group_owner_idx').on('contact_group').columns(['owner_id', 'name']).execute();

    await db.schema
      .createTable('contact_group_member')
      .addColumn('group_id', 'text', (c) => c.notNull().references('contact_group.id').onDelete('cascade'))
      .addColumn('contact_id', 'text', (c) => c.notNull().references('contact.id').onDelete('cascade'))
      .addPrimaryKeyConstraint('contact_group_member_pk', ['group_id', 'contact_id'])
      .execute();
    await db.schema.createIndex('contact_group_member_contact_idx').on('contact_group_member').column('contact_id').execute();

    await db.schema
      .alterTable('contact')
      .addColumn('other_phones', 'text', (c) => c.notNull().defaultTo('[]'))
      .execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.alterTable('contact').dropColumn('other_phones').execute();
    await db.schema.dropTable('contact_group_member').execute();
    await db.schema.dropTable('contact_group').execute();
  },
};
