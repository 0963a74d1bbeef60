import { assert, describe, expect, it } from 'vitest';
import { clusterFaces } from '../src/clustering.js';
import { CALIBRATION, cosineDistance } from '../src/matching.js';

/** Seeded generator so the synthetic identities are the same on every run. */
function gaussian(seed: number) {
  let s = seed;
  const uniform = () => ((s = (s * 1103515245 + 12345) % 2147483648) + 1) / 2147483649;
  return () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}

/** Faceres-like descriptors: one random direction per identity, and faces scattered around it. */
function identities(people: number, facesEach: number, noise: number, seed = 7) {
  const g = gaussian(seed);
  const faces: Array<{ id: string; person: number; descriptor: Float32Array; group?: string }> = [];
  for (let p = 0; p < people; p++) {
    const centre = Float32Array.from({ length: 1024 }, g);
    for (let f = 0; f < facesEach; f++) faces.push({ id: `p${p}f${f}`, person: p, descriptor: centre.map((v) => v + noise * g()) });
  }
  return faces;
}

describe('clusterFaces (Chinese Whispers over the calibrated distance)', () => {
  it('recovers synthetic identities whose spread is under the calibrated threshold', () => {
    const faces = identities(4, 5, 0.35);
    const [p0f0, p0f1, , , , p1f0] = faces;
    assert(p0f0 && p0f1 && p1f0, 'five faces of each of four people');
    // The synthetic spread is realistic for faceres: same identity well under, others far over.
    expect(cosineDistance(p0f0.descriptor, p0f1.descriptor)).toBeLessThan(CALIBRATION.faceres.threshold);
    expect(cosineDistance(p0f0.descriptor, p1f0.descriptor)).toBeGreaterThan(0.8);
    const { clusters, unclustered } = clusterFaces('faceres', faces);
    expect(unclustered).toEqual([]);
    expect(clusters.map((c) => c.map((id) => id.split('f')[0]))).toEqual([
      ['p0', 'p0', 'p0', 'p0', 'p0'],
      ['p1', 'p1', 'p1', 'p1', 'p1'],
      ['p2', 'p2', 'p2', 'p2', 'p2'],
      ['p3', 'p3', 'p3', 'p3', 'p3'],
    ]);
  });

  it('is deterministic: the same input and seed give the same clusters, whatever the input order', () => {
    const faces = identities(3, 4, 0.35, 11);
    const a = clusterFaces('faceres', faces);
    const b = clusterFaces('faceres', faces);
    expect(b).toEqual(a);
    const shuffled = clusterFaces('faceres', [...faces].reverse());
    const asSets = (r: typeof a) => r.clusters.map((c) => [...c].sort().join()).sort();
    expect(asSets(shuffled)).toEqual(asSets(a));
  });

  it('leaves lone faces unclustered (a person needs at least two faces)', () => {
    const faces = [...identities(1, 3, 0.35, 3), ...identities(1, 1, 0.35, 99).map((f) => ({ ...f, id: 'alone' }))];
    const { clusters, unclustered } = clusterFaces('faceres', faces);
    expect(clusters).toEqual([['p0f0', 'p0f1', 'p0f2']]);
    expect(unclustered).toEqual(['alone']);
  });

  it('never links two faces of the same photo (group)', () => {
    const [a, b] = identities(1, 2, 0.35, 5);
    assert(a && b, 'two faces of one person');
    expect(clusterFaces('faceres', [a, b]).clusters).toHaveLength(1);
    const same = clusterFaces('faceres', [
      { ...a, group: 'photo-1' },
      { ...b, group: 'photo-1' },
    ]);
    expect(same.clusters).toEqual([]);
    expect(same.unclustered).toEqual([a.id, b.id]);
  });
});
