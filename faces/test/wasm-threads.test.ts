/**
 * A worker whose WASM engine runs on 2 XNNPACK threads (threadsPerWorker) finds the same faces and
 * gives the same descriptors as the single-threaded default: threading splits the work of each
 * convolution, it does not change the model.
 */
import { afterAll, assert, describe, expect, it } from 'vitest';
import { createFaceEngine, type FaceAnalysis } from '../src/index.js';
import { partyPhoto } from './engine-fixture.js';

/** Largest difference allowed between the two engines' descriptor values (float32 summation order). */
const TOLERANCE = 1e-4;

describe('multi-threaded WASM worker', () => {
  const threaded = createFaceEngine({ poolSize: 1, threadsPerWorker: 2, maxSide: 640 });
  const single = createFaceEngine({ poolSize: 1, maxSide: 640 });
  afterAll(() => Promise.all([threaded.close(), single.close()]));

  it('runs 2 threads in one worker and matches the single-threaded engine', { timeout: 300_000 }, async () => {
    const [stats] = await threaded.allWorkerStats();
    expect(stats?.wasmThreads).toBe(2);
    expect((await single.workerStats()).wasmThreads).toBe(1);

    // A party photo with five faces: more than one descriptor batch (chunks of 2 faces).
    const photo = partyPhoto(5);
    const a: FaceAnalysis = await threaded.analyse(photo);
    const b: FaceAnalysis = await single.analyse(photo);
    expect(a.faces.length).toBeGreaterThanOrEqual(4);
    expect(a.faces.length).toBe(b.faces.length);
    a.faces.forEach((face, i) => {
      const other = b.faces[i];
      assert(other, 'as many faces single-threaded');
      expect(face.box.x).toBeCloseTo(other.box.x, 3);
      const worst = face.descriptor.reduce((m, v, k) => Math.max(m, Math.abs(v - (other.descriptor[k] ?? NaN))), 0);
      expect(worst).toBeLessThan(TOLERANCE);
    });
  });
});
