import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Phone numbers are claims until proven (docs/security.md "Phone numbers and now playing"):
 * - `np_profile.phone_verified_at` mirrors `account.phone_verified_at` for the profile's own number;
 *   several profiles may claim one number, at most one holds it verified (partial unique index);
 * - `phone_code`: the one pending SMS code of an account (SHA-256 of the code, expiry, attempts left);
 * - `phone_code_send`: when codes were sent, per account and per number, for the send limits;
 * - `phone_notice`: "your claim of +49… was removed because another account verified it";
 * - `np_confirmed_link`: "this Kith account is my contact with number N", made by the book's owner;
 *   it counts only in that owner's own checks, and only while the account still claims that number.
 */
export const phoneVerificationMigration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.alterTable('np_profile').addColumn('phone_verified_at', 'bigint').execute();
    await db.schema.dropIndex('np_profile_phone_idx').execute();
    await db.schema.createIndex('np_profile_phone_idx').on('np_profile').column('phone_hash').execute();
    await db.schema
      .createIndex('np_profile_verified_phone_idx')
      .on('np_profile')
      .column('phone_hash')
      .unique()
      .where(sql.ref('phone_verified_at'), 'is not', null)
      .execute();

    await db.schema
      .createTable('phone_code')
      .addColumn('account_id', 'text', (c) => c.primaryKey().references('account.id').onDelete('cascade'))
      .addColumn('phone', 'text', (c) => c.notNull())
      .addColumn('code_hash', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .addColumn('attempts_left', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('phone_code_send')
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('sent_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('phone_code_send_key_idx').on('phone_code_send').columns(['key', 'sent_at']).execute();

    await db.schema
      .createTable('phone_notice')
      .addColumn('account_id', 'text', (c) => c.primaryKey().references('account.id').onDelete('cascade'))
      .addColumn('phone', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('np_confirmed_link')
      .addColumn('owner_id', 'text', (c) => c.notNull().references('account.id').onDelete('cascade'))
      .addColumn('account_id', 'text', (c) => c.notNull().references('account.id').onDelete('cascade'))
      .addColumn('phone_hash', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('np_confirmed_link_pk', ['owner_id', 'account_id'])
      .execute();
    await db.schema.createIndex('np_confirmed_link_account_idx').on('np_confirmed_link').columns(['account_id', 'owner_id']).execute();
  },
  async down(db: Kysely<any>) {
    for (const t of ['np_confirmed_link', 'phone_notice', 'phone_code_send', 'phone_code']) await db.schema.dropTable(t).execute();
    await db.schema.dropIndex('np_profile_verified_phone_idx').execute();
    await db.schema.dropIndex('np_profile_phone_idx').execute();
    await db.schema.alterTable('np_profile').dropColumn('phone_verified_at').execute();
    await db.schema.createIndex('np_profile_phone_idx').on('np_profile').column('phone_hash').unique().execute();
  },
};
