/** Display helpers: dates in the viewer's locale, sizes, initials and avatar colours. */
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';

const dayFmt = new Intl.DateTimeFormat(undefined, { weekday: 'short', month: 'short', day: 'numeric', year: 'numeric' });
const dateFmt = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', year: 'numeric' });
const dateTimeFmt = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const timeFmt = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });

/** Local calendar day key, `YYYY-MM-DD`, for grouping photos by capture day. */
export function dayKey(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** "Today", "Yesterday" or "Sat, Jun 14, 2025". */
export function dayHeading(key: string): string {
  const [, y, m, d] = (/^(\d+)-(\d+)-(\d+)$/.exec(key) ?? []).map(Number);
  if (y === undefined || m === undefined || d === undefined) return key; // not a dayKey: show it as given
  const date = new Date(y, m - 1, d);
  const today = new Date();
  const startOfToday = new Date(today.getFullYear(), today.getMonth(), today.getDate()).getTime();
  const diffDays = Math.round((startOfToday - date.getTime()) / 86_400_000);
  if (diffDays === 0) return 'Today';
  if (diffDays === 1) return 'Yesterday';
  return dayFmt.format(date);
}

export const formatDate = (iso: string): string => dateFmt.format(new Date(iso));
export const formatDateTime = (iso: string): string => dateTimeFmt.format(new Date(iso));

/** "Jun 14, 2025, 7:30 PM – 11:05 PM" or "Jun 14 – Jun 16, 2025". */
export function formatRange(startIso: string | null, endIso: string | null): string {
  if (!startIso) return '';
  const start = new Date(startIso);
  const end = endIso ? new Date(endIso) : start;
  if (dayKey(startIso) === dayKey(end.toISOString())) {
    return start.getTime() === end.getTime()
      ? dateTimeFmt.format(start)
      : `${dateFmt.format(start)}, ${timeFmt.format(start)} – ${timeFmt.format(end)}`;
  }
  return `${dateFmt.format(start)} – ${dateFmt.format(end)}`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = bytes / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

export const plural = (n: number, one: string, many = `${one}s`): string => `${n.toLocaleString()} ${n === 1 ? one : many}`;

/** Up to two initials: "Alice Martin" -> "AM", "bob" -> "B". */
export function initials(name: string): string {
  const [firstWord, ...rest] = name.trim().split(/\s+/).filter(Boolean);
  if (firstWord === undefined) return '?';
  const lastWord = rest.at(-1);
  const first = [...firstWord][0] ?? '';
  const last = lastWord === undefined ? '' : ([...lastWord][0] ?? '');
  return (first + last).toUpperCase();
}

/** Each at least 4.5:1 against white initials (WCAG 2.2 AA, 1.4.3 contrast minimum). */
const AVATAR_COLORS: readonly [string, ...string[]] = [
  '#4255d4',
  '#0b7a6c',
  '#c2410c',
  '#6741d9',
  '#c2255c',
  '#1864ab',
  '#237032',
  '#b35c00',
  '#4c5fd5',
  '#9c36b5',
];

/** A stable colour per id/name so the same person always gets the same avatar. */
export function avatarColor(seed: string): string {
  let h = 0;
  for (let i = 0; i < seed.length; i++) h = (h * 31 + seed.charCodeAt(i)) | 0;
  // The modulo keeps the index in range; the first colour stands in only to satisfy the checker.
  return AVATAR_COLORS[Math.abs(h) % AVATAR_COLORS.length] ?? AVATAR_COLORS[0];
}

/** "+14155550102" -> "+1 415 555 0102" for display; anything unparsable is shown as stored. */
export function formatPhone(e164: string): string {
  try {
    return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
  } catch {
    return e164;
  }
}
