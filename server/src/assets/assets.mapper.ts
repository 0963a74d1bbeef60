import { encodeCursor } from '../common/timeline-cursor.js';
import { iso, isoOrNull } from '../common/time.js';
import type { AssetRow } from './assets.repository.js';

export interface PersonDto {
  id: string;
  username: string;
  displayName: string;
}

export const toPerson = (a: { id: string; username: string; display_name: string }): PersonDto => ({
  id: a.id,
  username: a.username,
  displayName: a.display_name,
});

export const toAssetDto = (a: AssetRow, owner: PersonDto, markers: string[]) => ({
  id: a.id,
  owner,
  originalName: a.original_name,
  mime: a.mime,
  bytes: a.bytes,
  width: a.width,
  height: a.height,
  capturedAt: iso(a.captured_at),
  capturedAtSource: a.captured_at_source,
  description: a.description,
  latitude: a.latitude,
  longitude: a.longitude,
  camera: a.camera_make || a.camera_model ? { make: a.camera_make, model: a.camera_model } : null,
  ready: !!(a.thumbnail_sha256 && a.preview_sha256),
  thumbnailUrl: `/api/assets/${a.id}/thumbnail`,
  previewUrl: `/api/assets/${a.id}/preview`,
  originalUrl: `/api/assets/${a.id}/original`,
  markers,
  createdAt: iso(a.created_at),
  trashedAt: isoOrNull(a.trashed_at),
  favorite: a.favorite === 1,
  archived: a.archived === 1,
});

export type AssetDto = ReturnType<typeof toAssetDto>;

/**
 * Maps many assets from what two batched lookups found (assets.service.ts `toDtos`): their owners by
 * account id and their event markers by asset id. Pure; an owner missing from `owners` shows as `?`.
 */
export function toAssetDtos(rows: AssetRow[], owners: Map<string, PersonDto>, markers: Map<string, string[]>): AssetDto[] {
  return rows.map((r) =>
    toAssetDto(r, owners.get(r.owner_id) ?? { id: r.owner_id, username: '?', displayName: '?' }, markers.get(r.id) ?? []),
  );
}

/**
 * One page of a capture-ordered list from `limit + 1` rows: the first `limit` rows, and the cursor of
 * the next page when the extra row shows there is one (common/timeline-cursor.ts).
 */
export function pageOfRows(rows: AssetRow[], limit: number): { page: AssetRow[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { page, nextCursor: rows.length > limit && last ? encodeCursor(last.captured_at, last.id) : null };
}
