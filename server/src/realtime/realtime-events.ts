/**
 * Typed payloads of every realtime event, pushed to the room `account:<id>` of each
 * recipient. Clients (web, CLI, SDK) import these types through the SDK.
 */
export interface RealtimeEvents {
  /** A photo finished uploading into the recipient's library. */
  'asset.created': { assetId: string; ownerId: string };
  /** Thumbnail and preview of an asset are ready. */
  'asset.ready': { assetId: string };
  /** An album was shared with the recipient (event sharing, claim 1 of event-photo-sharing). */
  'album.shared': {
    albumId: string;
    name: string;
    kind: 'user' | 'event' | 'inbox';
    sharedBy: { id: string; username: string; displayName: string };
    assetCount: number;
  };
  /** Photos were added to an album the recipient can see. */
  'album.updated': { albumId: string; addedAssetIds: string[] };
  /** Automatic event detection changed the recipient's events. */
  'events.updated': { markers: string[] };
  /** Face analysis of the recipient's library advanced: photos analysed with the current model (`failed`: engine errors, retried by re-index) of all, faces found. */
  'faces.progress': { done: number; total: number; failed: number; faces: number };
  /** People changed (faces placed, merged, split, renamed). */
  'people.updated': { personIds: string[] };
  /** A region share reached its Mastodon or webhook target; `url` is the posted status, when there is one. */
  'region-share.delivered': { shareId: string; target: string; url: string | null };
}

export type RealtimeEventName = keyof RealtimeEvents;

/** Sends events to accounts; in-memory by default, a Redis adapter when several instances run. */
export interface RealtimeHub {
  emitToAccount<E extends RealtimeEventName>(accountId: string | string[], event: E, payload: RealtimeEvents[E]): void;
}
