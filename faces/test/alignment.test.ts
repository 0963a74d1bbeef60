/**
 * The 5-point alignment of the shipped model (faces/src/worker/faceplugin-net.ts): the
 * least-squares similarity transform (Umeyama 1991, the 2-D case) onto the ArcFace template.
 */
import { describe, expect, it } from 'vitest';
import { ARCFACE_TEMPLATE, similarityTransform, type Similarity } from '../src/worker/faceplugin-net.js';

const apply = (s: Similarity, [x, y]: readonly [number, number]): [number, number] => [s.a * x - s.b * y + s.tx, s.b * x + s.a * y + s.ty];

describe('similarityTransform', () => {
  it('recovers a known rotation, scale and shift exactly', () => {
    const angle = (25 * Math.PI) / 180;
    const truth = { a: 3.2 * Math.cos(angle), b: 3.2 * Math.sin(angle), tx: 410, ty: 155 };
    const face = ARCFACE_TEMPLATE.map((p) => apply(truth, p));
    const s = similarityTransform(ARCFACE_TEMPLATE, face);
    expect(s.a).toBeCloseTo(truth.a, 9);
    expect(s.b).toBeCloseTo(truth.b, 9);
    expect(s.tx).toBeCloseTo(truth.tx, 6);
    expect(s.ty).toBeCloseTo(truth.ty, 6);
  });

  it('maps the template onto noisy points in the least-squares sense: no other similarity fits better', () => {
    const face: Array<[number, number]> = [
      [300, 210],
      [352, 214],
      [327, 247],
      [305, 272],
      [349, 275],
    ];
    const s = similarityTransform(ARCFACE_TEMPLATE, face);
    const error = (t: Similarity) =>
      ARCFACE_TEMPLATE.reduce((sum, p, i) => {
        const [x, y] = apply(t, p);
        const [fx, fy] = face[i] ?? [NaN, NaN]; // one face point per template point
        return sum + (x - fx) ** 2 + (y - fy) ** 2;
      }, 0);
    const best = error(s);
    for (const d of [-0.01, 0.01])
      for (const k of ['a', 'b', 'tx', 'ty'] as const) expect(error({ ...s, [k]: s[k] + d })).toBeGreaterThan(best);
    // A frontal face needs little rotation: b is small against a.
    expect(Math.abs(s.b)).toBeLessThan(Math.abs(s.a) * 0.1);
  });

  it('refuses points that all coincide', () => {
    expect(() =>
      similarityTransform(
        ARCFACE_TEMPLATE.map(() => [5, 5] as [number, number]),
        ARCFACE_TEMPLATE,
      ),
    ).toThrow(RangeError);
  });
});
