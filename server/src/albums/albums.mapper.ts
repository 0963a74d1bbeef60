import type { Db } from '../db/database.js';
import { toAssetDtos, toPerson, type PersonDto } from '../assets/assets.mapper.js';
import { iso, isoOrNull } from '../common/time.js';
import type { AlbumsRepository, AlbumSummaryRow } from './albums.repository.js';

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

/** Maps album summaries with one batched owner lookup. */
export async function toAlbumSummaryDtos(db: Db, rows: AlbumSummaryRow[]): Promise<AlbumSummaryDto[]> {
  if (!rows.length) return [];
  const owners = await db
    .selectFrom('account')
    .select(['id', 'username', 'display_name'])
    .where('id', 'in', [...new Set(rows.map((r) => r.owner_id))])
    .execute();
  const byId = new Map(owners.map((o) => [o.id, toPerson(o)]));
  return rows.map((r) => toAlbumSummaryDto(r, byId.get(r.owner_id)!));
}

/** The full album: summary, assets in capture order with contributor credit, members. */
export async function toAlbumDetailDto(db: Db, repo: AlbumsRepository, summary: AlbumSummaryRow) {
  const [base] = await toAlbumSummaryDtos(db, [summary]);
  const rows = await repo.assetsWithContributors(summary.id);
  const assets = await toAssetDtos(db, rows);
  const members = (await repo.members(summary.id)).map((m) => ({ ...toPerson(m), role: m.role }));
  const people = new Map(members.map((m) => [m.id, { id: m.id, username: m.username, displayName: m.displayName }]));
  for (const a of assets) people.set(a.owner.id, people.get(a.owner.id) ?? a.owner);
  return {
    ...base,
    assets: assets.map((a, i) => ({ ...a, contributor: people.get(rows[i].contributor_id) ?? a.owner })),
    members,
  };
}
