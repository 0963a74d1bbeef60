/**
 * Typed payloads of every realtime event (socket.io at `/api/socket.io`), pushed to the room
 * `account:<id>` of each recipient. The contract lives here, beside the OpenAPI types, because
 * socket.io is outside the OpenAPI document: the server emits these types (its `RealtimeHub`
 * imports them from `@kith/sdk`) and clients (web, CLI) receive them.
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
  /** Pictures someone shared landed in the recipient's inbox album ("Shared with me"); sender as claimed. */
  'inbox.received': { assetIds: string[]; sender: { name: string | null; address: string | null; verified: boolean }; albumId: string };
  /**
   * A linked account started or changed a play (seed CN102664943A claim 1: the server updates the
   * play information of every associated terminal in real time). Also sent to the player's own account.
   */
  'now-playing.updated': { user: RealtimePerson; playing: RealtimePlay };
  /** That account stopped, its play expired, or the recipient may no longer see it (privacy change). */
  'now-playing.stopped': { user: RealtimePerson; reason: 'stopped' | 'expired' | 'private' | 'hidden' };
  /**
   * Finished plays entered that account's listens (recent listens in the Friends panel): one event per submission,
   * `listens` all of them newest first (a ListenBrainz `import` or Last.fm batch of many), `listen` the newest.
   */
  'now-playing.listened': { user: RealtimePerson; listen: RealtimeListen; listens: RealtimeListen[] };
  /** Contacts were recognised in one of the recipient's photos and routing is `suggest`: the "Send to Bob and Carol?" card. */
  'routing.suggested': { suggestion: RealtimeRoutingSuggestion };
  /** One of the recipient's deliveries changed status (queued, sending, delivered, refused, failed, dismissed). */
  'delivery.updated': { delivery: RealtimeDelivery };
  /** Someone asks the recipient for an exchange (exchange seed [0097]–[0098]: the responder is asked to accept). */
  'exchange.requested': { exchange: RealtimeExchange };
  /**
   * An exchange changed: its status (declined / expired / blocked / ended, told to the requester at once) or its
   * current round's phase (waiting, a side captured, composing, done). To both sides; a guest through room `exchange:<id>`.
   */
  'exchange.updated': RealtimeExchangeUpdate;
  /** A quick reaction (one of 👍 ❤️ 😂 😮 🎉) on a round, to both sides. */
  'exchange.reaction': { exchangeId: string; round: number; by: 'requester' | 'responder'; emoji: string };
}

/** Same shape as the API's `RoutingSuggestion`. */
export interface RealtimeRoutingSuggestion {
  assetId: string;
  thumbnailUrl: string;
  originalName: string;
  contacts: Array<{ id: string; name: string; address: string; evidence: RealtimeRoutingEvidence }>;
  prompt: string;
  createdAt: string;
}

/** Same shape as the API's `RoutingEvidence` (routing.mapper.ts `toEvidenceDto`). */
export interface RealtimeRoutingEvidence {
  kind: 'contact_photo' | 'linked_reference_face' | 'own_reference_face' | 'person' | null;
  label: string;
  yours: boolean;
  distance: number | null;
  faceUrl: string | null;
  matchedUrl: string | null;
}

/** Same shape as the API's `Delivery`. */
export interface RealtimeDelivery {
  id: string;
  assetId: string;
  contact: { id: string; name: string };
  destination: 'local' | 'remote';
  address: string;
  status: 'suggested' | 'queued' | 'sending' | 'delivered' | 'refused' | 'failed' | 'dismissed';
  code: string | null;
  message: string | null;
  attempts: number;
  createdAt: string;
  updatedAt: string;
  deliveredAt: string | null;
}

export type ExchangeStatus = 'pending' | 'active' | 'declined' | 'expired' | 'blocked' | 'ended';
export type ExchangePhase = 'waiting' | 'composing' | 'done' | 'failed';
export type ExchangeResultMode = 'exchange' | 'synthesis' | 'diptych';

/** Payload of `exchange.updated`. */
export interface RealtimeExchangeUpdate {
  exchangeId: string;
  status: ExchangeStatus;
  round: number;
  phase: ExchangePhase;
  requesterCaptured: boolean;
  responderCaptured: boolean;
  resultMode: ExchangeResultMode;
  note: string | null;
}

/** Same shape as the API's `Exchange` (times ISO 8601; image URLs only once the viewer may see them). */
export interface RealtimeExchange {
  id: string;
  mode: 'exchange' | 'synthesis';
  status: ExchangeStatus;
  role: 'requester' | 'responder';
  partner: { kind: 'account' | 'guest'; username: string | null; displayName: string };
  expiresAt: string;
  createdAt: string;
  rounds: Array<{
    n: number;
    phase: ExchangePhase;
    requesterCaptured: boolean;
    responderCaptured: boolean;
    resultMode: ExchangeResultMode;
    note: string | null;
    images: { requester?: string; responder?: string; result?: string };
    reactions: Array<{ by: 'requester' | 'responder'; emoji: string }>;
  }>;
}

/** An account as others see it (same shape as the API's `Person`). */
export interface RealtimePerson {
  id: string;
  username: string;
  displayName: string;
}

export interface FindLinkPayload {
  label: string;
  url: string;
}

/** Same shape as the API's `NowPlaying` (times ISO 8601, durations ms). */
export interface RealtimePlay {
  title: string;
  artist: string;
  album: string | null;
  media_type: 'audio' | 'video';
  duration_ms: number | null;
  position_ms: number;
  position_at: string;
  started_at: string;
  expires_at: string;
  source_url: string | null;
  cover_url: string | null;
  player: string | null;
  via: 'kith' | 'listenbrainz' | 'lastfm' | 'audioscrobbler';
  private: boolean;
  find: FindLinkPayload[];
}

/** Same shape as the API's `Listen`. */
export interface RealtimeListen {
  id: string;
  user: RealtimePerson;
  title: string;
  artist: string;
  album: string | null;
  media_type: 'audio' | 'video';
  duration_ms: number | null;
  listened_at: string;
  source_url: string | null;
  cover_url: string | null;
  player: string | null;
  via: 'kith' | 'listenbrainz' | 'lastfm' | 'audioscrobbler';
  find: FindLinkPayload[];
}

export type RealtimeEventName = keyof RealtimeEvents;
