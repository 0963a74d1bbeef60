import type { Kysely, Migration } from 'kysely';

/**
 * When each identifier an account claims was verified (ms, UTC), or null while it is only a claim.
 * Automatic sharing (contact links, now-playing audiences) acts only on verified identifiers:
 * an e-mail proven by a link sent over SMTP or marked by an admin, a phone number proven by a code
 * sent by SMS or confirmed by a contact who already holds it (docs/security.md).
 */
export const verifiedIdentitiesMigration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.alterTable('account').addColumn('email_verified_at', 'bigint').execute();
    await db.schema.alterTable('account').addColumn('phone_verified_at', 'bigint').execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.alterTable('account').dropColumn('phone_verified_at').execute();
    await db.schema.alterTable('account').dropColumn('email_verified_at').execute();
  },
};
