/** Server-side routing: my mode, the "Send to Bob and Carol?" suggestions, each photo's deliveries (typed SDK calls). */
import { kith, unwrap } from './client';
import type { Schemas } from '@kith/sdk';

export type RoutingMode = Schemas['RoutingSettings']['mode'];
export type RoutingSuggestion = Schemas['RoutingSuggestion'];
export type Delivery = Schemas['Delivery'];

const asset = (assetId: string) => ({ params: { path: { assetId } } });

export const routingApi = {
  settings: async (): Promise<RoutingMode> => (await unwrap(kith.GET('/api/routing/settings'))).mode,
  setMode: async (mode: RoutingMode): Promise<RoutingMode> => (await unwrap(kith.PUT('/api/routing/settings', { body: { mode } }))).mode,
  suggestions: async (): Promise<RoutingSuggestion[]> => (await unwrap(kith.GET('/api/routing/suggestions'))).suggestions,
  /** One click: send the photo to all its suggested contacts, or to `contactIds` among them. */
  send: async (assetId: string, contactIds?: string[]): Promise<Delivery[]> =>
    (await unwrap(kith.POST('/api/routing/suggestions/{assetId}/send', { ...asset(assetId), body: contactIds ? { contactIds } : {} })))
      .deliveries,
  dismiss: async (assetId: string): Promise<number> =>
    (await unwrap(kith.POST('/api/routing/suggestions/{assetId}/dismiss', asset(assetId)))).dismissed,
  ofAsset: async (assetId: string): Promise<Delivery[]> =>
    (await unwrap(kith.GET('/api/assets/{id}/deliveries', { params: { path: { id: assetId } } }))).deliveries,
};
