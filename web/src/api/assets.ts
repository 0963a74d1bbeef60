/** Library assets: paging, details, delete, explicit event markers (typed SDK calls). */
import { kith, unwrap } from './client';
import type { Asset } from './types';

export interface AssetPage {
  items: Asset[];
  nextCursor: string | null;
}

const id = (assetId: string) => ({ params: { path: { id: assetId } } });

export const assetsApi = {
  /** Newest capture first; pass the previous page's `nextCursor` to continue. */
  list: (cursor?: string | null, limit = 100): Promise<AssetPage> =>
    unwrap(kith.GET('/api/assets', { params: { query: { limit, ...(cursor ? { cursor } : {}) } } })),
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
