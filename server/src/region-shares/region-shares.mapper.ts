import type { z } from 'zod';
import { iso } from '../common/time.js';
import type { TargetId } from '../connectors/connector.js';
import type { RegionShareRow, SiteKeyRow } from './region-shares.repository.js';
import type { regionShareSchema, siteKeySchema } from './region-shares.schema.js';

/** Row → API shape; `base` is the server's public URL. */
export function toRegionShareDto(r: RegionShareRow, base: string): z.infer<typeof regionShareSchema> {
  return {
    id: r.id,
    url: `${base}/s/${r.id}`,
    imageUrl: `${base}/s/${r.id}/image.png`,
    assetId: r.asset_id,
    pageUrl: r.page_url,
    sourceImageUrl: r.image_url,
    imageIndex: r.image_index,
    rect: { x: r.rect_x, y: r.rect_y, width: r.rect_width, height: r.rect_height },
    natural: { width: r.natural_width, height: r.natural_height },
    description: r.description,
    target: r.target as TargetId,
    imageSource: r.image_source,
    delivery: { status: r.delivery_status, url: r.delivery_url, error: r.delivery_error },
    createdAt: iso(r.created_at),
  };
}

export function toSiteKeyDto(r: SiteKeyRow): z.infer<typeof siteKeySchema> {
  return {
    id: r.id,
    key: r.key,
    name: r.name,
    origins: JSON.parse(r.origins) as string[],
    targets: JSON.parse(r.targets) as TargetId[],
    albumId: r.album_id,
    createdAt: iso(r.created_at),
  };
}
