import type { Kysely, Migration } from 'kysely';

/**
 * E-mail verification links and contact-link questions (docs/security.md, "E-mail addresses and contact links").
 *
 * `email_verification`: one row per link sent. Only the SHA-256 of the 256-bit token is kept (like sessions and
 * API tokens), with the address it was sent to: following the link verifies the account's e-mail only while the
 * account still holds that address. Rows also count the sends of the last hour (the send rate limit).
 *
 * `contact_link_question`: a candidate link the owner must confirm, because it rests on an e-mail or phone
 * the account has not proven. `state` is `pending`, `yes` (the owner confirmed: link) or `no` (never link,
 * never ask again for this pair).
 */
export const emailVerificationMigration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('email_verification')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('account_id', 'text', (c) => c.notNull().references('account.id').onDelete('cascade'))
      .addColumn('email', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('email_verification_account_idx').on('email_verification').columns(['account_id', 'created_at']).execute();

    await db.schema
      .createTable('contact_link_question')
      .addColumn('contact_id', 'text', (c) => c.notNull().references('contact.id').onDelete('cascade'))
      .addColumn('account_id', 'text', (c) => c.notNull().references('account.id').onDelete('cascade'))
      .addColumn('owner_id', 'text', (c) => c.notNull().references('account.id').onDelete('cascade'))
      .addColumn('matched_on', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('answered_at', 'bigint')
      .addPrimaryKeyConstraint('contact_link_question_pk', ['contact_id', 'account_id'])
      .execute();
    await db.schema.createIndex('contact_link_question_owner_idx').on('contact_link_question').columns(['owner_id', 'state']).execute();
  },
  async down(db: Kysely<any>) {
    for (const t of ['contact_link_question', 'email_verification']) await db.schema.dropTable(t).execute();
  },
};
