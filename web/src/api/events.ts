/** Detected events and sharing them as event albums (typed SDK calls). */
import { kith, unwrap } from './client';
import type { Asset, EventSummary, SharePreview, ShareResult } from './types';

const m = (marker: string) => ({ params: { path: { marker } } });

export const eventsApi = {
  list: async (): Promise<EventSummary[]> => (await unwrap(kith.GET('/api/events'))).events,
  get: (marker: string): Promise<{ event: EventSummary; assets: Asset[] }> => unwrap(kith.GET('/api/events/{marker}', m(marker))),
  rename: (marker: string, name: string) => unwrap(kith.PATCH('/api/events/{marker}', { ...m(marker), body: { name } })),
  /** Who would receive the event's photos, and who is left out and why. */
  sharePreview: (marker: string): Promise<SharePreview> => unwrap(kith.GET('/api/events/{marker}/share-preview', m(marker))),
  share: (marker: string): Promise<ShareResult> => unwrap(kith.POST('/api/events/{marker}/share', m(marker))),
};
