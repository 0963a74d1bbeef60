import type { Db } from '../db/database.js';
import type { AlbumLinkTable } from '../db/schema.js';

export type AlbumLinkRow = AlbumLinkTable;
/** A link with its album's name, for the owner's lists. */
export type AlbumLinkListRow = AlbumLinkRow & { album_name: string };

/** All SQL touching public album links (`album_link`). */
export function createAlbumLinksRepository(db: Db) {
  const withAlbum = () =>
    db
      .selectFrom('album_link')
      .innerJoin('album', 'album.id', 'album_link.album_id')
      .selectAll('album_link')
      .select('album.name as album_name');
  return {
    async insert(row: AlbumLinkRow): Promise<void> {
      await db.insertInto('album_link').values(row).execute();
    },
    findByKey: (key: string) => db.selectFrom('album_link').selectAll().where('key', '=', key).executeTakeFirst(),
    /** One of the owner's links, or undefined (another account's link looks absent). */
    findOwned: (ownerId: string, id: string) =>
      withAlbum().where('album_link.owner_id', '=', ownerId).where('album_link.id', '=', id).executeTakeFirst(),
    /** The owner's links, newest first; one album's when `albumId` is given. */
    listOwned: (ownerId: string, albumId?: string) => {
      let q = withAlbum().where('album_link.owner_id', '=', ownerId);
      if (albumId) q = q.where('album_link.album_id', '=', albumId);
      return q.orderBy('album_link.created_at', 'desc').orderBy('album_link.id').execute();
    },
    async update(
      id: string,
      patch: Partial<
        Pick<AlbumLinkRow, 'label' | 'password_hash' | 'allow_download' | 'allow_upload' | 'expires_at' | 'revoked_at' | 'updated_at'>
      >,
    ): Promise<void> {
      await db.updateTable('album_link').set(patch).where('id', '=', id).execute();
    },
  };
}

export type AlbumLinksRepository = ReturnType<typeof createAlbumLinksRepository>;
