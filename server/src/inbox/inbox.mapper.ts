import type { AssetDto } from '../assets/assets.mapper.js';
import { iso } from '../common/time.js';
import type { InboxBlockRow, InboxDropRow, InboxRepository } from './inbox.repository.js';

type ItemRow = Awaited<ReturnType<InboxRepository['items']>>[number];

export const toBlockDto = (b: InboxBlockRow) => ({ id: b.id, kind: b.kind, value: b.value, createdAt: iso(b.created_at) });

export const toDropDto = (d: InboxDropRow) => ({
  at: iso(d.at),
  code: d.code,
  senderName: d.sender_name,
  senderAddress: d.sender_address,
  sourceIp: d.source_ip,
  pictures: d.pictures,
  senderVerified: d.sender_verified === 1,
});

/** An inbox item: the picture (asset URLs as in `Asset`), the sender's claims and whether they were verified. */
export const toInboxItemDto = (r: ItemRow, asset: AssetDto) => ({
  assetId: r.asset_id,
  albumId: r.album_id,
  pictureName: r.picture_name,
  sender: { name: r.sender_name, address: r.sender_address, local: r.sender_account_id !== null, verified: r.sender_verified === 1 },
  sourceIp: r.source_ip,
  receivedAt: iso(r.received_at),
  width: r.width,
  height: r.height,
  mime: r.mime,
  bytes: r.bytes,
  ready: !!(r.thumbnail_sha256 && r.preview_sha256),
  thumbnailUrl: `/api/assets/${r.asset_id}/thumbnail`,
  previewUrl: `/api/assets/${r.asset_id}/preview`,
  originalUrl: `/api/assets/${r.asset_id}/original`,
  asset,
});
