import type { TokenScope } from '../common/token-scopes.js';
import type { Generated } from 'kysely';
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
  /** When `email` was verified (ms); null while it is only a claim. Reset when `email` changes. */
  email_verified_at: number | null;
  /** When `phone` was verified (ms); null while it is only a claim. Reset when `phone` changes. */
  phone_verified_at: number | null;
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
  /** md5 hex of the token, only on `scrobble` tokens (Audioscrobbler 1.2 needs it; see migration 0005 and 0015). */
  scrobble_md5?: string | null;
  /** What the token may do: `scrobble`, `read`, `upload` or `full` (common/token-scopes.ts; migration 0015). */
  scope: TokenScope;
}

/** A sent e-mail verification link (migration 0011); only the token's SHA-256 is kept. */
export interface EmailVerificationTable {
  token_hash: string;
  account_id: string;
  /** The lower-cased address the link was sent to. */
  email: string;
  created_at: number;
  expires_at: number;
}

/** A candidate contact link resting on an unverified e-mail or phone, for the contact's owner to confirm (migration 0011). */
export interface ContactLinkQuestionTable {
  contact_id: string;
  account_id: string;
  owner_id: string;
  matched_on: 'email' | 'phone';
  state: 'pending' | 'yes' | 'no';
  created_at: number;
  answered_at: number | null;
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
  /** Float32 LE identity descriptor of the reference face (null until analysed, or when analysis is off). */
  descriptor: Buffer | null;
  /** Face model version of `descriptor`, e.g. `fusion@2`. */
  model_version: string | null;
  /** Why this reference face helps recognition less than it could; null when it is fine. */
  face_note: string | null;
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
  /**
   * JSON array of numbers kept as written: no country code and not valid in the default region (migration 0016).
   * Optional on insert: the column defaults to `[]`.
   */
  other_phones?: string;
  kith_address: string | null;
  album_url: string | null;
  photo_sha256: string | null;
  photo_mime: string | null;
  linked_account_id: string | null;
  created_at: number;
  updated_at: number;
}

/** A contact group of an owner, from a vCard group card (migration 0016). */
export interface ContactGroupTable {
  id: string;
  owner_id: string;
  name: string;
  /** The group card's UID as written, or null. */
  uid: string | null;
  created_at: number;
}

/** A contact in a group. */
export interface ContactGroupMemberTable {
  group_id: string;
  contact_id: string;
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
  /** Caption: from the upload's sidecar (a Google Takeout `description`); null when none (migration 0019). */
  description: string | null;
  thumbnail_sha256: string | null;
  preview_sha256: string | null;
  /**
   * 1 once automatic event detection has placed the photo. Owner edits (untag, merge, split)
   * are then never undone by a later detection run.
   */
  events_detected: number;
  created_at: number;
  /** Face model version the photo was analysed with; null = not analysed (see faces/). */
  faces_model_version: string | null;
  /** When the owner moved it to the trash, ms since epoch; null while in the library (migration 0021, docs/trash.md). */
  trashed_at: number | null;
  /** 1 when the owner marked it a favourite (migration 0024). */
  favorite: number;
  /** 1 when the owner archived it: out of the timeline, events and automatic sharing; still in albums (migration 0024). */
  archived: number;
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
  /** The name a visitor gave when uploading through a public link (migration 0020); null for members' photos. */
  uploader_name?: string | null;
  /** The public link the photo came through (no foreign key: the credit outlives the link). */
  link_id?: string | null;
}

export interface AlbumMemberTable {
  album_id: string;
  account_id: string;
  /** `contributor` (migration 0020): a member who may add photos of their own. */
  role: 'owner' | 'viewer' | 'contributor';
  added_at: number;
}

/** A public link to an album (migration 0020): `/l/{key}`. */
export interface AlbumLinkTable {
  id: string;
  album_id: string;
  owner_id: string;
  /** The capability in the URL: 128 random bits, base64url (22 characters). */
  key: string;
  label: string | null;
  /** argon2id PHC string, or null for a link without a password. */
  password_hash: string | null;
  allow_download: number;
  allow_upload: number;
  expires_at: number | null;
  revoked_at: number | null;
  created_at: number;
  updated_at: number;
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

/** One detected face of a photo (seed face-routed-sharing [0052]: position, size, organ positions, identity feature). */
export interface FaceTable {
  id: string;
  asset_id: string;
  owner_id: string;
  /** Box in px of the oriented original. */
  box_x: number;
  box_y: number;
  box_w: number;
  box_h: number;
  /** The same box as fractions 0..1 of the oriented original. */
  norm_x: number;
  norm_y: number;
  norm_w: number;
  norm_h: number;
  /** Detector confidence 0..1. */
  score: number;
  /** JSON of FaceLandmarks (px). */
  landmarks: string;
  /** JSON of FaceQuality. */
  quality: string;
  quality_score: number;
  /** Float32 LE descriptor. */
  descriptor: Buffer;
  model: string;
  model_version: string;
  person_id: string | null;
  /** 160 px WebP face crop in the blob store. */
  thumbnail_sha256: string | null;
  created_at: number;
  /** What placement matched this face against (migration 0012); null when clustered or placed before it. */
  evidence: FaceEvidenceKind | null;
  /** The reference matched: contact id (`contact_photo`), reference_face id (`linked_reference_face`, `own_reference_face`) or face id (`person`). */
  evidence_ref: string | null;
  /** Distance to that reference in the face model's metric (smaller is closer; a match is ≤ the model's threshold). */
  evidence_distance: number | null;
}

/**
 * What a face matched when it was placed. `contact_photo` and `person` (in a person the owner
 * confirmed) are evidence the owner controls; `linked_reference_face` is a claim of the linked account
 * (docs/security.md "Faces and automatic sharing").
 */
export type FaceEvidenceKind = 'contact_photo' | 'linked_reference_face' | 'own_reference_face' | 'person';

/** A contact's photo analysed as a reference face (the largest face when there are several). */
export interface ContactFaceTable {
  contact_id: string;
  owner_id: string;
  /** The photo this row describes; a new photo makes it stale. */
  photo_sha256: string;
  /** Float32 LE descriptor; null when the photo holds no face. */
  descriptor: Buffer | null;
  model_version: string;
  /** Why the photo helps recognition less than it could (several faces, small, none); null when fine. */
  note: string | null;
  created_at: number;
}

/** A person: a cluster of one owner's faces, optionally named and linked to a contact or an account. */
export interface PersonTable {
  id: string;
  owner_id: string;
  name: string | null;
  contact_id: string | null;
  account_id: string | null;
  hidden: number;
  cover_face_id: string | null;
  created_at: number;
  updated_at: number;
  /** How `contact_id`/`account_id` was set: `owner` (the owner linked it) or the evidence that made placement link it. */
  link_source: 'owner' | FaceEvidenceKind | null;
  /** When the owner linked or confirmed the link (ms); null while the link is only placement's. */
  confirmed_at: number | null;
}

/** Two of an owner's people the owner said are not one person (`person_a` < `person_b`). */
export interface PersonNotSameTable {
  owner_id: string;
  person_a: string;
  person_b: string;
  created_at: number;
}

/** A site's permission for anonymous visitors to share regions into its owner's Kith. */
export interface SiteKeyTable {
  id: string;
  owner_id: string;
  /** The public key the site puts in `data-site-key`; its safety is the origin binding, not secrecy. */
  key: string;
  name: string;
  /** JSON array of allowed origins (`https://blog.example`), compared with the `Origin` header. */
  origins: string;
  /** JSON array of target ids visitors may use (`kith`, `webhook`, `pinterest`, …). */
  targets: string;
  /** Album anonymous `kith` shares go to; null: the owner's "Shared regions" album. */
  album_id: string | null;
  created_at: number;
}

/** One shared region: the crop (an asset) and where it came from (region-sharing claims 1, 2, 22–24). */
export interface RegionShareTable {
  /** Public, unguessable id used in `/s/{id}`. */
  id: string;
  owner_id: string;
  asset_id: string;
  site_key_id: string | null;
  page_url: string;
  image_url: string;
  /** Index of the image among the page's `<img>` elements (claim 2's "which image"). */
  image_index: number;
  /** Crop rectangle in natural pixels of the (EXIF-oriented) source, after clamping. */
  rect_x: number;
  rect_y: number;
  rect_width: number;
  rect_height: number;
  natural_width: number;
  natural_height: number;
  description: string;
  target: string;
  /** `fetched` (server fetched imageUrl) or `uploaded` (client sent the bytes). */
  image_source: 'fetched' | 'uploaded';
  delivery_status: 'none' | 'queued' | 'delivered' | 'failed' | 'intent';
  delivery_url: string | null;
  delivery_error: string | null;
  created_at: number;
}

/** A user's link to an outside service (one per kind); the secret is sealed by the SecretBox. */
export interface ConnectorLinkTable {
  id: string;
  owner_id: string;
  kind: 'mastodon' | 'webhook';
  /** Mastodon instance origin, or the webhook endpoint. */
  url: string;
  /** Access token (Mastodon) or signing secret (webhook), AES-256-GCM sealed. */
  secret_sealed: string;
  /** JSON of kind-specific options (Mastodon `visibility`). */
  options: string;
  created_at: number;
  updated_at: number;
}

/**
 * Now playing: one row per account that uploaded its association or changed a setting. The now-playing
 * tables keep their stored `np_` prefix (renaming a table needs a migration); the code says `NowPlaying`.
 */
export interface NowPlayingProfileTable {
  account_id: string;
  name: string | null;
  /** HMAC-SHA-256(server secret, E.164) hex of the account's own number; never the number. */
  phone_hash: string | null;
  /** When `phone_hash` was verified (ms, mirrors `account.phone_verified_at`); null while it is a claim. */
  phone_verified_at: number | null;
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
export interface NowPlayingBookEntryTable {
  owner_id: string;
  phone_hash: string;
}

/** One row (id 1): incremented by every association-graph change; keys the in-memory audience cache. */
export interface NowPlayingGraphVersionTable {
  id: number;
  version: number;
}

export interface NowPlayingHiddenTable {
  owner_id: string;
  hidden_id: string;
}

export interface NowPlayingCurrentTable {
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

export interface NowPlayingListenTable {
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

/** How an account's photos reach the contacts recognised in them (server-side routing); no row = `suggest`. */
export interface RoutingSettingTable {
  account_id: string;
  mode: 'auto' | 'suggest' | 'off';
  updated_at: number;
}

/** One photo × recognised contact: a suggestion or a delivery to the contact's inbox (local or on another Kith server). */
export interface DeliveryTable {
  id: string;
  owner_id: string;
  asset_id: string;
  contact_id: string;
  /** `local`: an account on this server (inbox service); `remote`: another Kith server's public inbox. */
  destination: 'local' | 'remote';
  /** Local: the recipient's username; remote: the inbox URL `http(s)://host[:port]/inbox/{user}`. */
  target: string;
  status: 'suggested' | 'queued' | 'sending' | 'delivered' | 'refused' | 'failed' | 'dismissed';
  /** Stable code of the last refusal or failure (`face_not_found`, `unknown_account`, `network_error`, …). */
  code: string | null;
  message: string | null;
  /** Delivery attempts made so far. */
  attempts: number;
  /** The recipient's asset id, when its inbox answered one. */
  remote_asset_id: string | null;
  created_at: number;
  updated_at: number;
  delivered_at: number | null;
  /** The evidence the delivery was made on (migration 0012): the face, what it matched, the distance. */
  evidence_kind: FaceEvidenceKind | null;
  evidence_face_id: string | null;
  evidence_ref: string | null;
  evidence_distance: number | null;
}

/** An account's album inbox settings; no row = policy `open`, no inbox album yet. */
export interface InboxSettingTable {
  account_id: string;
  /** `open` (the seed's behaviour), `contacts` (senders whose address is in my contacts), `off`. */
  policy: 'open' | 'contacts' | 'off';
  /** The "Shared with me" album (kind `inbox`), created with the first accepted picture. */
  album_id: string | null;
  updated_at: number;
}

/** A sender (`user@host` address, lower-cased) or a host (lower-cased, port kept when given) refused by the inbox. */
export interface InboxBlockTable {
  id: string;
  account_id: string;
  kind: 'sender' | 'host';
  value: string;
  created_at: number;
}

/** One refused packet or picture: counts and the sender's claims, never the image. */
export interface InboxDropTable {
  id: string;
  /** Null for `unknown_account` (the packet named no account here). */
  account_id: string | null;
  /** The account name the packet claimed. */
  username: string | null;
  code: string;
  /** Pictures dropped with this entry. */
  pictures: number;
  sender_name: string | null;
  sender_address: string | null;
  source_ip: string;
  at: number;
  /** 1 when the sender address was proven; 0: "unverified sender". */
  sender_verified: number;
}

/** Sender metadata of a picture received into an account's inbox album. */
export interface InboxItemTable {
  asset_id: string;
  account_id: string;
  album_id: string;
  /** The picture's name as the sender gave it (display only; never a path). */
  picture_name: string;
  sender_name: string | null;
  sender_address: string | null;
  /** Set for same-server delivery (the sending account). */
  sender_account_id: string | null;
  /** Source IP of the request, or `local` for same-server delivery. */
  source_ip: string;
  received_at: number;
  /** 1 when the sender address was proven (an RFC 9421 signature, or same-server delivery); 0: "unverified sender". */
  sender_verified: number;
}

/** An account's RFC 9421 signing key (migration 0014). */
export interface SigningKeyTable {
  id: string;
  account_id: string;
  /** `server`: this server signs the account's deliveries with it; `cli`: issued to the account's terminal. */
  kind: 'server' | 'cli';
  name: string;
  /** RFC 9421 algorithm name: `ed25519`. */
  alg: string;
  /** SubjectPublicKeyInfo, PEM. */
  public_key_pem: string;
  /** PKCS#8 PEM sealed with the server's secret box (`server` keys only; null for `cli` keys). */
  private_key_sealed: string | null;
  created_at: number;
  revoked_at: number | null;
}

/** An exchange (seed image-exchange-and-synthesis step 101): the image-sharing relationship of two people. */
export interface ExchangeTable {
  id: string;
  mode: 'exchange' | 'synthesis';
  requester_id: string;
  /** The responding account; null for a guest (stranger through an invite link). */
  responder_id: string | null;
  /** The guest's display name once joined; null before, and for account responders. */
  guest_name: string | null;
  /** SHA-256 hex of the one-time invite token; cleared when a guest joins. */
  invite_hash: string | null;
  /** SHA-256 hex of the joined guest's capability token. */
  guest_hash: string | null;
  /** Guest capability (and download links) valid until (ms). */
  guest_until: number | null;
  status: 'pending' | 'active' | 'declined' | 'expired' | 'blocked' | 'ended';
  current_round: number;
  /** The request (and invite link) expires then unless accepted (ms). */
  expires_at: number;
  created_at: number;
  updated_at: number;
}

/** One round of an exchange: both captures and, in synthesis mode, the composite (blob digests). */
export interface ExchangeRoundTable {
  exchange_id: string;
  n: number;
  phase: 'waiting' | 'composing' | 'done' | 'failed';
  requester_sha: string | null;
  responder_sha: string | null;
  result_sha: string | null;
  /** SHA-256 of each side's bytes as sent, before re-encoding: names the original in the sender's library (migration 0017). */
  requester_source_sha: string | null;
  responder_source_sha: string | null;
  result_mode: 'exchange' | 'synthesis' | 'diptych';
  note: string | null;
  created_at: number;
  done_at: number | null;
}

export interface ExchangeReactionTable {
  exchange_id: string;
  n: number;
  by: 'requester' | 'responder';
  emoji: string;
  created_at: number;
}

/** `blocker_id` refuses new exchange requests from `blocked_id`. */
export interface ExchangeBlockTable {
  blocker_id: string;
  blocked_id: string;
  created_at: number;
}

/** An abuse report, kept for admins. */
export interface ExchangeReportTable {
  id: string;
  exchange_id: string;
  reporter_id: string | null;
  reported_id: string | null;
  reason: string;
  created_at: number;
}

/** Who may ask an account for an exchange; no row = `contacts`. */
export interface ExchangePolicyTable {
  account_id: string;
  policy: 'anyone' | 'contacts' | 'nobody';
  updated_at: number;
}

/** "This Kith account is my contact with number N", made by the book's owner (counts in the owner's checks only). */
export interface NowPlayingConfirmedLinkTable {
  owner_id: string;
  account_id: string;
  /** The number confirmed (keyed hash); the link is void once the account's number is another. */
  phone_hash: string;
  created_at: number;
}

/** The pending SMS verification code of an account: SHA-256 of the code, never the code. */
export interface PhoneCodeTable {
  account_id: string;
  /** E.164 the code was sent to; the code proves only this number. */
  phone: string;
  code_hash: string;
  expires_at: number;
  attempts_left: number;
  created_at: number;
}

/** One code sent, under `account:<id>` and `phone:<hash>` keys, for the per-account and per-number send limits. */
export interface PhoneCodeSendTable {
  key: string;
  sent_at: number;
}

/** Why an account's number claim disappeared (another account verified it), until the user dismisses it. */
export interface PhoneNoticeTable {
  account_id: string;
  phone: string;
  created_at: number;
}

/** A name another service gave someone in a photo (Takeout `people[].name`): a suggestion for People, not a fact (migration 0019). */
export interface AssetNameSuggestionTable {
  asset_id: string;
  name: string;
  /** Where the name came from: `takeout`. */
  source: string;
  created_at: number;
}

/** A CardDAV address book an owner connected (RFC 6352); synced on a schedule and on demand. */
export interface CarddavBookTable {
  id: string;
  owner_id: string;
  /** The address-book collection URL (after discovery). */
  url: string;
  username: string;
  /** The password or app password, AES-256-GCM sealed (connectors/secret-box.ts). */
  secret_sealed: string;
  display_name: string | null;
  /** RFC 6578 sync token of the last complete sync; null before it or when the server has none. */
  sync_token: string | null;
  last_sync_at: number | null;
  last_status: 'ok' | 'error' | null;
  last_error: string | null;
  /** JSON `{ added, changed, deleted, conflicts, skipped }` of the last sync. */
  last_counts: string | null;
}
export type CarddavBookRow = CarddavBookTable & { created_at: number; updated_at: number };

/** One card of a connected book and what Kith last synced of it. */
export interface CarddavCardTable {
  id: string;
  book_id: string;
  owner_id: string;
  /** The card's href as the server lists it (a path). */
  href: string;
  /** Its ETag when last synced (quotes kept). */
  etag: string | null;
  /** The contact it became; null when the card was skipped or the contact was deleted in Kith. */
  contact_id: string | null;
  /** SHA-256 of the contact fields as last synced (`carddav-hash.ts`). */
  synced_hash: string | null;
  /** JSON of a pending conflict (`CardConflict`), or null. */
  conflict: string | null;
  updated_at: number;
}

/**
 * One searchable text (migration 0023, docs/features/search.md), written only by triggers on
 * `asset` (file name + caption), `album` (name) and `event` (name + place). PostgreSQL adds a
 * generated `tsv` column (GIN-indexed); SQLite indexes `body` in the FTS5 table `search_fts`.
 */
export interface SearchDocTable {
  id: Generated<number>;
  kind: 'asset' | 'album' | 'event';
  ref_id: string;
  body: string;
}

export interface Database {
  account: AccountTable;
  session: SessionTable;
  api_token: ApiTokenTable;
  invite: InviteTable;
  email_verification: EmailVerificationTable;
  contact_link_question: ContactLinkQuestionTable;
  reference_face: ReferenceFaceTable;
  contact: ContactTable;
  contact_identifier: ContactIdentifierTable;
  contact_group: ContactGroupTable;
  contact_group_member: ContactGroupMemberTable;
  asset: AssetTable;
  album: AlbumTable;
  album_asset: AlbumAssetTable;
  album_member: AlbumMemberTable;
  album_link: AlbumLinkTable;
  event: EventTable;
  asset_event: AssetEventTable;
  search_doc: SearchDocTable;
  asset_name_suggestion: AssetNameSuggestionTable;
  face: FaceTable;
  person: PersonTable;
  person_not_same: PersonNotSameTable;
  contact_face: ContactFaceTable;
  site_key: SiteKeyTable;
  region_share: RegionShareTable;
  connector_link: ConnectorLinkTable;
  carddav_book: CarddavBookRow;
  carddav_card: CarddavCardTable;
  np_profile: NowPlayingProfileTable;
  np_book_entry: NowPlayingBookEntryTable;
  np_hidden: NowPlayingHiddenTable;
  np_graph_version: NowPlayingGraphVersionTable;
  np_current: NowPlayingCurrentTable;
  np_listen: NowPlayingListenTable;
  np_confirmed_link: NowPlayingConfirmedLinkTable;
  phone_code: PhoneCodeTable;
  phone_code_send: PhoneCodeSendTable;
  phone_notice: PhoneNoticeTable;
  routing_setting: RoutingSettingTable;
  delivery: DeliveryTable;
  inbox_setting: InboxSettingTable;
  inbox_block: InboxBlockTable;
  inbox_drop: InboxDropTable;
  inbox_item: InboxItemTable;
  signing_key: SigningKeyTable;
  exchange: ExchangeTable;
  exchange_round: ExchangeRoundTable;
  exchange_reaction: ExchangeReactionTable;
  exchange_block: ExchangeBlockTable;
  exchange_report: ExchangeReportTable;
  exchange_policy: ExchangePolicyTable;
}
