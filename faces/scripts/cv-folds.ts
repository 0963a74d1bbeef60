/**
 * Cross-validation by identity (leave one person out) of the match threshold and the margin.
 * Pure functions over a distance function; faces/scripts/cross-validate.ts feeds them real
 * descriptors. A fold never sees the held-out person's pairs while choosing.
 */
import { chooseThreshold } from './roc.js';

export interface Labelled {
  name: string;
  person: string;
}

export interface PairCounts {
  /** genuine pairs accepted / rejected, impostor pairs accepted / rejected */
  tp: number;
  fn: number;
  fp: number;
  tn: number;
}

/** `xs[i]`; a RangeError past the end (indices here come from loops over the same list, so a miss is a bug). */
export function itemAt<T>(xs: readonly T[], i: number): T {
  const x = xs[i];
  if (x === undefined) throw new RangeError(`index ${i} is outside the ${xs.length} items`);
  return x;
}

/** Every pair of `xs` once, (i, j) with i < j, with both items. */
export function* pairsOf<T>(xs: readonly T[]): Generator<[i: number, j: number, a: T, b: T]> {
  for (const [i, a] of xs.entries()) for (const [k, b] of xs.slice(i + 1).entries()) yield [i, i + 1 + k, a, b];
}

export const emptyCounts = (): PairCounts => ({ tp: 0, fn: 0, fp: 0, tn: 0 });
export const balancedAccuracy = (c: PairCounts) => (c.tp / (c.tp + c.fn || 1) + c.tn / (c.tn + c.fp || 1)) / 2;
export const pairAccuracy = (c: PairCounts) => (c.tp + c.tn) / (c.tp + c.fn + c.fp + c.tn || 1);

/** Counts the pairs (i, j), i < j, that `keep` admits, at threshold `t`. */
export function countPairs(
  L: readonly Labelled[],
  dist: (i: number, j: number) => number,
  t: number,
  keep: (i: number, j: number) => boolean,
): PairCounts {
  const c = emptyCounts();
  for (const [i, j, a, b] of pairsOf(L)) {
    if (!keep(i, j)) continue;
    const accept = dist(i, j) <= t;
    const key = a.person === b.person ? (accept ? 'tp' : 'fn') : accept ? 'fp' : 'tn';
    c[key]++;
  }
  return c;
}

/**
 * The threshold for the labelled faces `keep` admits: best balanced accuracy on their pairs,
 * strictly under the closest same-photo pair (`ceiling`).
 */
export function fitThreshold(
  L: readonly Labelled[],
  dist: (i: number, j: number) => number,
  ceiling: number,
  keep: (i: number) => boolean,
) {
  const genuine: number[] = [];
  const impostor: number[] = [];
  for (const [i, j, a, b] of pairsOf(L)) if (keep(i) && keep(j)) (a.person === b.person ? genuine : impostor).push(dist(i, j));
  return chooseThreshold(genuine, impostor, ceiling, { balanced: true });
}

export interface Probe {
  /** true identity */
  person: string;
  /** best and runner-up gallery distances with the best's id (runner-up Infinity when alone) */
  best: number;
  bestId: string;
  second: number;
}

export type Outcome = 'right' | 'wrong' | 'none';

/** What `match` answers for a probe at threshold t and margin m (a stranger's only right answer is none). */
export function outcome(p: Probe, t: number, m: number): Outcome {
  if (p.best > t || p.second - p.best < m) return 'none';
  return p.bestId === p.person ? 'right' : 'wrong';
}

/**
 * Identification probes: gallery = the first face by name of each gallery person, probes = the
 * other faces of `probePeople` (strangers too, when not in the gallery).
 */
export function probesFor(
  L: readonly Labelled[],
  dist: (i: number, j: number) => number,
  galleryPeople: ReadonlySet<string>,
  probePeople: ReadonlySet<string>,
): Probe[] {
  const reference = new Map<string, number>();
  L.forEach((l, i) => {
    if (galleryPeople.has(l.person) && !reference.has(l.person)) reference.set(l.person, i);
  });
  const probes: Probe[] = [];
  L.forEach((l, i) => {
    if (!probePeople.has(l.person) || reference.get(l.person) === i) return;
    const ranked = [...reference].map(([id, r]) => [id, dist(i, r)] as const).sort((a, b) => a[1] - b[1]);
    const [best, second] = ranked;
    if (!best) return;
    probes.push({ person: l.person, bestId: best[0], best: best[1], second: second?.[1] ?? Infinity });
  });
  return probes;
}

/**
 * The margin for threshold t on training probes: fewest wrong answers first, then most right
 * ones; the middle of the interval of margins that reach that (the widest berth both ways).
 */
export function fitMargin(probes: readonly Probe[], t: number): { margin: number; interval: [number, number] } {
  const gated = probes.filter((p) => p.best <= t && Number.isFinite(p.second));
  const g = [...new Set(gated.map((p) => p.second - p.best))].sort((a, b) => a - b);
  // Margin m rejects every gap < m. Region 0 is [0, g0]; region k is (g[k-1], g[k]]; the last is over every gap.
  const regions: [number, number][] = [[0, g[0] ?? 0], ...g.map((lo, k) => [lo, g[k + 1] ?? lo] as [number, number])];
  let best = { wrong: Infinity, right: -1 };
  let interval: [number, number] = [0, 0];
  for (const [lo, hi] of regions) {
    const m = lo === 0 && hi === g[0] ? 0 : lo + 1e-9;
    let right = 0;
    let wrong = 0;
    for (const p of probes) {
      const o = outcome(p, t, m);
      if (o === 'right') right++;
      else if (o === 'wrong') wrong++;
    }
    if (wrong < best.wrong || (wrong === best.wrong && right > best.right)) {
      best = { wrong, right };
      interval = [lo, hi];
    }
  }
  return { margin: (interval[0] + interval[1]) / 2, interval };
}

export const tally = (outcomes: Outcome[]) => ({
  right: outcomes.filter((o) => o === 'right').length,
  wrong: outcomes.filter((o) => o === 'wrong').length,
  none: outcomes.filter((o) => o === 'none').length,
});
