/**
 * Follows a running mpd over its protocol (https://mpd.readthedocs.io/en/latest/protocol.html) with
 * the mpd2 client: `status` and `currentsong` once, then again on every `idle player` event, and
 * reports each change. No polling: mpd's idle command blocks until something changes.
 */
import mpd from 'mpd2';
import type { PlayInput } from './play-input.js';

/** `status` and `currentsong` answers as mpd2 parses them (keys lower-cased, numbers parsed). */
export type MpdStatus = Record<string, unknown> & { state?: string; elapsed?: number; duration?: number; time?: string };
export type MpdSong = Record<string, unknown> & {
  file?: string;
  title?: string;
  artist?: string;
  album?: string;
  name?: string;
  time?: number;
  duration?: number;
};

/**
 * Maps mpd's answers to a play, or null when stopped/paused or nothing is queued. A song without
 * tags is reported by file name (artist "Unknown artist"), as mpd clients show it.
 */
export function playFromMpd(status: MpdStatus, song: MpdSong): PlayInput | null {
  if (status.state !== 'play' || !song.file) return null;
  const durationS = Number(status.duration ?? song.duration ?? song.time);
  const elapsedS = Number(status.elapsed ?? 0);
  const title = String(
    song.title ??
      song.name ??
      song.file
        .split('/')
        .pop()!
        .replace(/\.[a-z0-9]+$/i, ''),
  );
  return {
    title,
    artist: String(song.artist ?? 'Unknown artist'),
    album: song.album ? String(song.album) : null,
    media_type: 'audio',
    duration_ms: Number.isFinite(durationS) && durationS >= 1 ? Math.round(durationS * 1000) : null,
    position_ms: Number.isFinite(elapsedS) ? Math.round(elapsedS * 1000) : 0,
    player: 'mpd',
    source_url: /^https?:\/\//.test(song.file) ? song.file : null,
  };
}

/** Identity of a play for change detection: same song and not restarted. */
export const sameSong = (a: PlayInput | null, b: PlayInput | null) =>
  !!a && !!b && a.title === b.title && a.artist === b.artist && a.album === b.album && (b.position_ms ?? 0) >= (a.position_ms ?? 0);

/**
 * Connects to mpd at `host:port` and calls `onChange(play | null)` now and on every player change
 * (song, play/pause/stop, seek). @returns a function that disconnects.
 */
export async function watchMpd(
  host: string,
  port: number,
  onChange: (play: PlayInput | null) => Promise<void>,
  onError: (e: Error) => void,
) {
  const client = await mpd.connect({ host, port });
  const read = async () => {
    const status = mpd.parseObject(await client.sendCommand('status')) as MpdStatus;
    const song = mpd.parseObject(await client.sendCommand('currentsong')) as MpdSong;
    return playFromMpd(status, song);
  };
  let chain = Promise.resolve();
  const refresh = () => {
    chain = chain.then(async () => onChange(await read())).catch(onError);
  };
  client.on('system-player', refresh);
  client.on('error', onError);
  refresh();
  return async () => {
    await chain;
    await client.disconnect();
  };
}
