/** Search (GET /api/search, docs/features/search.md) through the typed SDK. */
import { kith, unwrap } from './client';
import type { Schemas } from '@kith/sdk';

export type SearchTerm = Schemas['SearchTerm'];
export type SearchPage = Schemas['SearchPage'];

export const searchApi = {
  /** One page of my photos and those shared with me matching every term of `q`, with how the terms were read. */
  search: (q: string, cursor?: string | null, limit = 100): Promise<SearchPage> =>
    unwrap(kith.GET('/api/search', { params: { query: { q, limit, ...(cursor ? { cursor } : {}) } } })),
};
