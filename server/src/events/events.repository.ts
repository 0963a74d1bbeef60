import type { Db } from '../db/database.js';
import { chunked } from '../db/chunks.js';
import type { AssetTable, EventTable } from '../db/schema.js';

export type EventRow = EventTable;
export type EventSummaryRow = EventRow & { asset_count: number; cover_asset_id: string | null };
/** A contact's photo that may belong to an event, with how it matched and the position to check. */
export type Candidate = AssetTable & { how: 'marker' | 'cluster' | 'time'; match_latitude: number | null; match_longitude: number | null };

const chunks = chunked;

/** All SQL touching events and event markers on assets. */
export function createEventsRepository(db: Db) {
  return {
    async insert(row: EventRow): Promise<void> {
      await db.insertInto('event').values(row).execute();
    },
    findByMarker: (ownerId: string, marker: string) =>
      db.selectFrom('event').selectAll().where('owner_id', '=', ownerId).where('marker', '=', marker).executeTakeFirst(),
    findById: (id: string) => db.selectFrom('event').selectAll().where('id', '=', id).executeTakeFirst(),
    /** The owner's events (all sources) with photo counts and cover (earliest photo), newest first. */
    async listWithCounts(ownerId: string): Promise<EventSummaryRow[]> {
      const rows = await db
        .selectFrom('event')
        .selectAll('event')
        .select((eb) => [
          eb
            .selectFrom('asset_event')
            .innerJoin('asset', 'asset.id', 'asset_event.asset_id')
            .whereRef('asset_event.event_id', '=', 'event.id')
            .where('asset.trashed_at', 'is', null)
            .where('asset.archived', '=', 0)
            .select(eb.fn.countAll<number>().as('n'))
            .as('asset_count'),
          eb
            .selectFrom('asset_event')
            .innerJoin('asset', 'asset.id', 'asset_event.asset_id')
            .whereRef('asset_event.event_id', '=', 'event.id')
            .where('asset.trashed_at', 'is', null)
            .where('asset.archived', '=', 0)
            .select('asset.id')
            .orderBy('asset.captured_at')
            .limit(1)
            .as('cover_asset_id'),
        ])
        .where('owner_id', '=', ownerId)
        .orderBy('start_at', 'desc')
        .execute();
      return rows.map((r) => ({ ...r, asset_count: Number(r.asset_count ?? 0) }));
    },
    /**
     * Events of an owner (detected, tagged or from XMP) overlapping [from, to], among those with
     * at least one dated photo: an event known only by marker has no window a photo could fit.
     */
    overlapping: (ownerId: string, from: number, to: number) =>
      db
        .selectFrom('event')
        .selectAll()
        .where('owner_id', '=', ownerId)
        .where('start_at', '<=', to)
        .where('end_at', '>=', from)
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom('asset_event')
              .innerJoin('asset', 'asset.id', 'asset_event.asset_id')
              .select('asset.id')
              .whereRef('asset_event.event_id', '=', 'event.id')
              .where('asset.captured_at_source', '!=', 'upload')
              .where('asset.trashed_at', 'is', null)
              .where('asset.archived', '=', 0),
          ),
        )
        .orderBy('start_at')
        .execute(),
    /**
     * Pairs of one owner's events over the same photos: an unlocked automatic event that shares a
     * photo with a marker event (tag or XMP). The two are one real event; the caller merges them.
     */
    autoEventsOverlappingMarkers: (ownerId: string) =>
      db
        .selectFrom('asset_event as a')
        .innerJoin('event as auto', 'auto.id', 'a.event_id')
        .innerJoin('asset_event as b', 'b.asset_id', 'a.asset_id')
        .innerJoin('event as m', 'm.id', 'b.event_id')
        .where('auto.owner_id', '=', ownerId)
        .where('m.owner_id', '=', ownerId)
        .where('auto.source', '=', 'auto')
        .where('auto.locked', '=', 0)
        .where('m.source', '!=', 'auto')
        .select(['auto.id as auto_id', 'm.id as marker_id', 'm.created_at as marker_created_at'])
        .distinct()
        .orderBy('marker_created_at')
        .execute(),
    async update(id: string, patch: Partial<Omit<EventRow, 'id' | 'owner_id' | 'created_at'>>): Promise<void> {
      await db.updateTable('event').set(patch).where('id', '=', id).execute();
    },
    async delete(ids: string[]): Promise<void> {
      for (const part of chunks(ids)) await db.deleteFrom('event').where('id', 'in', part).execute();
    },

    async link(eventId: string, assetIds: string[]): Promise<void> {
      for (const part of chunks(assetIds))
        await db
          .insertInto('asset_event')
          .values(part.map((asset_id) => ({ asset_id, event_id: eventId })))
          .onConflict((oc) => oc.doNothing())
          .execute();
    },
    async unlink(eventId: string, assetIds: string[]): Promise<void> {
      for (const part of chunks(assetIds))
        await db.deleteFrom('asset_event').where('event_id', '=', eventId).where('asset_id', 'in', part).execute();
    },
    /** Moves every photo of `fromIds` into `toId` (merge). */
    async moveAll(fromIds: string[], toId: string): Promise<void> {
      const rows = await db.selectFrom('asset_event').select('asset_id').where('event_id', 'in', fromIds).execute();
      await this.link(
        toId,
        rows.map((r) => r.asset_id),
      );
      await db.deleteFrom('asset_event').where('event_id', 'in', fromIds).execute();
    },

    /**
     * Time span and GPS centroid of an event's photos that have a capture time, in one aggregate
     * query; undefined when none has (photos without one never widen a window).
     */
    async windowOf(
      eventId: string,
    ): Promise<{ startAt: number; endAt: number; latitude: number | null; longitude: number | null } | undefined> {
      const r = await db
        .selectFrom('asset')
        .innerJoin('asset_event', 'asset_event.asset_id', 'asset.id')
        .where('asset_event.event_id', '=', eventId)
        .where('asset.captured_at_source', '!=', 'upload')
        .where('asset.trashed_at', 'is', null)
        .where('asset.archived', '=', 0)
        .select((eb) => [
          eb.fn.countAll<number>().as('n'),
          eb.fn.min<number>('asset.captured_at').as('start_at'),
          eb.fn.max<number>('asset.captured_at').as('end_at'),
          eb.fn.avg<number>('asset.latitude').as('latitude'),
          eb.fn.avg<number>('asset.longitude').as('longitude'),
        ])
        .executeTakeFirstOrThrow();
      if (!Number(r.n)) return undefined;
      const num = (v: unknown) => (v == null ? null : Number(v)); // PostgreSQL answers numeric as text
      return { startAt: Number(r.start_at), endAt: Number(r.end_at), latitude: num(r.latitude), longitude: num(r.longitude) };
    },
    /** XMP of the event's photos that carry any (for place names). */
    xmpOf: async (eventId: string) =>
      (
        await db
          .selectFrom('asset')
          .innerJoin('asset_event', 'asset_event.asset_id', 'asset.id')
          .where('asset_event.event_id', '=', eventId)
          .where('asset.xmp', 'is not', null)
          .select('asset.xmp')
          .execute()
      ).map((r) => r.xmp),

    /** Photos of one event in capture order (not those in the trash). */
    assetsOf: (eventId: string) =>
      db
        .selectFrom('asset')
        .innerJoin('asset_event', 'asset_event.asset_id', 'asset.id')
        .selectAll('asset')
        .where('asset_event.event_id', '=', eventId)
        .where('asset.trashed_at', 'is', null)
        .where('asset.archived', '=', 0)
        .orderBy('asset.captured_at')
        .orderBy('asset.id')
        .execute(),
    /** The owner's photos automatic detection has not placed yet (new uploads, or ones a lost job missed). */
    unassignedAssets: (ownerId: string) =>
      db
        .selectFrom('asset')
        .select(['id', 'captured_at', 'captured_at_source', 'latitude', 'longitude', 'xmp'])
        .where('owner_id', '=', ownerId)
        .where('events_detected', '=', 0)
        .where('trashed_at', 'is', null)
        .where('archived', '=', 0)
        .execute(),
    async markDetected(assetIds: string[]): Promise<void> {
      for (const part of chunks(assetIds)) await db.updateTable('asset').set({ events_detected: 1 }).where('id', 'in', part).execute();
    },

    /**
     * Candidate photos of the given accounts for an event, each with how it matched:
     * - `marker`: in one of their events with the same marker code;
     * - `cluster`: in one of their auto-detected events overlapping [from, to] (their cluster of
     *   the same party is the same event), with that event's centre for the GPS rule;
     * - `time`: captured inside [from, to], with the photo's own GPS for the GPS rule.
     * No window (`from`/`to` null): markers only. Photos without a capture time never match by
     * time. The caller applies the GPS rule; a photo matched several ways is returned once, best first.
     */
    async candidatesFor(ownerIds: string[], marker: string, from: number | null, to: number | null): Promise<Candidate[]> {
      if (!ownerIds.length) return [];
      const out: Candidate[] = [];
      const seen = new Set<string>();
      const push = (r: AssetTable, how: Candidate['how'], lat: number | null, lon: number | null) => {
        if (seen.has(r.id)) return;
        seen.add(r.id);
        out.push({ ...r, how, match_latitude: lat, match_longitude: lon });
      };
      for (const part of chunks(ownerIds)) {
        const inEvents = db
          .selectFrom('asset')
          .innerJoin('asset_event', 'asset_event.asset_id', 'asset.id')
          .innerJoin('event', 'event.id', 'asset_event.event_id')
          .selectAll('asset')
          .select(['event.latitude as event_latitude', 'event.longitude as event_longitude'])
          .where('event.owner_id', 'in', part)
          .where('asset.owner_id', 'in', part)
          .where('asset.trashed_at', 'is', null)
          .where('asset.archived', '=', 0);
        for (const r of await inEvents.where('event.marker', '=', marker).execute()) push(r, 'marker', null, null);
        if (from == null || to == null) continue;
        const clustered = await inEvents
          .where('event.source', '=', 'auto')
          .where('event.start_at', '<=', to)
          .where('event.end_at', '>=', from)
          .where('asset.captured_at_source', '!=', 'upload')
          .execute();
        const timed = await db
          .selectFrom('asset')
          .selectAll()
          .where('owner_id', 'in', part)
          .where('trashed_at', 'is', null)
          .where('archived', '=', 0)
          .where('captured_at', '>=', from)
          .where('captured_at', '<=', to)
          .where('captured_at_source', '!=', 'upload')
          .execute();
        for (const { event_latitude, event_longitude, ...r } of clustered) push(r, 'cluster', event_latitude, event_longitude);
        for (const r of timed) push(r, 'time', r.latitude, r.longitude);
      }
      return out;
    },

    /**
     * Re-derives start/end of the owner's events from their dated photos (an event with none keeps
     * its span) and drops events left empty.
     */
    async refreshWindows(ownerId: string): Promise<void> {
      const empty = await db
        .selectFrom('event')
        .select('id')
        .where('owner_id', '=', ownerId)
        .where((eb) => eb.not(eb.exists(eb.selectFrom('asset_event').select('asset_id').whereRef('asset_event.event_id', '=', 'event.id'))))
        .execute();
      await this.delete(empty.map((e) => e.id));
      await db
        .updateTable('event')
        .set((eb) => ({
          start_at: eb.fn.coalesce(
            eb
              .selectFrom('asset_event')
              .innerJoin('asset', 'asset.id', 'asset_event.asset_id')
              .whereRef('asset_event.event_id', '=', 'event.id')
              .where('asset.captured_at_source', '!=', 'upload')
              .where('asset.trashed_at', 'is', null)
              .where('asset.archived', '=', 0)
              .select((e) => e.fn.min<number>('asset.captured_at').as('m')),
            eb.ref('event.start_at'),
          ),
          end_at: eb.fn.coalesce(
            eb
              .selectFrom('asset_event')
              .innerJoin('asset', 'asset.id', 'asset_event.asset_id')
              .whereRef('asset_event.event_id', '=', 'event.id')
              .where('asset.captured_at_source', '!=', 'upload')
              .where('asset.trashed_at', 'is', null)
              .where('asset.archived', '=', 0)
              .select((e) => e.fn.max<number>('asset.captured_at').as('m')),
            eb.ref('event.end_at'),
          ),
        }))
        .where('owner_id', '=', ownerId)
        .execute();
    },

    /** The owner's assets among `assetIds` with what placing them in an event needs (capture time and place); the access check is the caller's. */
    ownedAssetPoints: (ownerId: string, assetIds: string[]) =>
      db
        .selectFrom('asset')
        .select(['id', 'captured_at', 'captured_at_source', 'latitude', 'longitude'])
        .where('owner_id', '=', ownerId)
        .where('id', 'in', assetIds)
        .execute(),
  };
}

export type EventsRepository = ReturnType<typeof createEventsRepository>;
