/** Detected events and sharing them as event albums (typed SDK calls). */
import { kith, unwrap } from './client';
import type { EventDetail, EventSummary, SharePreview, ShareResult } from './types';

const m = (marker: string) => ({ params: { path: { marker } } });

export const eventsApi = {
  list: async (): Promise<EventSummary[]> => (await unwrap(kith.GET('/api/events'))).events,
  get: (marker: string): Promise<EventDetail> => unwrap(kith.GET('/api/events/{marker}', m(marker))),
  rename: (marker: string, name: string) => unwrap(kith.PATCH('/api/events/{marker}', { ...m(marker), body: { name } })),
  /** Moves every photo of `others` into `marker`'s event (the others disappear); answers the merged event. 400 `invalid_merge`. */
  merge: (marker: string, others: string[]): Promise<EventDetail> =>
    unwrap(kith.POST('/api/events/{marker}/merge', { ...m(marker), body: { markers: others } })),
  /**
   * Photos captured at or after `at` (ISO time) move to a new event; answers `[first, second]`.
   * 400 `invalid_split` when one side would be empty.
   */
  split: async (marker: string, at: string): Promise<[EventSummary, EventSummary]> => {
    const { events } = await unwrap(kith.POST('/api/events/{marker}/split', { ...m(marker), body: { at } }));
    const [first, second] = events;
    if (!first || !second) throw new Error(`The server answered the split with ${events.length} events instead of two; reload the page.`);
    return [first, second];
  },
  /** Who would receive the event's photos, and who is left out and why. */
  sharePreview: (marker: string): Promise<SharePreview> => unwrap(kith.GET('/api/events/{marker}/share-preview', m(marker))),
  share: (marker: string): Promise<ShareResult> => unwrap(kith.POST('/api/events/{marker}/share', m(marker))),
};
