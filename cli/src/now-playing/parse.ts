/** Parsing of what people type for `kith now-playing set`. Pure functions (unit-tested in cli/test). */
import { CliError } from '../cli-error.js';

/**
 * Splits "Artist – Title" at the first en dash, em dash, or hyphen with spaces around it
 * ("Massive Attack - Teardrop"). A hyphen inside a word ("Jay-Z") never splits.
 * @throws CliError when there is no separator or a side is empty.
 */
export function parseArtistTitle(text: string): { artist: string; title: string } {
  // Both groups always take part in a match: absent means no match.
  const [, rawArtist = '', rawTitle = ''] = /^(.*?)\s*(?:–|—|\s-\s)\s*(.*)$/.exec(text.trim()) ?? [];
  const artist = rawArtist.trim();
  const title = rawTitle.trim();
  if (!artist || !title) throw new CliError(`write it as "Artist – Title" (got "${text}")`);
  return { artist, title };
}

/**
 * "3:45" → 225000, "1:02:03" → 3723000, "225" (seconds) → 225000; in milliseconds.
 * @throws CliError for anything else, or a length of 0 or over 24 hours.
 */
export function parseDuration(text: string): number {
  const t = text.trim();
  // Every group takes part in its pattern's match, so the defaults are never used.
  const clock = /^(\d+):([0-5]\d)$/.exec(t);
  const longClock = /^(\d+):([0-5]\d):([0-5]\d)$/.exec(t);
  let seconds: number;
  if (/^\d+$/.test(t)) seconds = Number(t);
  else if (clock) {
    const [, m = 0, s = 0] = clock.map(Number);
    seconds = m * 60 + s;
  } else if (longClock) {
    const [, h = 0, m = 0, s = 0] = longClock.map(Number);
    seconds = h * 3600 + m * 60 + s;
  } else throw new CliError(`--duration takes m:ss, h:mm:ss or seconds (got "${text}")`);
  if (seconds < 1 || seconds > 86400) throw new CliError(`--duration must be between 1 s and 24 h (got "${text}")`);
  return seconds * 1000;
}

/** 225000 → "3:45". */
export function formatClock(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}
