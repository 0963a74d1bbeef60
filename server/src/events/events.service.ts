import crypto from 'node:crypto';
import type { Principal } from '../common/principal.js';
import type { Config } from '../config/config.js';
import { errors } from '../common/errors.js';
import type { RealtimeHub } from '../realtime/realtime-events.js';
import { clusterPhotos, eventName, fitsWindow, markerFromTag, windowOf, type PhotoPoint } from './event-detection.js';
import { isDated } from './event-gathering.js';
import type { EventRow, EventSummaryRow, EventsRepository } from './events.repository.js';
import type { EventAlbumsRepository } from './event-albums.repository.js';
import type { AccessService } from '../access/access.service.js';
import type { AssetDto } from '../assets/assets.mapper.js';
import type { AssetRow } from '../assets/assets.repository.js';
import { toEventSummaryDtos, withCounts } from './events.mapper.js';
import { loadPlaceIndex } from './place-names.js';

/** Serialises work per key (one owner's event detection at a time), in this process. */
function keyedMutex() {
  const tails = new Map<string, Promise<unknown>>();
  return <T>(key: string, fn: () => Promise<T>): Promise<T> => {
    const run = (tails.get(key) ?? Promise.resolve()).then(fn, fn);
    const tail = run.catch(() => undefined);
    tails.set(key, tail);
    void tail.then(() => tails.get(key) === tail && tails.delete(key));
    return run;
  };
}

const toPoint = (a: { id: string; captured_at: number; latitude: number | null; longitude: number | null }): PhotoPoint => ({
  id: a.id,
  capturedAt: a.captured_at,
  latitude: a.latitude,
  longitude: a.longitude,
});

/** A marker for an event Kith makes (detection, split): `ev-<YYYYMMDD of at (UTC)>-<8 random hex>`. */
const generatedMarker = (at: number) =>
  `ev-${new Date(at).toISOString().slice(0, 10).replaceAll('-', '')}-${crypto.randomBytes(4).toString('hex')}`;

/**
 * The place of an event: the city most of its photos carry in XMP, else the best-known place
 * near the GPS centroid of its photos (offline GeoNames lookup), else null.
 */
async function placeOf(
  xmps: Array<string | null>,
  centroid: { latitude: number | null; longitude: number | null },
): Promise<string | null> {
  const counts = new Map<string, number>();
  for (const x of xmps) {
    const city = x ? (JSON.parse(x).city as string | undefined) : undefined;
    if (city) counts.set(city, (counts.get(city) ?? 0) + 1);
  }
  const fromXmp = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (fromXmp) return fromXmp;
  if (centroid.latitude == null || centroid.longitude == null) return null;
  return (await loadPlaceIndex()).nameAt(centroid.latitude, centroid.longitude);
}

/**
 * Events and event markers: automatic detection, explicit tags, XMP events, and the
 * owner's rename / merge / split. An asset may carry several markers.
 */
export interface EventsServiceDeps {
  repo: EventsRepository;
  access: AccessService;
  /** Which event albums events are shared in (event-albums.repository.ts `albumsOfEvents`). */
  eventAlbums: EventAlbumsRepository;
  /** Maps asset rows for the API (assets.service.ts `toDtos`). */
  toAssetDtos: (rows: AssetRow[]) => Promise<AssetDto[]>;
  config: Config;
  realtime: RealtimeHub;
}

export function createEventsService({ repo, access, eventAlbums, toAssetDtos, config, realtime }: EventsServiceDeps) {
  const serial = keyedMutex();
  /** Tells the owner's open windows (other tabs, devices) that these events changed. */
  const announce = (ownerId: string, markers: string[]) => realtime.emitToAccount(ownerId, 'events.updated', { markers });

  async function newEvent(
    ownerId: string,
    marker: string,
    name: string,
    source: EventRow['source'],
    points: PhotoPoint[],
    place: string | null,
  ) {
    const now = Date.now();
    const w = windowOf(points);
    const row: EventRow = {
      id: crypto.randomUUID(),
      owner_id: ownerId,
      marker,
      name,
      source,
      locked: 0,
      start_at: w.startAt,
      end_at: w.endAt,
      latitude: w.latitude,
      longitude: w.longitude,
      place,
      created_at: now,
      updated_at: now,
    };
    await repo.insert(row);
    return row;
  }

  /**
   * Recomputes an event's window, centroid and place from its photos. Only dated photos shape
   * the window; an event whose photos all lack a capture time keeps the span it has.
   */
  async function refresh(event: EventRow): Promise<EventRow> {
    // Aggregates in SQL: an event of thousands of photos grows by one upload at a time.
    let w = await repo.windowOf(event.id);
    if (!w) {
      if (!(await repo.assetsOf(event.id)).length) {
        await repo.delete([event.id]);
        return event;
      }
      w = { startAt: event.start_at, endAt: event.end_at, latitude: event.latitude, longitude: event.longitude };
    }
    const place = (await placeOf(await repo.xmpOf(event.id), w)) ?? event.place;
    // A generated name follows the photos (after a merge or split); a name the owner chose stays.
    const generated = event.source === 'auto' && event.name === eventName(event.start_at, event.place);
    const patch = {
      start_at: w.startAt,
      end_at: w.endAt,
      latitude: w.latitude,
      longitude: w.longitude,
      place,
      ...(generated ? { name: eventName(w.startAt, place) } : {}),
      updated_at: Date.now(),
    };
    await repo.update(event.id, patch);
    return { ...event, ...patch };
  }

  /**
   * One real event is one event: an unlocked automatic event that shares photos with a marker
   * event (tag or XMP Iptc4xmpExt:Event) of the same owner moves into it, and the marker's name
   * and code stay (the marker is what contacts' libraries share).
   * @returns the marker events that grew.
   */
  async function mergeAutoIntoMarkers(ownerId: string): Promise<EventRow[]> {
    const pairs = await repo.autoEventsOverlappingMarkers(ownerId);
    const into = new Map<string, string>();
    for (const p of pairs) if (!into.has(p.auto_id)) into.set(p.auto_id, p.marker_id);
    const grown = new Map<string, EventRow>();
    for (const [autoId, markerId] of into) {
      await repo.moveAll([autoId], markerId);
      await repo.delete([autoId]);
      const target = await repo.findById(markerId);
      if (target) grown.set(markerId, target);
    }
    return [...grown.values()];
  }

  /** Maps events with the event albums they are shared in (one lookup). */
  async function summaryDtos(accountId: string, rows: EventSummaryRow[]) {
    return toEventSummaryDtos(rows, await eventAlbums.albumsOfEvents(accountId, rows));
  }

  return {
    /** The caller's events for the API, newest first, with counts, covers and shared albums. */
    listDtos: async (principal: Principal) => summaryDtos(principal.accountId, await repo.listWithCounts(principal.accountId)),

    /**
     * One of the caller's events for the API: its summary and its photos (DTOs, capture order).
     * @throws 404 `not_found` when the caller has no event with this marker.
     */
    async detail(principal: Principal, marker: string) {
      const event = await this.get(principal, marker);
      const assets = await repo.assetsOf(event.id);
      const [summary] = await summaryDtos(principal.accountId, [withCounts(event, assets)]);
      return { event: summary, assets: await toAssetDtos(assets) };
    },

    /**
     * Automatic event detection for one owner, incremental: the photos no auto event holds
     * yet are clustered (time gap, GPS radius); each cluster joins the existing event it fits
     * (window ± gap, near its centre), merges the unlocked events it bridges, or starts a
     * new event with a generated marker and a date (+ place) name. Existing markers never
     * change, so albums that follow them keep working.
     * @returns the ids of the photos it placed (new to automatic detection).
     */
    detect(ownerId: string): Promise<string[]> {
      return serial(ownerId, async () => {
        const fresh = await repo.unassignedAssets(ownerId);
        if (!fresh.length) return [];
        const touched = new Map<string, EventRow>();
        // A photo without a capture time has no place on the time line: it joins an event only by its marker.
        for (const cluster of clusterPhotos(fresh.filter(isDated).map(toPoint), config.eventGapMs, config.eventRadiusM)) {
          const w = windowOf(cluster);
          const fits = (await repo.overlapping(ownerId, w.startAt - config.eventGapMs, w.endAt + config.eventGapMs)).filter((e) =>
            cluster.some((p) =>
              fitsWindow(
                p,
                { startAt: e.start_at, endAt: e.end_at, latitude: e.latitude, longitude: e.longitude },
                config.eventGapMs,
                config.eventRadiusM,
              ),
            ),
          );
          let target: EventRow;
          if (!fits.length) {
            const ids = new Set(cluster.map((p) => p.id));
            const rows = fresh.filter((f) => ids.has(f.id));
            const place = await placeOf(
              rows.map((r) => r.xmp),
              w,
            );
            const marker = generatedMarker(w.startAt);
            target = await newEvent(ownerId, marker, eventName(w.startAt, place), 'auto', cluster, place);
          } else {
            // A marker event takes the photos of its time and place; bridging photos merge the
            // unlocked automatic events they connect into it (or into the earliest one).
            target = fits.find((e) => e.source !== 'auto') ?? fits[0];
            const absorbed = fits.filter((e) => e.id !== target.id && !e.locked && e.source === 'auto');
            if (absorbed.length) {
              await repo.moveAll(
                absorbed.map((e) => e.id),
                target.id,
              );
              await repo.delete(absorbed.map((e) => e.id));
              absorbed.forEach((e) => touched.delete(e.id));
            }
          }
          await repo.link(
            target.id,
            cluster.map((p) => p.id),
          );
          touched.set(target.id, target);
        }
        await repo.markDetected(fresh.map((f) => f.id));
        for (const e of await mergeAutoIntoMarkers(ownerId)) touched.set(e.id, e);
        for (const id of [...touched.keys()]) if (!(await repo.findById(id))) touched.delete(id);
        const refreshed = await Promise.all([...touched.values()].map(refresh));
        const markers = refreshed.map((e) => e.marker);
        announce(ownerId, markers);
        return fresh.map((f) => f.id);
      });
    },

    /**
     * Gives assets an explicit marker (upload tag, later tag, or the file's XMP event).
     * The marker code is {@link markerFromTag} of the text; the text becomes the name.
     * @throws 404 `not_found` when any id is not one of the caller's own assets (in the library or the trash).
     */
    async tagAssets(principal: Principal, assetIds: string[], tag: string, source: 'tag' | 'metadata'): Promise<EventRow> {
      const ownerId = principal.accountId;
      return serial(ownerId, async () => {
        const marker = markerFromTag(tag);
        await access.requireOwnAssets(principal, assetIds);
        const owned = await repo.ownedAssetPoints(ownerId, assetIds);
        // The span of photos without a capture time is only shown until a dated photo joins; it never gathers.
        const dated = owned.filter(isDated);
        const event =
          (await repo.findByMarker(ownerId, marker)) ??
          (await newEvent(ownerId, marker, tag.trim(), source, (dated.length ? dated : owned).map(toPoint), null));
        await repo.link(event.id, assetIds);
        await mergeAutoIntoMarkers(ownerId);
        const updated = await refresh((await repo.findById(event.id)) ?? event);
        announce(ownerId, [marker]);
        return updated;
      });
    },

    /** Removes a marker from one of the caller's assets. @throws 404 `not_found` (not the caller's asset, or no such event). */
    async untagAsset(principal: Principal, assetId: string, marker: string): Promise<void> {
      await access.requireAsset(principal, assetId, 'write');
      const event = await this.get(principal, marker);
      await repo.unlink(event.id, [assetId]);
      await refresh(event);
      announce(principal.accountId, [marker]);
    },

    /** @throws 404 `not_found` when the caller has no event with this marker. */
    async get(principal: Principal, marker: string): Promise<EventRow> {
      const e = await repo.findById(await access.requireEvent(principal, marker));
      if (!e) throw errors.notFound('event');
      return e;
    },

    list: (principal: Principal) => repo.listWithCounts(principal.accountId),

    async rename(principal: Principal, marker: string, name: string): Promise<EventRow> {
      const e = await this.get(principal, marker);
      await repo.update(e.id, { name, updated_at: Date.now() });
      announce(principal.accountId, [marker]);
      return { ...e, name };
    },

    /**
     * Merges other events into this one; the result is locked so detection leaves it alone.
     * @throws 404 `not_found` for an unknown marker, 400 `invalid_merge` when merging an event into itself.
     */
    async merge(principal: Principal, marker: string, others: string[]): Promise<EventRow> {
      return serial(principal.accountId, async () => {
        const target = await this.get(principal, marker);
        const sources = await Promise.all(others.map((m) => this.get(principal, m)));
        if (sources.some((s) => s.id === target.id)) throw errors.badRequest('invalid_merge', 'An event cannot be merged into itself.');
        await repo.moveAll(
          sources.map((s) => s.id),
          target.id,
        );
        await repo.delete(sources.map((s) => s.id));
        await repo.update(target.id, { locked: 1 });
        const merged = await refresh({ ...target, locked: 1 });
        announce(principal.accountId, [marker, ...others]);
        return merged;
      });
    },

    /**
     * Splits an event at a time: photos captured at or after `at` (ms) move to a new event.
     * Both are locked. @throws 400 `invalid_split` when one side would be empty.
     */
    async split(principal: Principal, marker: string, at: number): Promise<[EventRow, EventRow]> {
      return serial(principal.accountId, async () => {
        const event = await this.get(principal, marker);
        const assets = await repo.assetsOf(event.id);
        const later = assets.filter((a) => a.captured_at >= at);
        if (!later.length || later.length === assets.length)
          throw errors.badRequest('invalid_split', 'Choose a time between the first and the last photo of the event.');
        const newMarker = generatedMarker(at);
        const second = await newEvent(
          principal.accountId,
          newMarker,
          eventName(later[0].captured_at, event.place),
          event.source,
          later.map(toPoint),
          event.place,
        );
        await repo.update(second.id, { locked: 1 });
        await repo.unlink(
          event.id,
          later.map((a) => a.id),
        );
        await repo.link(
          second.id,
          later.map((a) => a.id),
        );
        await repo.update(event.id, { locked: 1 });
        const pair: [EventRow, EventRow] = [await refresh({ ...event, locked: 1 }), await refresh({ ...second, locked: 1 })];
        announce(principal.accountId, [marker, newMarker]);
        return pair;
      });
    },

    /** After deletions: shrink windows, drop empty events. */
    onAssetsDeleted: (ownerId: string) => serial(ownerId, () => repo.refreshWindows(ownerId)),
  };
}

export type EventsService = ReturnType<typeof createEventsService>;
