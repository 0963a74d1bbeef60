/** The trash: move photos to it, the shared-album check before, list, restore, delete for ever, empty (typed SDK calls). */
import { kith, unwrap } from './client';
import type { Asset } from './types';

export interface TrashPage {
  items: Asset[];
  nextCursor: string | null;
  total: number;
  /** KITH_TRASH_DAYS: a photo is deleted for ever this many days after `trashedAt`. */
  days: number;
}

export interface DeletionImpact {
  albums: Array<{ id: string; name: string; others: number; assets: number }>;
  people: number;
}

export const trashApi = {
  /** Moves my photos to the trash. */
  moveToTrash: (assetIds: string[]) => unwrap(kith.DELETE('/api/assets', { body: { assetIds } })),
  /** The shared albums holding these photos, and how many people see them there. */
  impact: (assetIds: string[]): Promise<DeletionImpact> => unwrap(kith.POST('/api/assets/deletion-impact', { body: { assetIds } })),
  list: (cursor?: string | null, limit = 100): Promise<TrashPage> =>
    unwrap(kith.GET('/api/trash', { params: { query: { limit, ...(cursor ? { cursor } : {}) } } })),
  /** Brings photos back (all of them without ids). */
  restore: (assetIds?: string[]) => unwrap(kith.POST('/api/trash/restore', { body: assetIds ? { assetIds } : {} })),
  deleteForever: (assetIds: string[]) => unwrap(kith.DELETE('/api/trash', { body: { assetIds } })),
  empty: () => unwrap(kith.POST('/api/trash/empty')),
};
