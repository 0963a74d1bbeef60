/**
 * Date phrases of the search box, read as UTC ranges of capture time (ms since epoch, `from`
 * inclusive, `to` exclusive). Capture times are stored as UTC instants, so a photo taken late on
 * 31 May in Lisbon may count as June; a day either side is the price of one time zone for all.
 */
export interface DateRange {
  from: number;
  to: number;
  /** How the phrase was understood, for the person reading the results: "June 2026", "2026", "12 June 2026". */
  label: string;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const LABELS = MONTHS.map((m) => m[0].toUpperCase() + m.slice(1));

/** Month index 0–11 for "june", "jun" or "jun." (English names, as Google Photos and Immich accept). */
function monthOf(word: string): number | null {
  const w = word.replace(/\.$/, '');
  if (w.length < 3) return null;
  const i = MONTHS.findIndex((m) => m === w || (w.length >= 3 && m.startsWith(w) && w.length <= 4));
  return i >= 0 ? i : null;
}

function yearOf(word: string): number | null {
  if (!/^\d{4}$/.test(word)) return null;
  const y = Number(word);
  return y >= 1800 && y <= 2200 ? y : null;
}

const month = (y: number, m: number): DateRange => ({ from: Date.UTC(y, m, 1), to: Date.UTC(y, m + 1, 1), label: `${LABELS[m]} ${y}` });
const day = (y: number, m: number, d: number): DateRange | null => {
  const from = Date.UTC(y, m, d);
  if (new Date(from).getUTCDate() !== d) return null;
  return { from, to: from + 86_400_000, label: `${d} ${LABELS[m]} ${y}` };
};

/**
 * Reads one phrase (already lower case, single spaces) as a date range, or null:
 * "2026"; "june 2026", "jun 2026", "2026 june"; "2026-06"; "2026-06-12"; "12 june 2026", "june 12 2026";
 * "last summer" (June–August of the year before `now`'s when it is not summer yet, else of this year: the
 * northern meteorological summer), "this year", "last year".
 * @param now ms since epoch, for the relative phrases.
 */
export function parseDatePhrase(phrase: string, now: number): DateRange | null {
  const words = phrase.replace(/,/g, ' ').split(' ').filter(Boolean);
  const thisYear = new Date(now).getUTCFullYear();
  if (phrase === 'this year') return { from: Date.UTC(thisYear, 0, 1), to: Date.UTC(thisYear + 1, 0, 1), label: `${thisYear}` };
  if (phrase === 'last year') return { from: Date.UTC(thisYear - 1, 0, 1), to: Date.UTC(thisYear, 0, 1), label: `${thisYear - 1}` };
  if (phrase === 'last summer') {
    // Summer ends with August: in September it is this year's, until then last year's.
    const y = new Date(now).getUTCMonth() >= 8 ? thisYear : thisYear - 1;
    return { from: Date.UTC(y, 5, 1), to: Date.UTC(y, 8, 1), label: `Summer ${y}` };
  }
  if (words.length === 1) {
    const w = words[0];
    const y = yearOf(w);
    if (y !== null) return { from: Date.UTC(y, 0, 1), to: Date.UTC(y + 1, 0, 1), label: `${y}` };
    const iso = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(w);
    if (iso && yearOf(iso[1]) !== null) {
      const m = Number(iso[2]) - 1;
      if (m < 0 || m > 11) return null;
      return iso[3] ? day(Number(iso[1]), m, Number(iso[3])) : month(Number(iso[1]), m);
    }
    return null;
  }
  if (words.length === 2) {
    const [a, b] = words;
    const m = monthOf(a) ?? monthOf(b);
    const y = yearOf(b) ?? yearOf(a);
    if (m !== null && y !== null) return month(y, m);
    return null;
  }
  if (words.length === 3) {
    const [a, b, c] = words;
    const y = yearOf(c);
    if (y === null) return null;
    const dm = /^\d{1,2}$/.test(a) ? monthOf(b) : null;
    if (dm !== null) return day(y, dm, Number(a));
    const md = /^\d{1,2}$/.test(b) ? monthOf(a) : null;
    if (md !== null) return day(y, md, Number(b));
  }
  return null;
}
