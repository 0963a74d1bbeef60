import type { Kysely, Migration } from 'kysely';

/**
 * HTTP Message Signatures (RFC 9421) for server-to-server inbox deliveries: each account's signing
 * keys (Ed25519), published under `/.well-known/kith-keys/{username}` like Mastodon's actor keys.
 * `kind` `server`: the key this server signs its account's deliveries with, its private half sealed
 * at rest (AES-256-GCM under a key derived from the server secret). `kind` `cli`: a key issued to the
 * account's own terminal (`kith share`): the private half was handed out once and is not kept.
 * Inbox items and dropped entries record whether the sender was verified ("unverified sender").
 */
export const signingKeysMigration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('signing_key')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('account_id', 'text', (c) => c.notNull().references('account.id').onDelete('cascade'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('alg', 'text', (c) => c.notNull())
      .addColumn('public_key_pem', 'text', (c) => c.notNull())
      .addColumn('private_key_sealed', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('revoked_at', 'bigint')
      .execute();
    await db.schema.createIndex('signing_key_account_idx').on('signing_key').columns(['account_id', 'kind']).execute();
    await db.schema
      .alterTable('inbox_item')
      .addColumn('sender_verified', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema
      .alterTable('inbox_drop')
      .addColumn('sender_verified', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.alterTable('inbox_drop').dropColumn('sender_verified').execute();
    await db.schema.alterTable('inbox_item').dropColumn('sender_verified').execute();
    await db.schema.dropTable('signing_key').execute();
  },
};
