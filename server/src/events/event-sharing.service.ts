import crypto from 'node:crypto';
import type { Principal } from '../common/principal.js';
import type { AlbumRow, AlbumsRepository } from '../albums/albums.repository.js';
import type { AssetRow } from '../assets/assets.repository.js';
import type { Config } from '../config/config.js';
import type { ContactsRepository, LinkedAccount as ContactLink } from '../contacts/contacts.repository.js';
import type { RealtimeHub } from '../realtime/realtime-events.js';
import type { EventWindow } from './event-detection.js';
import type { EventAlbumsRepository } from './event-albums.repository.js';
import type { EventsRepository } from './events.repository.js';
import { createEventGathering } from './event-gathering.js';
import type { EventsService } from './events.service.js';

export type ExclusionReason = 'not_mutual' | 'gathering_off' | 'no_matching_photos';

export interface Gathered {
  own: AssetRow[];
  /** Contributing contacts, each with their photos of the event. */
  contributions: Array<{ link: ContactLink; assets: AssetRow[] }>;
  excluded: Array<{ link: ContactLink; reason: ExclusionReason }>;
  /** The event's span from its dated photos; null when none has a capture time (markers only). */
  window: EventWindow | null;
  name: string;
  /** The event album this share would fill: an existing one (this event shared by anyone) or null (a new one). */
  album: AlbumRow | null;
  /** Gathered photos the album does not hold yet, once per SHA-256: exactly what a share adds. */
  fresh: AssetRow[];
  /** Photos the album holds after the share. */
  totalAssetCount: number;
}

/**
 * Event photo sharing, claim 1 of US2017032188A1: gather the initiator's photos of the event,
 * add the photos of the same event from the cloud albums of the initiator's contacts, build one
 * combined album and share it with the initiator and every contact who contributed.
 *
 * Which contacts: those linked to a local account that holds the initiator back (mutual)
 * and has "let my contacts gather my event photos" on. Which photos, the initiator's and the
 * contacts' alike: `belongsToEvent` (event-gathering.ts) (marker, or capture time in the window ± margin and
 * place). Which album: one per real event across contacts (event-albums.repository.ts).
 */
export interface EventSharingServiceDeps {
  albums: AlbumsRepository;
  eventAlbums: EventAlbumsRepository;
  /** Mutual contacts with gathering on (contacts.repository.ts `findLinkedAccounts`). */
  contacts: ContactsRepository;
  eventsRepo: EventsRepository;
  config: Config;
  realtime: RealtimeHub;
  events: EventsService;
}

export function createEventSharingService(deps: EventSharingServiceDeps) {
  const { albums, eventAlbums, contacts, eventsRepo, config, realtime, events } = deps;
  const photosOfEvent = createEventGathering({ repo: eventsRepo, config });

  /** Photos not in the album yet (by id or SHA-256), each SHA-256 once. */
  async function notYetIn(album: AlbumRow | null, assets: AssetRow[]): Promise<AssetRow[]> {
    const ids = new Set(album ? await albums.assetIds(album.id) : []);
    const shas = album ? await albums.shaSet(album.id) : new Set<string>();
    const out: AssetRow[] = [];
    for (const a of assets) {
      if (ids.has(a.id) || shas.has(a.sha256)) continue;
      shas.add(a.sha256);
      out.push(a);
    }
    return out;
  }

  /** Collects the sharer's and each eligible contact's photos of the event by one rule. @throws 404 `not_found`. */
  async function gather(principal: Principal, marker: string): Promise<Gathered> {
    const event = await events.get(principal, marker);
    const window = (await eventsRepo.windowOf(event.id)) ?? null;
    const all = await contacts.findLinkedAccounts(principal.accountId);
    const excluded: Gathered['excluded'] = [];
    const eligible: ContactLink[] = [];
    for (const link of all) {
      if (!link.mutual) excluded.push({ link, reason: 'not_mutual' });
      else if (!link.allowEventGathering) excluded.push({ link, reason: 'gathering_off' });
      else eligible.push(link);
    }
    const gathered = await photosOfEvent([principal.accountId, ...eligible.map((l) => l.accountId)], marker, window);
    const byOwner = new Map<string, AssetRow[]>();
    for (const a of gathered) byOwner.set(a.owner_id, [...(byOwner.get(a.owner_id) ?? []), a]);
    const contributions: Gathered['contributions'] = [];
    for (const link of eligible) {
      const assets = byOwner.get(link.accountId);
      if (assets?.length) contributions.push({ link, assets });
      else excluded.push({ link, reason: 'no_matching_photos' });
    }
    const album =
      (await eventAlbums.findForEvent(
        principal.accountId,
        eligible.map((l) => l.accountId),
        marker,
        gathered.map((a) => a.id),
      )) ?? null;
    const fresh = await notYetIn(album, gathered);
    const held = album ? (await albums.assetIds(album.id)).length : 0;
    return {
      own: byOwner.get(principal.accountId) ?? [],
      contributions,
      excluded,
      window,
      name: event.name,
      album,
      fresh,
      totalAssetCount: held + fresh.length,
    };
  }

  /** Adds photos to an event album, once per SHA-256, crediting each to its owner. @returns added ids. */
  async function addDeduplicated(album: AlbumRow, assets: AssetRow[], now: number): Promise<string[]> {
    const entries = (await notYetIn(album, assets)).map((a) => ({ assetId: a.id, contributorId: a.owner_id }));
    return albums.addAssets(album.id, entries, now);
  }

  /** The union of an album's gathering window and an event's (null sides ignored). */
  const union = (album: AlbumRow, w: EventWindow | null) => {
    if (!w) return {};
    if (album.event_start == null || album.event_end == null)
      return { event_start: w.startAt, event_end: w.endAt, event_latitude: w.latitude, event_longitude: w.longitude };
    return {
      event_start: Math.min(Number(album.event_start), w.startAt),
      event_end: Math.max(Number(album.event_end), w.endAt),
      event_latitude: album.event_latitude ?? w.latitude,
      event_longitude: album.event_longitude ?? w.longitude,
    };
  };

  const person = (id: string) => eventAlbums.person(id);

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
      let album = g.album;
      if (!album) {
        album = {
          id: crypto.randomUUID(),
          owner_id: principal.accountId,
          name: g.name,
          kind: 'event',
          event_marker: marker,
          event_start: g.window?.startAt ?? null,
          event_end: g.window?.endAt ?? null,
          event_latitude: g.window?.latitude ?? null,
          event_longitude: g.window?.longitude ?? null,
          created_at: now,
          updated_at: now,
        };
        try {
          await albums.insert(album);
        } catch (e) {
          // A concurrent share of the same event created it first (unique index).
          album = (await albums.findEventAlbum(principal.accountId, marker)) ?? null;
          if (!album) throw e;
        }
      }
      await albums.update(album.id, { ...union(album, g.window), updated_at: now });
      const added = await addDeduplicated(album, g.fresh, now);
      // The sharer joins an album another contributor started; every contributing contact is a member.
      const contributorIds = [principal.accountId, ...g.contributions.map((c) => c.link.accountId)];
      const previousMembers = await albums.memberIds(album.id);
      const newMembers = await albums.addMembers(album.id, contributorIds, now);
      const sharer = await person(principal.accountId);
      const assetCount = (await albums.assetIds(album.id)).length;
      realtime.emitToAccount(
        newMembers.filter((id) => id !== principal.accountId),
        'album.shared',
        {
          albumId: album.id,
          name: album.name,
          kind: 'event',
          assetCount,
          sharedBy: { id: sharer.id, username: sharer.username, displayName: sharer.display_name },
        },
      );
      if (added.length) realtime.emitToAccount(previousMembers, 'album.updated', { albumId: album.id, addedAssetIds: added });
      return {
        album,
        recipients: g.contributions.map((c) => ({ link: c.link, assetCount: c.assets.length })),
        assetCount,
        addedAssetCount: added.length,
      };
    },

    /**
     * Routes an owner's new photos into the event albums they belong to, by the same rule as a
     * share (`belongsToEvent` (event-gathering.ts) against the album's marker and window): albums the owner
     * started, and, when the owner allows gathering, albums of mutual contacts and albums the
     * owner contributes to. Called after event detection.
     */
    async routeNewAssets(ownerId: string, assets: AssetRow[]): Promise<void> {
      if (!assets.length) return;
      const owner = await eventAlbums.gatheringOf(ownerId);
      if (!owner) return;
      const gathering = owner.allow_event_gathering === 1;
      const mutual = gathering ? (await contacts.findLinkedAccounts(ownerId)).filter((l) => l.mutual).map((l) => l.accountId) : [];
      const candidateAlbums = [
        ...(await albums.eventAlbumsOwnedBy([ownerId, ...mutual])),
        ...(gathering ? await eventAlbums.eventAlbumsJoinedBy(ownerId) : []),
      ].filter((a, i, all) => all.findIndex((b) => b.id === a.id) === i);
      if (!candidateAlbums.length) return;
      const now = Date.now();
      const fresh = new Set(assets.map((a) => a.id));
      for (const album of candidateAlbums) {
        const own = album.owner_id === ownerId;
        if (own) {
          // The initiator's window follows their event as it grows.
          const event = await eventsRepo.findByMarker(ownerId, album.event_marker!);
          const w = event ? await eventsRepo.windowOf(event.id) : undefined;
          if (w) {
            Object.assign(album, union(album, w));
            await albums.update(album.id, union(album, w));
          }
        }
        const w: EventWindow | null =
          album.event_start == null || album.event_end == null
            ? null
            : {
                startAt: Number(album.event_start),
                endAt: Number(album.event_end),
                latitude: album.event_latitude,
                longitude: album.event_longitude,
              };
        const fitting = (await photosOfEvent([ownerId], album.event_marker!, w)).filter((a) => fresh.has(a.id));
        if (!fitting.length) continue;
        const added = await addDeduplicated(album, fitting, now);
        if (!added.length) continue;
        const previousMembers = await albums.memberIds(album.id);
        const joinedNow = own ? [] : await albums.addMembers(album.id, [ownerId], now);
        await albums.update(album.id, { updated_at: now });
        realtime.emitToAccount(previousMembers, 'album.updated', { albumId: album.id, addedAssetIds: added });
        if (joinedNow.length) {
          const sharer = await person(album.owner_id);
          realtime.emitToAccount(joinedNow, 'album.shared', {
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
