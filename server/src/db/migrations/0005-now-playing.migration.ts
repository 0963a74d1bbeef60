import type { Kysely, Migration } from 'kysely';

/**
 * Now playing (seed CN102664943A): association by hashed phone numbers, the current
 * play of each account, the listens history, and hidden-from lists.
 *
 * Phone numbers are never stored here in clear: `phone_hash` columns hold
 * HMAC-SHA-256(server secret, E.164) in hex, so a database leak alone does not reveal them.
 */
export const nowPlayingMigration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('np_profile')
      .addColumn('account_id', 'text', (c) => c.primaryKey().references('account.id').onDelete('cascade'))
      .addColumn('name', 'text')
      .addColumn('phone_hash', 'text')
      .addColumn('sharing', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('require_mutual', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('private_until', 'bigint')
      .addColumn('book_size', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('associated_at', 'bigint')
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    // One account per number (seed [0067]): a second claim is refused, so the index is unique.
    await db.schema.createIndex('np_profile_phone_idx').on('np_profile').column('phone_hash').unique().execute();

    await db.schema
      .createTable('np_book_entry')
      .addColumn('owner_id', 'text', (c) => c.notNull().references('account.id').onDelete('cascade'))
      .addColumn('phone_hash', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('np_book_entry_pk', ['owner_id', 'phone_hash'])
      .execute();
    await db.schema.createIndex('np_book_entry_hash_idx').on('np_book_entry').columns(['phone_hash', 'owner_id']).execute();

    await db.schema
      .createTable('np_hidden')
      .addColumn('owner_id', 'text', (c) => c.notNull().references('account.id').onDelete('cascade'))
      .addColumn('hidden_id', 'text', (c) => c.notNull().references('account.id').onDelete('cascade'))
      .addPrimaryKeyConstraint('np_hidden_pk', ['owner_id', 'hidden_id'])
      .execute();

    await db.schema
      .createTable('np_current')
      .addColumn('account_id', 'text', (c) => c.primaryKey().references('account.id').onDelete('cascade'))
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('artist', 'text', (c) => c.notNull())
      .addColumn('album', 'text')
      .addColumn('media_type', 'text', (c) => c.notNull())
      .addColumn('duration_ms', 'bigint')
      .addColumn('position_ms', 'bigint', (c) => c.notNull())
      .addColumn('position_at', 'bigint', (c) => c.notNull())
      .addColumn('source_url', 'text')
      .addColumn('cover_url', 'text')
      .addColumn('player', 'text')
      .addColumn('via', 'text', (c) => c.notNull())
      .addColumn('auto_scrobble', 'integer', (c) => c.notNull())
      .addColumn('private', 'integer', (c) => c.notNull())
      .addColumn('started_at', 'bigint', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .addColumn('version', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('np_listen')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('account_id', 'text', (c) => c.notNull().references('account.id').onDelete('cascade'))
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('artist', 'text', (c) => c.notNull())
      .addColumn('album', 'text')
      .addColumn('media_type', 'text', (c) => c.notNull())
      .addColumn('duration_ms', 'bigint')
      .addColumn('listened_at', 'bigint', (c) => c.notNull())
      .addColumn('source_url', 'text')
      .addColumn('cover_url', 'text')
      .addColumn('player', 'text')
      .addColumn('via', 'text', (c) => c.notNull())
      .addColumn('private', 'integer', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('np_listen_account_idx').on('np_listen').columns(['account_id', 'listened_at']).execute();

    // Audioscrobbler 1.2 authenticates with md5(md5(password) + t): the server must hold md5 of the
    // "password". Only tokens made for scrobbling carry it (256-bit random, so md5 is not reversible);
    // it lets a holder scrobble, nothing else.
    await db.schema.alterTable('api_token').addColumn('scrobble_md5', 'text').execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.alterTable('api_token').dropColumn('scrobble_md5').execute();
    for (const t of ['np_listen', 'np_current', 'np_hidden', 'np_book_entry', 'np_profile']) await db.schema.dropTable(t).execute();
  },
};
