import { toPerson, type AssetDto, type PersonDto } from '../assets/assets.mapper.js';
import type { AlbumLinkListRow } from './album-links.repository.js';
import { linkState } from './album-links.service.js';
import { iso, isoOrNull } from '../common/time.js';
import type { AlbumAssetRow, AlbumMemberRow, AlbumSummaryRow } from './albums.repository.js';
import type { PublicAlbumService } from './public-album.service.js';

export const toAlbumSummaryDto = (a: AlbumSummaryRow, owner: PersonDto) => ({
  id: a.id,
  name: a.name,
  kind: a.kind,
  owner,
  role: a.role,
  assetCount: a.asset_count,
  coverAssetId: a.cover_asset_id,
  eventMarker: a.event_marker,
  startAt: isoOrNull(a.first_captured_at),
  endAt: isoOrNull(a.last_captured_at),
  createdAt: iso(a.created_at),
  updatedAt: iso(a.updated_at),
});

export type AlbumSummaryDto = ReturnType<typeof toAlbumSummaryDto>;

/** Maps album summaries with their owners (by account id, from one batched lookup in albums.service.ts). Pure. */
export function toAlbumSummaryDtos(rows: AlbumSummaryRow[], owners: Map<string, PersonDto>): AlbumSummaryDto[] {
  return rows.map((r) => toAlbumSummaryDto(r, owners.get(r.owner_id)!));
}

/**
 * The full album: summary, assets in capture order with contributor credit, members. Pure: `rows` are the
 * album's asset rows with contributor ids, `assets` their DTOs in the same order.
 */
export function toAlbumDetailDto(base: AlbumSummaryDto, rows: AlbumAssetRow[], assets: AssetDto[], memberRows: AlbumMemberRow[]) {
  const members = memberRows.map((m) => ({ ...toPerson(m), role: m.role }));
  const people = new Map(members.map((m) => [m.id, { id: m.id, username: m.username, displayName: m.displayName }]));
  for (const a of assets) people.set(a.owner.id, people.get(a.owner.id) ?? a.owner);
  return {
    ...base,
    assets: assets.map((a, i) => ({
      ...a,
      contributor: people.get(rows[i].contributor_id) ?? a.owner,
      uploaderName: rows[i].uploader_name ?? null,
    })),
    members,
  };
}

/** A public link as its owner sees it. */
export const toAlbumLinkDto = (r: AlbumLinkListRow, url: string, now = Date.now()) => ({
  id: r.id,
  albumId: r.album_id,
  albumName: r.album_name,
  key: r.key,
  url,
  label: r.label,
  hasPassword: r.password_hash != null,
  allowDownload: r.allow_download === 1,
  allowUpload: r.allow_upload === 1,
  expiresAt: isoOrNull(r.expires_at),
  revokedAt: isoOrNull(r.revoked_at),
  state: linkState(r, now),
  createdAt: iso(r.created_at),
});

/** The album of a public link as a visitor sees it: no location, camera, file names or account ids. */
export function toPublicAlbumDto(v: Awaited<ReturnType<PublicAlbumService['view']>>) {
  const base = `/api/l/${v.link.key}/assets`;
  return {
    album: {
      name: v.summary.name,
      ownerName: v.ownerName,
      assetCount: v.summary.asset_count,
      startAt: isoOrNull(v.summary.first_captured_at),
      endAt: isoOrNull(v.summary.last_captured_at),
    },
    allowDownload: v.link.allow_download === 1,
    allowUpload: v.link.allow_upload === 1,
    expiresAt: isoOrNull(v.link.expires_at),
    assets: v.rows.map((r) => ({
      id: r.id,
      mime: r.mime,
      width: r.width,
      height: r.height,
      capturedAt: iso(r.captured_at),
      addedBy: v.contributorName(r),
      viaLink: r.uploader_name != null,
      thumbnailUrl: `${base}/${r.id}/thumbnail`,
      previewUrl: `${base}/${r.id}/preview`,
      originalUrl: v.link.allow_download === 1 ? `${base}/${r.id}/original` : null,
    })),
  };
}
