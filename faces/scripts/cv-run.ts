/**
 * The cross-validation by identity itself (see cross-validate.ts for the method), on collected
 * descriptors: leave one person out for the threshold and the margin, then the same procedure on
 * everyone for the shipped values. Shared by `npm run calibrate:faces:cv` and `bench:faces`.
 */
import { descriptorDistance } from '../src/matching.js';
import type { EmbeddingModel } from '../src/types.js';
import type { CalibrationData } from './calibration-data.js';
import type { CvReport } from './cv-report.js';
import { auc, tarAtFar } from './roc.js';
import {
  balancedAccuracy,
  countPairs,
  emptyCounts,
  fitMargin,
  fitThreshold,
  itemAt,
  outcome,
  pairAccuracy,
  pairsOf,
  probesFor,
  tally,
  type Outcome,
} from './cv-folds.js';

/**
 * @param data descriptors of sets A and C (collectCalibrationData) made by `model`'s engine.
 * @param model which metric applies (matching.ts).
 */
export function crossValidate(data: CalibrationData, model: EmbeddingModel, modelVersion: string): CvReport {
  const L = data.labelled.map((s) => ({ ...s, person: s.person!, d: s.descriptor }));
  const D = L.map((a) => L.map((b) => descriptorDistance(model, a.d, b.d)));
  const dist = (i: number, j: number) => itemAt(itemAt(D, i), j);
  const personOf = (i: number) => itemAt(L, i).person;
  const samePhoto: number[] = [];
  let ceilingPhoto = '';
  for (const [photo, faces] of data.photos) {
    for (const [i, j, a, b] of pairsOf(faces)) {
      const d = descriptorDistance(model, a.descriptor, b.descriptor);
      if (d < Math.min(...samePhoto)) ceilingPhoto = `${photo} faces ${i} and ${j}`;
      samePhoto.push(d);
    }
  }
  const ceiling = Math.min(...samePhoto);
  const people = [...new Set(L.map((l) => l.person))].sort();

  // Folds: leave one person out.
  const folds = [];
  const heldPairs = emptyCounts();
  const heldKnown: Outcome[] = [];
  const heldStranger: Outcome[] = [];
  for (const p of people) {
    const train = (i: number) => personOf(i) !== p;
    const trainPeople = new Set(people.filter((q) => q !== p));
    const { threshold } = fitThreshold(L, dist, ceiling, train);
    const { margin } = fitMargin(probesFor(L, dist, trainPeople, trainPeople), threshold);
    const c = countPairs(L, dist, threshold, (i, j) => personOf(i) === p || personOf(j) === p);
    for (const k of ['tp', 'fn', 'fp', 'tn'] as const) heldPairs[k] += c[k];
    const known = probesFor(L, dist, new Set(people), new Set([p])).map((pr) => outcome(pr, threshold, margin));
    // Every photo of a stranger probes (none is a gallery reference): the only right answer is none.
    const strangerAll = L.flatMap((l, i) => (l.person === p ? [i] : [])).map((i) => {
      const ranked = [...trainPeople]
        .map(
          (q) =>
            [
              q,
              dist(
                i,
                L.findIndex((l) => l.person === q),
              ),
            ] as const,
        )
        .sort((a, b) => a[1] - b[1]);
      const [best, second] = ranked;
      if (!best) throw new Error('cross-validation needs at least two people');
      return outcome({ person: p, bestId: best[0], best: best[1], second: second?.[1] ?? Infinity }, threshold, margin);
    });
    heldKnown.push(...known);
    heldStranger.push(...strangerAll);
    folds.push({
      person: p,
      threshold,
      margin,
      pairs: c,
      known: tally(known),
      strangerAccepted: strangerAll.filter((o) => o !== 'none').length,
    });
  }

  // Shipped: the same procedure on everyone.
  const all = fitThreshold(L, dist, ceiling, () => true);
  const everyone = new Set(people);
  const allMargin = fitMargin(probesFor(L, dist, everyone, everyone), all.threshold);
  const genuine: number[] = [];
  const impostor: number[] = [...samePhoto];
  for (const [i, j, a, b] of pairsOf(L)) (a.person === b.person ? genuine : impostor).push(dist(i, j));
  const shippedCounts = countPairs(L, dist, all.threshold, () => true);
  // What the same-photo rule costs: the best threshold without it, on everyone.
  const free = fitThreshold(L, dist, Infinity, () => true);
  const freeCounts = countPairs(L, dist, free.threshold, () => true);
  const perSet = (set: 'A' | 'C') => {
    const inSet = (i: number) => (set === 'C') === itemAt(L, i).name.startsWith('C:');
    return countPairs(L, dist, all.threshold, (i, j) => inSet(i) && inSet(j));
  };

  return {
    model,
    modelVersion,
    faces: L.length,
    people: people.length,
    missed: data.missed,
    samePhotoPairs: samePhoto.length,
    ceiling,
    ceilingPhoto,
    unconstrained: {
      threshold: free.threshold,
      balancedAccuracy: balancedAccuracy(freeCounts),
      samePhotoFalseMatches: samePhoto.filter((d) => d <= free.threshold).length,
    },
    folds,
    held: {
      pairs: heldPairs,
      balancedAccuracy: balancedAccuracy(heldPairs),
      pairAccuracy: pairAccuracy(heldPairs),
      known: tally(heldKnown),
      strangers: tally(heldStranger),
    },
    shipped: {
      threshold: all.threshold,
      interval: all.interval,
      margin: allMargin.margin,
      marginInterval: allMargin.interval,
      pairs: shippedCounts,
      balancedAccuracy: balancedAccuracy(shippedCounts),
      setA: perSet('A'),
      setC: perSet('C'),
      samePhotoFalseMatches: samePhoto.filter((d) => d <= all.threshold).length,
      auc: auc(genuine, impostor),
      tar01: tarAtFar(genuine, impostor, 0.001).tar,
      tar1: tarAtFar(genuine, impostor, 0.01).tar,
    },
  };
}
