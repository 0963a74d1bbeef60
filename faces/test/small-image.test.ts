/**
 * Small face crops (a 150 px image the face fills, like set C's labelled photos or a cropped
 * avatar): one face each, boxed inside the image. Without padding, blazeface found no face in
 * some of these crops, and two or three overlapping boxes of one face in 9 of set C's 46 photos
 * (false "same-photo" pairs that capped the calibrated threshold, docs/face-calibration.md).
 */
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFaceEngine, type FaceAnalysis } from '../src/index.js';
import { partyPhoto } from './engine-fixture.js';

describe('small face crops', () => {
  const engine = createFaceEngine({ poolSize: 1 });
  const crops: FaceAnalysis[] = [];
  beforeAll(async () => {
    for (const n of [1, 2, 3, 4, 5, 6]) {
      const photo = partyPhoto(n);
      const { faces } = await engine.analyse(photo);
      const { width = 0, height = 0 } = await sharp(photo).metadata();
      for (const { box } of faces) {
        // The face fills the crop: Human's box shrunk to 80% around its centre, made 150 × 150 px.
        const side = Math.round(Math.min(box.width, box.height) * 0.8);
        const left = Math.max(0, Math.min(width - side, Math.round(box.x + (box.width - side) / 2)));
        const top = Math.max(0, Math.min(height - side, Math.round(box.y + (box.height - side) / 2)));
        const crop = await sharp(photo).extract({ left, top, width: side, height: side }).resize(150, 150).png().toBuffer();
        crops.push(await engine.analyse(crop));
      }
    }
  }, 170_000);
  afterAll(() => engine.close());

  it('finds exactly one face in each crop', () => {
    expect(crops.length).toBe(22);
    expect(crops.map((c) => c.faces.length)).toEqual(crops.map(() => 1));
  });

  it('boxes it inside the crop, in the crop’s pixels', () => {
    for (const [face] of crops.map((c) => c.faces)) {
      if (!face) continue; // counted by the test above
      const { box, landmarks } = face;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(150.01);
      expect(box.y + box.height).toBeLessThanOrEqual(150.01);
      expect(landmarks.noseTip.x).toBeGreaterThan(0);
      expect(landmarks.noseTip.x).toBeLessThan(150);
    }
  });
});
