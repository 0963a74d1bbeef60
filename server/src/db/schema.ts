/**
 * Table shapes shared by the SQLite and PostgreSQL engines.
 *
 * Portability rules (so one set of queries serves both):
 * - ids are text UUIDs generated in the app;
 * - times are integer milliseconds since the Unix epoch (UTC);
 * - booleans are integers 0/1;
 * - lists are JSON text.
 */
export interface AccountTable {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  email: string | null;
  phone: string | null;
  is_admin: number;
  /** "Let my contacts gather my event photos" (event-photo-sharing claim 1); on by default. */
  allow_event_gathering: number;
  created_at: number;
}

export interface SessionTable {
  id_hash: string;
  account_id: string;
  created_at: number;
  expires_at: number;
}

export interface ApiTokenTable {
  id: string;
  account_id: string;
  name: string;
  token_hash: string;
  prefix: string;
  created_at: number;
  last_used_at: number | null;
  /** md5 hex of the token, only on tokens made for Audioscrobbler 1.2 clients (see migration 0005). */
  scrobble_md5?: string | null;
}

export interface InviteTable {
  code_hash: string;
  created_by: string;
  created_at: number;
  used_by: string | null;
  used_at: number | null;
}

export interface ReferenceFaceTable {
  id: string;
  account_id: string;
  sha256: string;
  mime: string;
  width: number;
  height: number;
  created_at: number;
}

export interface ContactTable {
  id: string;
  owner_id: string;
  name: string;
  /** JSON array of E.164 strings. */
  phones: string;
  /** JSON array of lower-cased e-mail addresses. */
  emails: string;
  /** JSON array of other URLs / IMPP handles kept for export. */
  urls: string;
  kith_address: string | null;
  album_url: string | null;
  photo_sha256: string | null;
  photo_mime: string | null;
  linked_account_id: string | null;
  created_at: number;
  updated_at: number;
}

/** One searchable identifier of a contact (phone in E.164, e-mail, Kith address), for linking to accounts. */
export interface ContactIdentifierTable {
  contact_id: string;
  owner_id: string;
  kind: 'phone' | 'email' | 'kith';
  value: string;
}

export interface AssetTable {
  id: string;
  owner_id: string;
  sha256: string;
  mime: string;
  bytes: number;
  width: number;
  height: number;
  original_name: string;
  /** Capture time in ms since epoch; falls back to upload time when the file has none. */
  captured_at: number;
  captured_at_source: 'exif' | 'client' | 'upload';
  latitude: number | null;
  longitude: number | null;
  camera_make: string | null;
  camera_model: string | null;
  orientation: number | null;
  /** JSON of selected XMP fields (e.g. Iptc4xmpExt:Event). */
  xmp: string | null;
  thumbnail_sha256: string | null;
  preview_sha256: string | null;
  /**
   * 1 once automatic event detection has placed the photo. Owner edits (untag, merge, split)
   * are then never undone by a later detection run.
   */
  events_detected: number;
  created_at: number;
}

export interface AlbumTable {
  id: string;
  owner_id: string;
  name: string;
  kind: 'user' | 'event' | 'inbox';
  /** For event albums: the event marker they gather. */
  event_marker: string | null;
  /** For event albums: the event window and place used to gather contacts' photos. */
  event_start: number | null;
  event_end: number | null;
  event_latitude: number | null;
  event_longitude: number | null;
  created_at: number;
  updated_at: number;
}

export interface AlbumAssetTable {
  album_id: string;
  asset_id: string;
  /** Account credited for the photo (its owner for event albums). */
  contributor_id: string;
  added_at: number;
}

export interface AlbumMemberTable {
  album_id: string;
  account_id: string;
  role: 'owner' | 'viewer';
  added_at: number;
}

export interface EventTable {
  id: string;
  owner_id: string;
  /** Stable code of the event; the same code in two people's libraries means the same event. */
  marker: string;
  name: string;
  source: 'auto' | 'tag' | 'metadata';
  /** 1 once the owner merged or split it: automatic detection leaves it alone. */
  locked: number;
  start_at: number;
  end_at: number;
  latitude: number | null;
  longitude: number | null;
  /** Place name when the photos carry one (XMP city/location); null otherwise. */
  place: string | null;
  created_at: number;
  updated_at: number;
}

export interface AssetEventTable {
  asset_id: string;
  event_id: string;
}

/** Now playing: one row per account that uploaded its association or changed a setting. */
export interface NpProfileTable {
  account_id: string;
  name: string | null;
  /** HMAC-SHA-256(server secret, E.164) hex of the account's own number; never the number. */
  phone_hash: string | null;
  sharing: number;
  /** 1: my plays reach only people whose numbers are also in my book. */
  require_mutual: number;
  /** Private session: nothing is shared until this time (ms); null = off. */
  private_until: number | null;
  book_size: number;
  associated_at: number | null;
  updated_at: number;
}

/** One hashed number of an uploaded address book. Raw books are never kept. */
export interface NpBookEntryTable {
  owner_id: string;
  phone_hash: string;
}

/** One row (id 1): incremented by every association-graph change; keys the in-memory audience cache. */
export interface NpGraphVersionTable {
  id: number;
  version: number;
}

export interface NpHiddenTable {
  owner_id: string;
  hidden_id: string;
}

export interface NpCurrentTable {
  account_id: string;
  title: string;
  artist: string;
  album: string | null;
  media_type: 'audio' | 'video';
  duration_ms: number | null;
  /** Position at `position_at` (ms since epoch); clients extrapolate. */
  position_ms: number;
  position_at: number;
  source_url: string | null;
  cover_url: string | null;
  player: string | null;
  via: NowPlayingVia;
  /** 1: becomes a listen when it ends (native API); 0: the client scrobbles itself. */
  auto_scrobble: number;
  /** 1 when submitted during a private session or with sharing off: nobody else sees it. */
  private: number;
  started_at: number;
  expires_at: number;
  /** Random per submission: an expiry timer only removes the play it was set for. */
  version: string;
}

export type NowPlayingVia = 'kith' | 'listenbrainz' | 'lastfm' | 'audioscrobbler';

export interface NpListenTable {
  id: string;
  account_id: string;
  title: string;
  artist: string;
  album: string | null;
  media_type: 'audio' | 'video';
  duration_ms: number | null;
  /** When the play started, ms since epoch. */
  listened_at: number;
  source_url: string | null;
  cover_url: string | null;
  player: string | null;
  via: NowPlayingVia;
  private: number;
}

export interface Database {
  account: AccountTable;
  session: SessionTable;
  api_token: ApiTokenTable;
  invite: InviteTable;
  reference_face: ReferenceFaceTable;
  contact: ContactTable;
  contact_identifier: ContactIdentifierTable;
  asset: AssetTable;
  album: AlbumTable;
  album_asset: AlbumAssetTable;
  album_member: AlbumMemberTable;
  event: EventTable;
  asset_event: AssetEventTable;
  np_profile: NpProfileTable;
  np_book_entry: NpBookEntryTable;
  np_hidden: NpHiddenTable;
  np_graph_version: NpGraphVersionTable;
  np_current: NpCurrentTable;
  np_listen: NpListenTable;
}
