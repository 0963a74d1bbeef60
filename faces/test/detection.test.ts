/**
 * Detection on the six face-api party photos. The expected counts come from looking at the
 * annotated outputs (`npm run annotate:faces` → docs/faces/annotated/): every clearly visible
 * face, and nothing else, is boxed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFaceEngine, DEFAULT_MODEL, DESCRIPTOR_DIMS, MODEL_VERSIONS, type FaceAnalysis } from '../src/index.js';
import { partyPhoto } from './engine-fixture.js';

// Inspected: sample1 3 adults; sample2 3; sample3 3; sample4 4; sample5 5; sample6 4 (22 in all).
const EXPECTED = [3, 3, 3, 4, 5, 4];

describe('face detection on the party photos', () => {
  const engine = createFaceEngine({ poolSize: 1 });
  const results: FaceAnalysis[] = [];
  beforeAll(async () => {
    for (let n = 1; n <= 6; n++) results.push(await engine.analyse(partyPhoto(n)));
  });
  afterAll(() => engine.close());

  it('finds every clearly visible face', () => {
    expect(results.map((r) => r.faces.length)).toEqual(EXPECTED);
  });

  it('gives boxes in original pixels and as fractions, inside the image', () => {
    for (const r of results) {
      expect(r.width).toBeGreaterThan(r.analysedWidth); // the originals are 1920 px wide
      for (const f of r.faces) {
        expect(f.box.x / r.width).toBeCloseTo(f.boxNorm.x, 6);
        expect(f.box.width / r.width).toBeCloseTo(f.boxNorm.width, 6);
        expect(f.boxNorm.x + f.boxNorm.width).toBeLessThanOrEqual(1.01);
        expect(f.boxNorm.y + f.boxNorm.height).toBeLessThanOrEqual(1.01);
      }
    }
  });

  it('places the organ positions inside the face: eyes above the nose, nose above the mouth', () => {
    for (const f of results.flatMap((r) => r.faces)) {
      const { leftEye, rightEye, noseTip, mouthLeft, mouthRight } = f.landmarks;
      for (const p of [leftEye, rightEye, noseTip, mouthLeft, mouthRight]) {
        expect(p.x).toBeGreaterThanOrEqual(f.box.x);
        expect(p.x).toBeLessThanOrEqual(f.box.x + f.box.width);
      }
      expect(Math.max(leftEye.y, rightEye.y)).toBeLessThan(noseTip.y);
      expect(noseTip.y).toBeLessThan(Math.max(mouthLeft.y, mouthRight.y));
    }
  });

  it("scores quality and describes each face with the default model's layout", () => {
    for (const f of results.flatMap((r) => r.faces)) {
      expect(f.quality.eyeDistancePx).toBeGreaterThan(50);
      expect(f.quality.score).toBeGreaterThan(0);
      expect(f.quality.score).toBeLessThanOrEqual(1);
      expect(f.descriptor).toHaveLength(DESCRIPTOR_DIMS[DEFAULT_MODEL]);
      expect(f.descriptor.every(Number.isFinite)).toBe(true);
    }
    expect(results[0]?.modelVersion).toBe(MODEL_VERSIONS[DEFAULT_MODEL]);
    expect(results[0]?.modelVersion).toBe('faceplugin@2');
  });
});
