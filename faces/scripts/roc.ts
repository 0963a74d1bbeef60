/**
 * ROC figures for verification: genuine (same-person) and impostor (different-person)
 * distances; a pair is accepted when distance ≤ threshold.
 */

export interface RocPoint {
  threshold: number;
  /** true accept rate: genuine pairs accepted / genuine pairs */
  tar: number;
  /** false accept rate: impostor pairs accepted / impostor pairs */
  far: number;
}

const accepted = (ds: number[], t: number) => ds.filter((d) => d <= t).length;

/** Area under the ROC curve (Mann–Whitney: P(genuine distance < impostor distance)). */
export function auc(genuine: number[], impostor: number[]): number {
  let wins = 0;
  for (const g of genuine) for (const i of impostor) wins += g < i ? 1 : g === i ? 0.5 : 0;
  return wins / (genuine.length * impostor.length);
}

/** ROC points at `steps` thresholds spread over the observed distances. */
export function rocCurve(genuine: number[], impostor: number[], steps = 16): RocPoint[] {
  const all = [...genuine, ...impostor];
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  return Array.from({ length: steps }, (_, i) => {
    const t = lo + ((hi - lo) * i) / (steps - 1);
    return { threshold: t, tar: accepted(genuine, t) / genuine.length, far: accepted(impostor, t) / impostor.length };
  });
}

/** TAR at the largest threshold whose FAR stays at or under `far`. */
export function tarAtFar(genuine: number[], impostor: number[], far: number): { tar: number; threshold: number } {
  const candidates = [...new Set([...genuine, ...impostor])].sort((a, b) => a - b);
  let best = { tar: 0, threshold: 0 };
  for (const t of candidates) {
    if (accepted(impostor, t) / impostor.length <= far) best = { tar: accepted(genuine, t) / genuine.length, threshold: t };
  }
  return best;
}

export interface ThresholdChoice {
  threshold: number;
  accuracy: number;
  /** the interval of thresholds that reach that accuracy; the choice is its midpoint */
  interval: [number, number];
}

/**
 * The threshold with the best accuracy on genuine + impostor pairs, subject to a hard ceiling
 * (under the closest same-photo pair: two faces of one photo must never match). Among equally
 * accurate thresholds the middle of the interval is taken, which leaves the widest margin both ways.
 * @param opts.balanced score (TAR + TNR) / 2 instead of the share of right pairs, so that the
 *   impostor pairs (far more numerous when every pair of a set is used) do not outvote the genuine ones.
 */
export function chooseThreshold(
  genuine: number[],
  impostor: number[],
  ceiling = Infinity,
  opts: { balanced?: boolean } = {},
): ThresholdChoice {
  const cuts = [...new Set([0, ...genuine, ...impostor])].filter((t) => t < ceiling).sort((a, b) => a - b);
  const total = genuine.length + impostor.length;
  const score = (t: number) =>
    opts.balanced
      ? (accepted(genuine, t) / (genuine.length || 1) + 1 - accepted(impostor, t) / (impostor.length || 1)) / 2
      : (accepted(genuine, t) + impostor.length - accepted(impostor, t)) / total;
  let bestAcc = -1;
  let interval: [number, number] = [0, 0];
  for (const [i, t] of cuts.entries()) {
    const acc = score(t);
    const next = Math.min(cuts[i + 1] ?? ceiling, ceiling);
    if (acc > bestAcc + 1e-12) {
      bestAcc = acc;
      interval = [t, Number.isFinite(next) ? next : t];
    } else if (Math.abs(acc - bestAcc) < 1e-12 && t === interval[1]) {
      interval = [interval[0], Number.isFinite(next) ? next : t];
    }
  }
  return { threshold: (interval[0] + interval[1]) / 2, accuracy: bestAcc, interval };
}
