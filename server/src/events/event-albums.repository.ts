import { selectInChunks } from '../db/chunks.js';
import type { Db } from '../db/database.js';
import type { AlbumTable } from '../db/schema.js';

/**
 * Finding the one event album of a real event across contacts. Two people's shares of the same
 * party (US2017032188A1 claim 1: one combined album shared with every contributor) must land in
 * the same album, so an album is found by what identifies the event, not by who shares it:
 * - the marker code (the same code in two libraries means the same event), or
 * - a photo the share would gather that some event album already holds;
 * among event albums the sharer owns or is a member of, or that a contact who lets them
 * gather event photos owns.
 */
export function createEventAlbumsRepository(db: Db) {
  return {
    /**
     * The event album for a share, oldest first when several qualify; undefined when none does.
     * @param reachableOwnerIds mutual contacts with gathering on (their albums count too).
     * @param assetIds the photos the share gathers.
     */
    async findForEvent(
      accountId: string,
      reachableOwnerIds: string[],
      marker: string,
      assetIds: string[],
    ): Promise<AlbumTable | undefined> {
      const owners = [accountId, ...reachableOwnerIds];
      const visible = db
        .selectFrom('album')
        .selectAll('album')
        .where('album.kind', '=', 'event')
        .where((eb) =>
          eb.or([
            eb('album.owner_id', 'in', owners),
            eb.exists(
              eb
                .selectFrom('album_member')
                .select('album_member.account_id')
                .whereRef('album_member.album_id', '=', 'album.id')
                .where('album_member.account_id', '=', accountId),
            ),
          ]),
        );
      const byMarker = await visible.where('album.event_marker', '=', marker).orderBy('album.created_at').orderBy('album.id').execute();
      if (byMarker.length) return byMarker[0];
      const byPhotos = await selectInChunks(assetIds, (part) =>
        visible
          .where((eb) =>
            eb.exists(
              eb
                .selectFrom('album_asset')
                .select('album_asset.asset_id')
                .whereRef('album_asset.album_id', '=', 'album.id')
                .where('album_asset.asset_id', 'in', part),
            ),
          )
          .execute(),
      );
      return byPhotos.sort((a, b) => a.created_at - b.created_at || a.id.localeCompare(b.id))[0];
    },

    /**
     * For each of the account's events, the event album (owned or joined) that holds its photos or
     * carries its marker: what the event screen shows as "shared". One query per 400 events.
     * @returns event id → album id.
     */
    async albumsOfEvents(accountId: string, events: Array<{ id: string; marker: string }>): Promise<Map<string, string>> {
      const out = new Map<string, string>();
      if (!events.length) return out;
      const memberAlbums = db
        .selectFrom('album')
        .innerJoin('album_member', 'album_member.album_id', 'album.id')
        .where('album_member.account_id', '=', accountId)
        .where('album.kind', '=', 'event');
      const byMarker = await selectInChunks(
        events.map((e) => e.marker),
        (part) =>
          memberAlbums
            .where('album.event_marker', 'in', part)
            .select(['album.id', 'album.event_marker', 'album.owner_id', 'album.created_at'])
            .orderBy('album.created_at')
            .execute(),
      );
      const byPhotos = await selectInChunks(
        events.map((e) => e.id),
        (part) =>
          memberAlbums
            .innerJoin('album_asset', 'album_asset.album_id', 'album.id')
            .innerJoin('asset_event', 'asset_event.asset_id', 'album_asset.asset_id')
            .where('asset_event.event_id', 'in', part)
            .select(['album.id', 'asset_event.event_id', 'album.created_at'])
            .distinct()
            .execute(),
      );
      byPhotos.sort((a, b) => Number(a.created_at) - Number(b.created_at));
      for (const r of byPhotos) if (!out.has(r.event_id)) out.set(r.event_id, r.id);
      for (const e of events) {
        const own =
          byMarker.find((a) => a.event_marker === e.marker && a.owner_id === accountId) ??
          byMarker.find((a) => a.event_marker === e.marker);
        if (own) out.set(e.id, own.id);
      }
      return out;
    },

    /** An account's names (id, username, display name); throws when there is no such account. */
    person: (id: string) =>
      db.selectFrom('account').select(['id', 'username', 'display_name']).where('id', '=', id).executeTakeFirstOrThrow(),
    /** An account's names and whether it lets contacts gather its event photos; undefined when there is none. */
    gatheringOf: (accountId: string) =>
      db
        .selectFrom('account')
        .select(['id', 'username', 'display_name', 'allow_event_gathering'])
        .where('id', '=', accountId)
        .executeTakeFirst(),
    /** The event albums the account is a member of (owner or not). */
    async eventAlbumsJoinedBy(accountId: string): Promise<AlbumTable[]> {
      const joined = (await db.selectFrom('album_member').select('album_id').where('account_id', '=', accountId).execute()).map(
        (r) => r.album_id,
      );
      return joined.length ? db.selectFrom('album').selectAll().where('kind', '=', 'event').where('id', 'in', joined).execute() : [];
    },
  };
}

export type EventAlbumsRepository = ReturnType<typeof createEventAlbumsRepository>;
