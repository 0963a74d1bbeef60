import type { ListenInput, PlayInput } from '../now-playing.service.js';
import { LastfmError } from './lastfm-response.js';
import { HANDSHAKE_SKEW_S } from './scrobbler-auth.js';
import { LISTEN_MINIMUM_TS, LISTENED_AT_ALLOWED_SKEW_S } from './listenbrainz-validate.js';
import { trackLengthMs } from './track-length.js';

/**
 * Form bodies of the two scrobbling protocols, read into Kith plays and listens (pure, so that
 * they are property-tested alone): Last.fm 2.0 `track.updateNowPlaying` / `track.scrobble`
 * (https://www.last.fm/api/show/track.scrobble) and Audioscrobbler 1.2 `np` / `submit`
 * (http://www.audioscrobbler.net/development/protocol/). Text is trimmed and cut to the native
 * API's 500 characters; times are checked against the ListenBrainz range (2002-10-01 … now + 1 h).
 */
export type FormFields = Record<string, string | undefined>;

/** Last.fm accepts at most 50 scrobbles per `track.scrobble` call. */
export const MAX_LASTFM_SCROBBLES = 50;
/** Audioscrobbler 1.2: at most 50 tracks per submission. */
export const MAX_AUDIOSCROBBLER_SUBMISSIONS = 50;

const str = (v: string | undefined, max = 500) => (v?.trim() ? v.trim().slice(0, max) : null);

/** UNIX seconds as digits → ms, when inside the accepted range; null otherwise. */
export function listenedAtMs(seconds: string | undefined, nowMs = Date.now()): number | null {
  if (!seconds || !/^\d{1,12}$/.test(seconds)) return null;
  const s = Number(seconds);
  return s >= LISTEN_MINIMUM_TS && s <= Math.floor(nowMs / 1000) + LISTENED_AT_ALLOWED_SKEW_S ? s * 1000 : null;
}

/** `track.updateNowPlaying`: artist, track, album, duration (s). @throws LastfmError 6 without artist or track. */
export function lastfmNowPlaying(p: FormFields): PlayInput {
  const title = str(p.track);
  const artist = str(p.artist);
  if (!artist || !title) throw new LastfmError(6, [!artist && 'artist', !title && 'track'].filter(Boolean).join(', '));
  return { title, artist, album: str(p.album), duration_ms: trackLengthMs(p.duration), player: 'Last.fm client' };
}

/**
 * `track.scrobble`: either artist/track/timestamp, or the batch form artist[0], track[0], timestamp[0], … (indices 0–49).
 * @throws LastfmError 6 when a scrobble lacks artist, track or a timestamp in range, or there is none.
 */
export function lastfmScrobbles(p: FormFields, nowMs = Date.now()): ListenInput[] {
  const indexed = Object.keys(p).some((k) => /^artist\[\d+\]$/.test(k));
  const at = (name: string, i: number) => (indexed ? p[`${name}[${i}]`] : i === 0 ? p[name] : undefined);
  const items: ListenInput[] = [];
  for (let i = 0; i < (indexed ? MAX_LASTFM_SCROBBLES : 1); i++) {
    if (!at('artist', i) && !at('track', i)) continue;
    const artist = str(at('artist', i));
    const title = str(at('track', i));
    const listenedAt = listenedAtMs(at('timestamp', i), nowMs);
    if (!artist || !title || listenedAt === null)
      throw new LastfmError(6, `artist, track and timestamp (UNIX seconds, 2002-10-01 to now) of scrobble ${i}`);
    items.push({
      title,
      artist,
      album: str(at('album', i)),
      duration_ms: trackLengthMs(at('duration', i)),
      listened_at: listenedAt,
      player: 'Last.fm client',
    });
  }
  if (!items.length) throw new LastfmError(6, 'artist, track, timestamp');
  return items;
}

/** A protocol failure line's reason (`FAILED <reason>`). */
export interface Failed {
  failed: string;
}

/** Audioscrobbler `np` form (a, t, b, l). */
export function audioscrobblerNowPlaying(f: FormFields): PlayInput | Failed {
  const artist = str(f.a);
  const title = str(f.t);
  if (!artist || !title) return { failed: 'Artist (a) and track (t) are required' };
  return { title, artist, album: str(f.b), duration_ms: trackLengthMs(f.l), player: 'Audioscrobbler client' };
}

/**
 * Audioscrobbler `submit` form (a[i], t[i], i[i], o[i], r[i], l[i], b[i], i = 0–49). Skipped (`r=S`) and
 * banned (`r=B`) tracks are not listens and are left out.
 * @returns the listens, or the first failure (the whole submission is refused, as the protocol says).
 */
export function audioscrobblerSubmission(f: FormFields, nowMs = Date.now()): ListenInput[] | Failed {
  const items: ListenInput[] = [];
  for (let i = 0; i < MAX_AUDIOSCROBBLER_SUBMISSIONS; i++) {
    if (f[`a[${i}]`] === undefined && f[`t[${i}]`] === undefined) continue;
    const artist = str(f[`a[${i}]`]);
    const title = str(f[`t[${i}]`]);
    const started = f[`i[${i}]`];
    const listenedAt = listenedAtMs(started, nowMs);
    const source = f[`o[${i}]`] ?? 'P';
    if (!artist || !title) return { failed: `Track ${i}: artist a[${i}] and title t[${i}] are required` };
    if (!started || !/^\d+$/.test(started)) return { failed: `Track ${i}: i[${i}] must be the UNIX start time` };
    if (listenedAt === null) return { failed: `Track ${i}: i[${i}] is outside 2002-10-01 to now` };
    if (!/^[PREL]/.test(source)) return { failed: `Track ${i}: o[${i}] must be one of P, R, E, L` };
    if (source === 'P' && !trackLengthMs(f[`l[${i}]`]))
      return { failed: `Track ${i}: l[${i}] (length in seconds) is required when o[${i}]=P` };
    if (f[`r[${i}]`] === 'S' || f[`r[${i}]`] === 'B') continue; // skipped or banned: not a listen
    items.push({
      title,
      artist,
      album: str(f[`b[${i}]`]),
      duration_ms: trackLengthMs(f[`l[${i}]`]),
      listened_at: listenedAt,
      player: 'Audioscrobbler client',
    });
  }
  return items;
}

/**
 * The parts of an Audioscrobbler 1.2 handshake query (`hs=true&p=1.2&c&v&u&t&a`) checked before the
 * credentials: @returns the answer line for a query that goes no further (an info line without
 * `hs=true`, `FAILED …`, `BADTIME` when `t` is further than {@link HANDSHAKE_SKEW_S} from now), or
 * null when the credentials are to be checked.
 */
export function handshakeAnswer(q: FormFields, nowMs = Date.now()): string | null {
  if (q.hs !== 'true') return 'Kith Audioscrobbler 1.2 endpoint: handshake with ?hs=true&p=1.2&c=&v=&u=&t=&a=';
  if (q.p !== '1.2' && q.p !== '1.2.1')
    return `FAILED Unsupported protocol version ${String(q.p).slice(0, 10).replace(/\s+/g, ' ')}; this server speaks 1.2`;
  const missing = ['c', 'v', 'u', 't', 'a'].filter((k) => !q[k]);
  if (missing.length) return `FAILED Missing parameter ${missing.join(', ')}`;
  if (!/^\d{1,12}$/.test(q.t!) || Math.abs(Number(q.t) - nowMs / 1000) > HANDSHAKE_SKEW_S) return 'BADTIME';
  return null;
}
