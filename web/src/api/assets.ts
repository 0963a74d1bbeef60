/** Library assets: paging, details, delete, explicit event markers (typed SDK calls). */
import { kith, unwrap } from './client';
import type { Asset } from './types';

export interface AssetPage {
  items: Asset[];
  nextCursor: string | null;
}

/** The capture-ordered views of my library. */
export type LibraryView = 'timeline' | 'favorites' | 'archive';

export interface TimelineBucket {
  /** YYYY-MM in this browser's time zone. */
  month: string;
  count: number;
}

/** Minutes east of UTC of this browser's clock, so the server counts months as the person sees them. */
export const utcOffset = () => -new Date().getTimezoneOffset();

const id = (assetId: string) => ({ params: { path: { id: assetId } } });

export const assetsApi = {
  /** Newest capture first; pass the previous page's `nextCursor` to continue. */
  list: (cursor?: string | null, limit = 100, view: LibraryView = 'timeline', from?: string): Promise<AssetPage> =>
    unwrap(
      kith.GET('/api/assets', {
        params: { query: { limit, view, ...(cursor ? { cursor } : {}), ...(from ? { from, utcOffset: utcOffset() } : {}) } },
      }),
    ),
  /** Photo counts per month of my timeline, newest first (the date scrubber). */
  buckets: (): Promise<{ buckets: TimelineBucket[]; total: number }> =>
    unwrap(kith.GET('/api/assets/timeline-buckets', { params: { query: { utcOffset: utcOffset() } } })),
  /** Favourites or archives one of my photos; answers it as it is now. */
  setFlags: async (assetId: string, flags: { favorite?: boolean; archived?: boolean }): Promise<Asset> =>
    (await unwrap(kith.PATCH('/api/assets/{id}', { ...id(assetId), body: flags }))).asset,
  /** The same for many of my photos at once (the selection bar). */
  bulkSetFlags: (ids: string[], flags: { favorite?: boolean; archived?: boolean }) =>
    unwrap(kith.POST('/api/assets/bulk-update', { body: { ids, ...flags } })),
  /** The place name near the photo's own GPS position (offline GeoNames, 25 km), or null. */
  place: async (assetId: string): Promise<string | null> => (await unwrap(kith.GET('/api/assets/{id}/place', id(assetId)))).place,
  get: async (assetId: string): Promise<Asset> => (await unwrap(kith.GET('/api/assets/{id}', id(assetId)))).asset,
  remove: async (assetId: string): Promise<void> => {
    await unwrap(kith.DELETE('/api/assets/{id}', id(assetId)));
  },
  addMarker: (assetId: string, marker: string) => unwrap(kith.POST('/api/assets/{id}/markers', { ...id(assetId), body: { marker } })),
  removeMarker: (assetId: string, marker: string) =>
    unwrap(kith.DELETE('/api/assets/{id}/markers/{marker}', { params: { path: { id: assetId, marker } } })),
  thumbnailUrl: (assetId: string) => `/api/assets/${encodeURIComponent(assetId)}/thumbnail`,
  /** The original with Content-Disposition: attachment, so the browser saves it under its original name. */
  downloadUrl: (asset: Asset) => `${asset.originalUrl}${asset.originalUrl.includes('?') ? '&' : '?'}download=1`,
};
