import crypto from 'node:crypto';
import type { Principal } from '../accounts/accounts.service.js';
import { createAlbumsRepository, type AlbumRow } from '../albums/albums.repository.js';
import type { AssetRow } from '../assets/assets.repository.js';
import type { Config } from '../config/config.js';
import { createContactsRepository, type LinkedAccount as ContactLink } from '../contacts/contacts.repository.js';
import type { Db } from '../db/database.js';
import type { RealtimeHub } from '../realtime/realtime-events.js';
import { nearEnough, type EventWindow } from './event-detection.js';
import type { EventsService } from './events.service.js';

export type ExclusionReason = 'not_mutual' | 'gathering_off' | 'no_matching_photos';

export interface Gathered {
  own: AssetRow[];
  /** Contributing contacts, each with their photos of the event. */
  contributions: Array<{ link: ContactLink; assets: AssetRow[] }>;
  excluded: Array<{ link: ContactLink; reason: ExclusionReason }>;
}

/**
 * Event photo sharing, claim 1 of US2017032188A1: gather the initiator's photos with the
 * event marker, add the photos of the same event from the cloud albums of the initiator's
 * contacts, build one combined album and share it with the initiator and every contact who
 * contributed.
 *
 * Which contacts: those linked to a local account that holds the initiator back (mutual)
 * and has "let my contacts gather my event photos" on. Which of their photos: those with
 * the same marker code, or captured inside the event window ± `eventMarginMs` and, when
 * both have GPS, within `eventRadiusM` of the event's centre.
 */
export function createEventSharingService(deps: { db: Db; config: Config; realtime: RealtimeHub; events: EventsService }) {
  const { db, config, realtime, events } = deps;
  const albums = createAlbumsRepository(db);
  const contacts = createContactsRepository(db);

  /**
   * Photos of `ownerIds` that belong to the event: same marker code; or in their own
   * auto-detected event overlapping the window ± margin; or captured inside it — the last
   * two only when near the event's place (when both positions are known).
   */
  async function matchingAssets(ownerIds: string[], marker: string, w: EventWindow): Promise<AssetRow[]> {
    const candidates = await events.repo.candidatesFor(ownerIds, marker, w.startAt - config.eventMarginMs, w.endAt + config.eventMarginMs);
    return candidates
      .filter((c) => c.how === 'marker' || nearEnough({ latitude: c.match_latitude, longitude: c.match_longitude }, w, config.eventRadiusM))
      .map(({ how: _how, match_latitude: _lat, match_longitude: _lon, ...asset }) => asset);
  }

  /** Collects the first set (own) and each eligible contact's photos of the event. @throws 404 `not_found`. */
  async function gather(principal: Principal, marker: string): Promise<Gathered & { window: EventWindow; name: string }> {
    const event = await events.get(principal, marker);
    const window: EventWindow = { startAt: event.start_at, endAt: event.end_at, latitude: event.latitude, longitude: event.longitude };
    const own = await events.repo.assetsOf(event.id);
    const all = await contacts.findLinkedAccounts(principal.accountId);
    const excluded: Gathered['excluded'] = [];
    const eligible: ContactLink[] = [];
    for (const link of all) {
      if (!link.mutual) excluded.push({ link, reason: 'not_mutual' });
      else if (!link.allowEventGathering) excluded.push({ link, reason: 'gathering_off' });
      else eligible.push(link);
    }
    const byOwner = new Map<string, AssetRow[]>();
    for (const a of await matchingAssets(
      eligible.map((l) => l.accountId),
      marker,
      window,
    ))
      byOwner.set(a.owner_id, [...(byOwner.get(a.owner_id) ?? []), a]);
    const contributions: Gathered['contributions'] = [];
    for (const link of eligible) {
      const assets = byOwner.get(link.accountId);
      if (assets?.length) contributions.push({ link, assets: assets.sort((a, b) => a.captured_at - b.captured_at) });
      else excluded.push({ link, reason: 'no_matching_photos' });
    }
    return { own, contributions, excluded, window, name: event.name };
  }

  /** Adds photos to an event album, once per SHA-256, crediting each to its owner. @returns added ids. */
  async function addDeduplicated(album: AlbumRow, assets: AssetRow[], now: number): Promise<string[]> {
    const shas = await albums.shaSet(album.id);
    const entries = [];
    for (const a of assets) {
      if (shas.has(a.sha256)) continue;
      shas.add(a.sha256);
      entries.push({ assetId: a.id, contributorId: a.owner_id });
    }
    return albums.addAssets(album.id, entries, now);
  }

  return {
    gather,

    /**
     * Shares an event (idempotent: the same initiator and marker always give the same album).
     * Newly added members get `album.shared`; existing members get `album.updated` when
     * photos were added.
     * @returns the album row, per-recipient counts, and how many photos this call added.
     */
    async share(principal: Principal, marker: string) {
      const g = await gather(principal, marker);
      const now = Date.now();
      let album = await albums.findEventAlbum(principal.accountId, marker);
      if (!album) {
        album = {
          id: crypto.randomUUID(),
          owner_id: principal.accountId,
          name: g.name,
          kind: 'event',
          event_marker: marker,
          event_start: g.window.startAt,
          event_end: g.window.endAt,
          event_latitude: g.window.latitude,
          event_longitude: g.window.longitude,
          created_at: now,
          updated_at: now,
        };
        try {
          await albums.insert(album);
        } catch (e) {
          // A concurrent share of the same event created it first (unique index).
          album = await albums.findEventAlbum(principal.accountId, marker);
          if (!album) throw e;
        }
      }
      await albums.update(album.id, {
        event_start: g.window.startAt,
        event_end: g.window.endAt,
        event_latitude: g.window.latitude,
        event_longitude: g.window.longitude,
        updated_at: now,
      });
      const added = await addDeduplicated(album, [...g.own, ...g.contributions.flatMap((c) => c.assets)], now);
      const contributorIds = g.contributions.map((c) => c.link.accountId);
      const previousMembers = await albums.memberIds(album.id);
      const newMembers = await albums.addMembers(album.id, contributorIds, now);
      const sharer = await db
        .selectFrom('account')
        .select(['id', 'username', 'display_name'])
        .where('id', '=', principal.accountId)
        .executeTakeFirstOrThrow();
      const assetCount = (await albums.assetIds(album.id)).length;
      realtime.emitToAccount(newMembers, 'album.shared', {
        albumId: album.id,
        name: album.name,
        kind: 'event',
        assetCount,
        sharedBy: { id: sharer.id, username: sharer.username, displayName: sharer.display_name },
      });
      if (added.length) realtime.emitToAccount(previousMembers, 'album.updated', { albumId: album.id, addedAssetIds: added });
      return {
        album,
        recipients: g.contributions.map((c) => ({ link: c.link, assetCount: c.assets.length })),
        assetCount,
        addedAssetCount: added.length,
      };
    },

    /**
     * Routes an owner's new photos into the event albums they belong to: the owner's own
     * event albums (by marker), and albums of contacts the owner is mutually linked with,
     * when the owner allows gathering (by marker or window). Called after event detection.
     */
    async routeNewAssets(ownerId: string, assets: AssetRow[]): Promise<void> {
      if (!assets.length) return;
      const owner = await db
        .selectFrom('account')
        .select(['id', 'username', 'display_name', 'allow_event_gathering'])
        .where('id', '=', ownerId)
        .executeTakeFirst();
      if (!owner) return;
      const mutual =
        owner.allow_event_gathering === 1
          ? (await contacts.findLinkedAccounts(ownerId)).filter((l) => l.mutual).map((l) => l.accountId)
          : [];
      const candidateAlbums = await albums.eventAlbumsOwnedBy([ownerId, ...mutual]);
      if (!candidateAlbums.length) return;
      const markers = await db
        .selectFrom('asset_event')
        .innerJoin('event', 'event.id', 'asset_event.event_id')
        .select(['asset_event.asset_id', 'event.marker'])
        .where(
          'asset_event.asset_id',
          'in',
          assets.map((a) => a.id),
        )
        .execute();
      const now = Date.now();
      const fresh = new Set(assets.map((a) => a.id));
      for (const album of candidateAlbums) {
        const own = album.owner_id === ownerId;
        let fitting: AssetRow[];
        if (own) {
          // The initiator's first set is their photos with the marker; the window follows their event as it grows.
          const marked = new Set(markers.filter((m) => m.marker === album.event_marker).map((m) => m.asset_id));
          fitting = assets.filter((a) => marked.has(a.id));
          const event = await events.repo.findByMarker(ownerId, album.event_marker!);
          if (event)
            await albums.update(album.id, {
              event_start: event.start_at,
              event_end: event.end_at,
              event_latitude: event.latitude,
              event_longitude: event.longitude,
            });
        } else {
          const w: EventWindow = {
            startAt: album.event_start!,
            endAt: album.event_end!,
            latitude: album.event_latitude,
            longitude: album.event_longitude,
          };
          fitting = (await matchingAssets([ownerId], album.event_marker!, w)).filter((a) => fresh.has(a.id));
        }
        if (!fitting.length) continue;
        const added = await addDeduplicated(album, fitting, now);
        if (!added.length) continue;
        const previousMembers = await albums.memberIds(album.id);
        const joined = own ? [] : await albums.addMembers(album.id, [ownerId], now);
        await albums.update(album.id, { updated_at: now });
        realtime.emitToAccount(previousMembers, 'album.updated', { albumId: album.id, addedAssetIds: added });
        if (joined.length) {
          const sharer = await db
            .selectFrom('account')
            .select(['id', 'username', 'display_name'])
            .where('id', '=', album.owner_id)
            .executeTakeFirstOrThrow();
          realtime.emitToAccount(joined, 'album.shared', {
            albumId: album.id,
            name: album.name,
            kind: 'event',
            assetCount: (await albums.assetIds(album.id)).length,
            sharedBy: { id: sharer.id, username: sharer.username, displayName: sharer.display_name },
          });
        }
      }
    },
  };
}

export type EventSharingService = ReturnType<typeof createEventSharingService>;
