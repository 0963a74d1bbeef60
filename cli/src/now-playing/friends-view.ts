/**
 * The live terminal view of `kith now-playing friends`: a pure renderer from the friends list to
 * lines (unit-tested), and the state updates that the socket.io events apply to that list.
 */
import type { Schemas } from '@kith/sdk';
import type { RealtimeEvents } from '@kith/sdk';
import { formatClock } from './parse.js';

export type Friend = Schemas['NowPlayingFriend'];
type Play = Schemas['NowPlaying'];

const BAR = 24;

/** Position now: the reported position plus the time since, capped at the duration (ms). */
export function positionNow(p: Play, now: number): number {
  const pos = p.position_ms + Math.max(0, now - Date.parse(p.position_at));
  return p.duration_ms ? Math.min(pos, p.duration_ms) : pos;
}

/** One friend's lines: name, then title/artist, a progress bar with elapsed and time left, and "find it" links. */
export function renderFriend(f: Friend, now: number, opts: { links?: boolean } = {}): string[] {
  const name = `${f.user.displayName} (@${f.user.username})`;
  const p = f.playing;
  if (!p) {
    const last = f.recent[0];
    return [`  ${name}: not playing${last ? ` · last: ${last.artist} – ${last.title}` : ''}`];
  }
  const pos = positionNow(p, now);
  const lines = [`▶ ${name}${p.player ? ` on ${p.player}` : ''}`, `    ${p.artist} – ${p.title}${p.album ? ` (${p.album})` : ''}`];
  if (p.duration_ms) {
    const filled = Math.round((pos / p.duration_ms) * BAR);
    lines.push(
      `    [${'#'.repeat(filled)}${'.'.repeat(BAR - filled)}] ${formatClock(pos)} / ${formatClock(p.duration_ms)} · ${formatClock(p.duration_ms - pos)} left`,
    );
  } else lines.push(`    playing for ${formatClock(pos)}`);
  if (opts.links !== false) for (const l of p.find) lines.push(`    ${l.label}: ${l.url}`);
  return lines;
}

/** The whole screen: playing friends first. */
export function renderFriends(friends: Friend[], now: number, opts: { links?: boolean } = {}): string {
  if (!friends.length)
    return 'No friends yet: upload your address book (PUT /api/now-playing/association, or the web app’s Friends screen).';
  const sorted = [...friends].sort(
    (a, b) => Number(!!b.playing) - Number(!!a.playing) || a.user.displayName.localeCompare(b.user.displayName),
  );
  return sorted.flatMap((f) => renderFriend(f, now, opts)).join('\n');
}

/**
 * Applies one realtime event to the list. @returns the new list, or null when the list cannot be
 * updated in place (a new friend) and must be fetched again.
 */
export function applyEvent<E extends 'now-playing.updated' | 'now-playing.stopped' | 'now-playing.listened'>(
  friends: Friend[],
  event: E,
  payload: RealtimeEvents[E],
): Friend[] | null {
  const id = payload.user.id;
  if (!friends.some((f) => f.user.id === id)) return event === 'now-playing.updated' ? null : friends;
  if (event === 'now-playing.stopped' && (payload as RealtimeEvents['now-playing.stopped']).reason === 'hidden')
    return friends.filter((f) => f.user.id !== id);
  return friends.map((f) => {
    if (f.user.id !== id) return f;
    if (event === 'now-playing.updated') return { ...f, playing: (payload as RealtimeEvents['now-playing.updated']).playing };
    if (event === 'now-playing.stopped') return { ...f, playing: null };
    const { listens } = payload as RealtimeEvents['now-playing.listened'];
    return { ...f, recent: [...listens, ...f.recent.filter((l) => !listens.some((n) => n.id === l.id))].slice(0, 5) };
  });
}
