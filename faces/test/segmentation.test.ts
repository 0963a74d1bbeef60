/**
 * FaceEngine.segment with the real MediaPipe Selfie model: people in a party photo are found, one
 * of them can be kept alone, a drawing with nobody in it gives an (almost) empty mask, bad bytes
 * are refused like analysis refuses them, and repeated runs leave the tensor count where it was.
 */
import { afterAll, assert, describe, expect, it } from 'vitest';
import { createFaceEngine, FaceInputError } from '../src/index.js';
import { facelessImage, partyPhoto } from './engine-fixture.js';

const share = (alpha: Uint8Array) => alpha.reduce((n, a) => n + (a >= 128 ? 1 : 0), 0) / alpha.length;

describe('person segmentation', () => {
  const engine = createFaceEngine({ poolSize: 1 });
  afterAll(() => engine.close());

  it('finds the people of a party photo and keeps only the chosen one', { timeout: 180_000 }, async () => {
    const photo = partyPhoto(6);
    const { faces } = await engine.analyse(photo);
    expect(faces.length).toBeGreaterThanOrEqual(4);
    const everyone = await engine.segment(photo);
    expect(everyone.box).toBeNull();
    expect(everyone.alpha).toHaveLength(everyone.width * everyone.height);
    expect(Math.max(everyone.width, everyone.height)).toBe(1024);
    expect(share(everyone.alpha)).toBeGreaterThan(0.25);

    const boxes = faces.map((f) => f.box);
    const keep = boxes.reduce((best, b, i) => (b.x < (boxes[best]?.x ?? Infinity) ? i : best), 0); // the leftmost person
    const one = await engine.segment(photo, { faces: boxes, keep });
    expect(one.box).not.toBeNull();
    expect(share(one.alpha)).toBeLessThan(share(everyone.alpha) / 2);
    // The kept region lies around the chosen face (mask px = original px / scale).
    const face = boxes[keep];
    assert(face, 'the photo has faces');
    const cx = (face.x + face.width / 2) / one.scale;
    expect(one.box!.x).toBeLessThan(cx);
    expect(one.box!.x + one.box!.width).toBeGreaterThan(cx);
    // No other face's centre is inside the kept person.
    for (const [i, b] of boxes.entries()) {
      if (i === keep) continue;
      const x = Math.round((b.x + b.width / 2) / one.scale);
      const y = Math.round((b.y + b.height / 2) / one.scale);
      expect(one.alpha[y * one.width + x]).toBeLessThan(128);
    }
  });

  it('gives an almost empty mask for a picture with nobody in it', { timeout: 120_000 }, async () => {
    const r = await engine.segment(await facelessImage());
    expect(share(r.alpha)).toBeLessThan(0.02);
  });

  it('refuses bytes that are not an image, and a person index outside the faces', async () => {
    await expect(engine.segment(new Uint8Array([1, 2, 3]))).rejects.toBeInstanceOf(FaceInputError);
    await expect(engine.segment(partyPhoto(1), { faces: [], keep: 0 })).rejects.toBeInstanceOf(RangeError);
  });

  it('keeps the tensor count flat over repeated segmentations', { timeout: 180_000 }, async () => {
    const photo = partyPhoto(3);
    const { faces } = await engine.analyse(photo);
    await engine.segment(photo); // the first segmentation in a worker loads the model's weights
    const before = await engine.workerStats();
    for (let i = 0; i < 10; i++) await engine.segment(photo, { faces: faces.map((f) => f.box), keep: i % faces.length });
    expect((await engine.workerStats()).numTensors).toBe(before.numTensors);
  });
});
