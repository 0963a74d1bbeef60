import type { Kysely, Migration } from 'kysely';

/**
 * `person_not_same`: pairs of an owner's people the owner said are not one person, so "Same person?"
 * (faces/merge-suggestions.ts) does not ask again. The pair is stored once, smaller id first; deleting
 * either person (a merge deletes its sources) removes the row.
 */
export const personNotSameMigration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('person_not_same')
      .addColumn('owner_id', 'text', (c) => c.notNull().references('account.id').onDelete('cascade'))
      .addColumn('person_a', 'text', (c) => c.notNull().references('person.id').onDelete('cascade'))
      .addColumn('person_b', 'text', (c) => c.notNull().references('person.id').onDelete('cascade'))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('person_not_same_pk', ['owner_id', 'person_a', 'person_b'])
      .execute();
    await db.schema.createIndex('person_not_same_b_idx').on('person_not_same').column('person_b').execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('person_not_same').execute();
  },
};
