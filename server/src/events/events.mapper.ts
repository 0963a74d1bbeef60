import { iso } from '../common/time.js';
import type { EventRow, EventSummaryRow } from './events.repository.js';

export const toEventSummaryDto = (e: EventSummaryRow, sharedAlbumId: string | null) => ({
  marker: e.marker,
  name: e.name,
  source: e.source,
  startAt: iso(e.start_at),
  endAt: iso(e.end_at),
  latitude: e.latitude,
  longitude: e.longitude,
  place: e.place,
  assetCount: e.asset_count,
  coverAssetId: e.cover_asset_id,
  sharedAlbumId,
});

/** Maps events with the event albums they are shared in (album id by event id, owned or joined; one lookup in events.service.ts). Pure. */
export function toEventSummaryDtos(rows: EventSummaryRow[], albums: Map<string, string>) {
  return rows.map((r) => toEventSummaryDto(r, albums.get(r.id) ?? null));
}

/** One event with its count and cover, from a plain row and its assets. */
export const withCounts = (e: EventRow, assets: Array<{ id: string }>): EventSummaryRow => ({
  ...e,
  asset_count: assets.length,
  cover_asset_id: assets[0]?.id ?? null,
});
