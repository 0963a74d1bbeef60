import type { Kysely, Migration } from 'kysely';

/**
 * Album sharing (Immich shared links and Google Photos link sharing are the models):
 * - `album_link`: a public link to one album. `key` is the capability in the URL (`/l/{key}`, 128 random
 *   bits, base64url); `password_hash` an argon2id PHC string or null; `allow_download` / `allow_upload`
 *   0/1; `expires_at` and `revoked_at` ms or null. Deleting the album or its owner removes its links.
 * - `album_asset.uploader_name`: the name a visitor gave when uploading through a link (the credit shown in
 *   the album), and `album_asset.link_id`: the link it came through (no foreign key: the credit outlives a
 *   revoked or deleted link). Both null for photos added by members.
 * - `album_member.role` gains `contributor` (text column, no schema change): a member who may add photos.
 */
export const albumLinksMigration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('album_link')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('album_id', 'text', (c) => c.notNull().references('album.id').onDelete('cascade'))
      .addColumn('owner_id', 'text', (c) => c.notNull().references('account.id').onDelete('cascade'))
      .addColumn('key', 'text', (c) => c.notNull().unique())
      .addColumn('label', 'text')
      .addColumn('password_hash', 'text')
      .addColumn('allow_download', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('allow_upload', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('expires_at', 'bigint')
      .addColumn('revoked_at', 'bigint')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('album_link_owner_idx').on('album_link').columns(['owner_id', 'created_at']).execute();
    await db.schema.createIndex('album_link_album_idx').on('album_link').column('album_id').execute();

    await db.schema.alterTable('album_asset').addColumn('uploader_name', 'text').execute();
    await db.schema.alterTable('album_asset').addColumn('link_id', 'text').execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.alterTable('album_asset').dropColumn('link_id').execute();
    await db.schema.alterTable('album_asset').dropColumn('uploader_name').execute();
    await db.schema.dropTable('album_link').execute();
  },
};
