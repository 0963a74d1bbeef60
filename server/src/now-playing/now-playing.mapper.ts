import type { Config } from '../config/config.js';
import { toPerson, type PersonDto } from '../assets/assets.mapper.js';
import type { NowPlayingCurrentRow, NowPlayingListenRow } from './now-playing.repository.js';

export interface FindLink {
  label: string;
  url: string;
}

/**
 * "Find it" links (seed CN102664943A [0051], [0056], S1009: search with the resource name as the
 * keyword): the item's own `source_url` first when known, then each configured template with
 * `{query}` = "artist – title", `{artist}`, `{title}`, all URL-encoded.
 */
export function findLinks(
  config: Pick<Config, 'findLinks'>,
  item: { artist: string; title: string; source_url: string | null },
): FindLink[] {
  const enc = encodeURIComponent;
  const query = `${item.artist} – ${item.title}`;
  const links = config.findLinks.map((t) => ({
    label: t.label,
    url: t.url.replaceAll('{query}', enc(query)).replaceAll('{artist}', enc(item.artist)).replaceAll('{title}', enc(item.title)),
  }));
  return item.source_url ? [{ label: 'Source', url: item.source_url }, ...links] : links;
}

const iso = (ms: number) => new Date(ms).toISOString();

export type PlayDto = ReturnType<typeof toPlayDto>;

/** Maps a current-play row to the `NowPlaying` DTO. */
export function toPlayDto(config: Pick<Config, 'findLinks'>, r: NowPlayingCurrentRow) {
  return {
    title: r.title,
    artist: r.artist,
    album: r.album,
    media_type: r.media_type,
    duration_ms: r.duration_ms,
    position_ms: r.position_ms,
    position_at: iso(r.position_at),
    started_at: iso(r.started_at),
    expires_at: iso(r.expires_at),
    source_url: r.source_url,
    cover_url: r.cover_url,
    player: r.player,
    via: r.via,
    private: r.private === 1,
    find: findLinks(config, r),
  };
}

export type ListenDto = ReturnType<typeof toListenDto>;

/** Maps a listen row to the `Listen` DTO. */
export function toListenDto(config: Pick<Config, 'findLinks'>, r: NowPlayingListenRow, user: PersonDto) {
  return {
    id: r.id,
    user,
    title: r.title,
    artist: r.artist,
    album: r.album,
    media_type: r.media_type,
    duration_ms: r.duration_ms,
    listened_at: iso(r.listened_at),
    source_url: r.source_url,
    cover_url: r.cover_url,
    player: r.player,
    via: r.via,
    find: findLinks(config, r),
  };
}

export { toPerson };
