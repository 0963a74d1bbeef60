import type { ListenInput, PlayInput } from '../now-playing.service.js';

/**
 * ListenBrainz submission rules, as documented at
 * https://listenbrainz.readthedocs.io/en/latest/users/json.html and enforced by
 * listenbrainz-server `webserver/views/api_tools.py` (`validate_listen`); the messages are theirs,
 * so clients that show them read the same text as on listenbrainz.org.
 */
export const MAX_LISTEN_SIZE = 10240;
export const MAX_LISTENS_PER_REQUEST = 1000;
export const MAX_TAGS_PER_LISTEN = 50;
export const MAX_TAG_SIZE = 64;
/** 2002-10-01 00:00:00 UTC: ListenBrainz refuses older listens. */
export const LISTEN_MINIMUM_TS = 1033430400;
/** How far in the future listened_at may be, seconds (ListenBrainz allows one hour of clock skew). */
export const LISTENED_AT_ALLOWED_SKEW_S = 3600;

export type ListenType = 'single' | 'import' | 'playing_now';

/** A 400 with ListenBrainz's `{ code, error }` body. */
export class ListenBrainzError extends Error {
  constructor(
    public readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const bad = (message: string) => new ListenBrainzError(400, message);
const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const isObject = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Checks a parsed `POST /1/submit-listens` document.
 * @param rawLength byte length of the body (the aggregate size rule).
 * @throws ListenBrainzError (400) with ListenBrainz's message for the first rule broken.
 */
export function validateSubmission(data: unknown, rawLength: number): { listenType: ListenType; payload: Record<string, any>[] } {
  if (!isObject(data) || !('payload' in data) || !('listen_type' in data)) throw bad('Invalid JSON document submitted.');
  const payload = data.payload;
  if (!Array.isArray(payload)) throw bad('Invalid JSON document submitted.');
  if (payload.length === 0) throw bad('JSON document does not contain any listens');
  if (payload.length > MAX_LISTENS_PER_REQUEST)
    throw bad(`Too many listens. You may not submit more than ${MAX_LISTENS_PER_REQUEST} listens at once.`);
  if (rawLength > payload.length * MAX_LISTEN_SIZE)
    throw bad(`JSON document is too large. In aggregate, listens may not be larger than ${MAX_LISTEN_SIZE} characters.`);
  const listenType = data.listen_type;
  if (listenType !== 'playing_now' && listenType !== 'single' && listenType !== 'import')
    throw bad('JSON document requires a valid listen_type key.');
  if ((listenType === 'single' || listenType === 'playing_now') && payload.length > 1)
    throw bad('JSON document contains more than listen for a single/playing_now. It should contain only one.');
  for (const listen of payload) validateListen(listen, listenType);
  return { listenType, payload };
}

function validateListen(listen: unknown, type: ListenType): asserts listen is Record<string, any> {
  if (!isObject(listen)) throw bad('Invalid JSON document submitted.');
  if (type === 'single' || type === 'import') {
    if (!('listened_at' in listen)) throw bad('JSON document must contain the key listened_at at the top level.');
    const ts =
      typeof listen.listened_at === 'string' && /^-?\d+$/.test(listen.listened_at) ? Number(listen.listened_at) : listen.listened_at;
    if (typeof ts !== 'number' || !Number.isInteger(ts)) throw bad('JSON document must contain an int value for listened_at.');
    listen.listened_at = ts;
    if (Object.keys(listen).some((k) => k !== 'listened_at' && k !== 'track_metadata'))
      throw bad('JSON document may only contain listened_at and track_metadata top level keys');
    if (ts > Math.floor(Date.now() / 1000) + LISTENED_AT_ALLOWED_SKEW_S) throw bad('Value for key listened_at is too high.');
    if (ts < LISTEN_MINIMUM_TS)
      throw bad(
        `Value for key listened_at is too low. listened_at timestamp should be greater than ${LISTEN_MINIMUM_TS} (2002-10-01 00:00:00 UTC).`,
      );
  } else {
    if ('listened_at' in listen) throw bad('JSON document must not contain listened_at while submitting playing_now.');
    if (Object.keys(listen).some((k) => k !== 'track_metadata'))
      throw bad('JSON document may only contain track_metadata as top level key when submitting playing_now.');
  }
  const meta = listen.track_metadata;
  if (!isObject(meta) || !('track_name' in meta) || !('artist_name' in meta))
    throw bad('JSON document does not contain a valid metadata.track_name and/or track_metadata.artist_name.');
  if (!meta.track_name) throw bad('JSON document does not contain required track_metadata.track_name.');
  if (!meta.artist_name) throw bad('JSON document does not contain required track_metadata.artist_name.');
  if (typeof meta.artist_name !== 'string') throw bad('artist_name must be a single string.');
  if (typeof meta.track_name !== 'string') throw bad('track_name must be a single string.');
  // ListenBrainz keeps blank names; Kith trims them into its NOT NULL title and artist, so they are refused as missing.
  if (!meta.track_name.trim()) throw bad('JSON document does not contain required track_metadata.track_name.');
  if (!meta.artist_name.trim()) throw bad('JSON document does not contain required track_metadata.artist_name.');
  if ('release_name' in meta && meta.release_name != null && typeof meta.release_name !== 'string')
    throw bad('release_name must be a single string.');
  const info = meta.additional_info;
  if (info === undefined || info === null) return;
  if (!isObject(info)) throw bad('additional_info must be a JSON object.');
  if ('tags' in info) {
    const tags = info.tags;
    if (!Array.isArray(tags)) throw bad('track_metadata.additional_info.tags must be a list.');
    if (tags.length > MAX_TAGS_PER_LISTEN)
      throw bad(`JSON document may not contain more than ${MAX_TAGS_PER_LISTEN} items in track_metadata.additional_info.tags.`);
    if (tags.some((t) => String(t).length > MAX_TAG_SIZE))
      throw bad(`JSON document may not contain track_metadata.additional_info.tags longer than ${MAX_TAG_SIZE} characters.`);
  }
  for (const key of ['release_mbid', 'recording_mbid', 'release_group_mbid', 'track_mbid'])
    if (info[key] && !UUID.test(String(info[key]))) throw bad(`${key} MBID format invalid.`);
  for (const key of ['artist_mbids', 'work_mbids']) {
    const v = info[key];
    if (v === undefined || v === null) continue;
    if (!Array.isArray(v) || v.some((m) => !UUID.test(String(m)))) throw bad(`${key} MBID format invalid.`);
  }
}

const str = (v: unknown, max: number) => (typeof v === 'string' && v.trim() ? v.trim().slice(0, max) : null);
const httpUrl = (v: unknown) => {
  const s = str(v, 2000);
  return s && /^https?:\/\//i.test(s) ? s : null;
};

/**
 * Maps a validated listen to Kith's play. Duration from `additional_info.duration_ms`, else
 * `duration` (seconds); player from `media_player` or `listening_from`; "find it" source from `origin_url`.
 */
export function toPlayInput(listen: Record<string, any>): PlayInput {
  const meta = listen.track_metadata as Record<string, any>;
  const info: Record<string, any> = isObject(meta.additional_info) ? meta.additional_info : {};
  const durationMs = Number.isFinite(info.duration_ms)
    ? Number(info.duration_ms)
    : Number.isFinite(info.duration)
      ? Number(info.duration) * 1000
      : null;
  return {
    title: str(meta.track_name, 500)!,
    artist: str(meta.artist_name, 500)!,
    album: str(meta.release_name, 500),
    media_type: 'audio',
    duration_ms: durationMs && durationMs >= 1000 && durationMs <= 24 * 3600_000 ? Math.round(durationMs) : null,
    source_url: httpUrl(info.origin_url),
    cover_url: null,
    player: str(info.media_player, 100) ?? str(info.listening_from, 100) ?? str(info.submission_client, 100),
  };
}

export const toListenInput = (listen: Record<string, any>): ListenInput => ({
  ...toPlayInput(listen),
  listened_at: listen.listened_at * 1000,
});
