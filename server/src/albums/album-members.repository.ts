import type { Db } from '../db/database.js';
import type { AlbumRole } from './albums.repository.js';

/** SQL of album membership changes (`album_member`) and the account lookups that invitations need. */
export function createAlbumMembersRepository(db: Db) {
  return {
    /** A member's role, or undefined for a non-member. */
    roleOf: async (albumId: string, accountId: string): Promise<AlbumRole | undefined> =>
      (
        await db
          .selectFrom('album_member')
          .select('role')
          .where('album_id', '=', albumId)
          .where('account_id', '=', accountId)
          .executeTakeFirst()
      )?.role,
    /** Adds one member or changes the role of an existing one (never the owner's). */
    async upsertMember(albumId: string, accountId: string, role: 'viewer' | 'contributor', now: number): Promise<void> {
      await db
        .insertInto('album_member')
        .values({ album_id: albumId, account_id: accountId, role, added_at: now })
        .onConflict((oc) => oc.columns(['album_id', 'account_id']).doUpdateSet({ role }).where('album_member.role', '!=', 'owner'))
        .execute();
    },
    /** Removes a member who is not the owner. @returns whether a row went. */
    async removeMember(albumId: string, accountId: string): Promise<boolean> {
      const r = await db
        .deleteFrom('album_member')
        .where('album_id', '=', albumId)
        .where('account_id', '=', accountId)
        .where('role', '!=', 'owner')
        .executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
    /** An account by username (a member invited by the Kith address the owner typed). */
    findAccountByUsername: (username: string) =>
      db.selectFrom('account').select(['id', 'username', 'display_name']).where('username', '=', username.toLowerCase()).executeTakeFirst(),
    findAccountById: (id: string) =>
      db.selectFrom('account').select(['id', 'username', 'display_name']).where('id', '=', id).executeTakeFirst(),
  };
}

export type AlbumMembersRepository = ReturnType<typeof createAlbumMembersRepository>;
