/** Albums: mine, shared with me, details, and membership of assets (typed SDK calls). */
import { kith, unwrap } from './client';
import type { AlbumDetail, AlbumSummary } from './types';

const id = (albumId: string) => ({ params: { path: { id: albumId } } });

export const albumsApi = {
  list: async (): Promise<AlbumSummary[]> => (await unwrap(kith.GET('/api/albums'))).albums,
  /** Albums where I am a viewer. */
  shared: async (): Promise<AlbumSummary[]> => (await unwrap(kith.GET('/api/albums/shared'))).albums,
  get: async (albumId: string): Promise<AlbumDetail> => (await unwrap(kith.GET('/api/albums/{id}', id(albumId)))).album,
  create: async (name: string, assetIds?: string[]): Promise<AlbumSummary> =>
    (await unwrap(kith.POST('/api/albums', { body: { name, ...(assetIds?.length ? { assetIds } : {}) } }))).album,
  rename: (albumId: string, name: string) => unwrap(kith.PATCH('/api/albums/{id}', { ...id(albumId), body: { name } })),
  remove: async (albumId: string): Promise<void> => {
    await unwrap(kith.DELETE('/api/albums/{id}', id(albumId)));
  },
  addAssets: async (albumId: string, assetIds: string[]): Promise<number> =>
    (await unwrap(kith.POST('/api/albums/{id}/assets', { ...id(albumId), body: { assetIds } }))).added,
  removeAssets: async (albumId: string, assetIds: string[]): Promise<number> =>
    (await unwrap(kith.DELETE('/api/albums/{id}/assets', { ...id(albumId), body: { assetIds } }))).removed,
};
