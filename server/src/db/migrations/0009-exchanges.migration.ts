import type { Kysely, Migration } from 'kysely';

/**
 * Exchanges (seed image-exchange-and-synthesis step 101, [0083]–[0098]): the image-sharing relationship
 * between a requester and a responder (an account, or a guest through a one-time invite link),
 * its rounds of captured images, reactions, blocks, abuse reports and each account's policy.
 */
export const exchangesMigration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('exchange')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('mode', 'text', (c) => c.notNull())
      .addColumn('requester_id', 'text', (c) => c.notNull().references('account.id').onDelete('cascade'))
      .addColumn('responder_id', 'text', (c) => c.references('account.id').onDelete('cascade'))
      .addColumn('guest_name', 'text')
      // SHA-256 of the invite token (one-time: cleared once a guest joins) and of the guest's own token.
      .addColumn('invite_hash', 'text', (c) => c.unique())
      .addColumn('guest_hash', 'text', (c) => c.unique())
      .addColumn('guest_until', 'bigint')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('current_round', 'integer', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('exchange_requester_idx').on('exchange').columns(['requester_id', 'updated_at']).execute();
    await db.schema.createIndex('exchange_responder_idx').on('exchange').columns(['responder_id', 'updated_at']).execute();
    await db.schema.createIndex('exchange_pending_idx').on('exchange').columns(['status', 'expires_at']).execute();

    await db.schema
      .createTable('exchange_round')
      .addColumn('exchange_id', 'text', (c) => c.notNull().references('exchange.id').onDelete('cascade'))
      .addColumn('n', 'integer', (c) => c.notNull())
      .addColumn('phase', 'text', (c) => c.notNull())
      // Blob digests of the re-encoded, metadata-free JPEGs (what the other side may download).
      .addColumn('requester_sha', 'text')
      .addColumn('responder_sha', 'text')
      .addColumn('result_sha', 'text')
      .addColumn('result_mode', 'text', (c) => c.notNull())
      .addColumn('note', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('done_at', 'bigint')
      .addPrimaryKeyConstraint('exchange_round_pk', ['exchange_id', 'n'])
      .execute();

    await db.schema
      .createTable('exchange_reaction')
      .addColumn('exchange_id', 'text', (c) => c.notNull().references('exchange.id').onDelete('cascade'))
      .addColumn('n', 'integer', (c) => c.notNull())
      .addColumn('by', 'text', (c) => c.notNull())
      .addColumn('emoji', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('exchange_reaction_pk', ['exchange_id', 'n', 'by', 'emoji'])
      .execute();

    await db.schema
      .createTable('exchange_block')
      .addColumn('blocker_id', 'text', (c) => c.notNull().references('account.id').onDelete('cascade'))
      .addColumn('blocked_id', 'text', (c) => c.notNull().references('account.id').onDelete('cascade'))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('exchange_block_pk', ['blocker_id', 'blocked_id'])
      .execute();

    await db.schema
      .createTable('exchange_report')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('exchange_id', 'text', (c) => c.notNull().references('exchange.id').onDelete('cascade'))
      .addColumn('reporter_id', 'text', (c) => c.references('account.id').onDelete('set null'))
      .addColumn('reported_id', 'text', (c) => c.references('account.id').onDelete('set null'))
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('exchange_policy')
      .addColumn('account_id', 'text', (c) => c.primaryKey().references('account.id').onDelete('cascade'))
      .addColumn('policy', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<any>) {
    for (const t of ['exchange_policy', 'exchange_report', 'exchange_block', 'exchange_reaction', 'exchange_round', 'exchange'])
      await db.schema.dropTable(t).execute();
  },
};
