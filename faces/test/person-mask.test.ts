/**
 * isolatePerson on synthetic masks: two people whose silhouettes touch are told apart by their
 * faces, a far-away blob is dropped, and a face with no foreground under it gives null.
 */
import { describe, expect, it } from 'vitest';
import { isolatePerson } from '../src/person-mask.js';

const W = 200;
const H = 120;
/** A mask with filled rectangles (alpha 255) and a soft 1-px rim (alpha 60) around each. */
function mask(rects: [number, number, number, number][]): Uint8Array {
  const a = new Uint8Array(W * H);
  for (const [x0, y0, x1, y1] of rects) {
    for (let y = y0 - 1; y <= y1 + 1; y++)
      for (let x = x0 - 1; x <= x1 + 1; x++) {
        if (x < 0 || y < 0 || x >= W || y >= H) continue;
        const inside = x >= x0 && x <= x1 && y >= y0 && y <= y1;
        a[y * W + x] = Math.max(a[y * W + x] ?? 0, inside ? 255 : 60);
      }
  }
  return a;
}
const at = (a: Uint8Array, x: number, y: number) => a[y * W + x];

describe('isolatePerson', () => {
  // Two people shoulder to shoulder (one blob from x 20 to 99) and a third alone at x 150.
  const alpha = mask([
    [20, 30, 99, 119],
    [150, 30, 180, 119],
  ]);
  const faces = [
    { x: 30, y: 10, width: 20, height: 20 },
    { x: 70, y: 10, width: 20, height: 20 },
    { x: 155, y: 10, width: 20, height: 20 },
  ];

  it('keeps only the chosen one of two touching people, soft rim included', () => {
    const p = isolatePerson(alpha, W, H, faces, 0)!;
    expect(at(p.alpha, 30, 80)).toBe(255);
    expect(at(p.alpha, 85, 80)).toBe(0); // the neighbour's side of the blob
    expect(at(p.alpha, 160, 80)).toBe(0); // the person standing apart
    expect(at(p.alpha, 19, 80)).toBe(60); // the model's soft edge stays
    expect(p.box.x).toBeLessThanOrEqual(19);
    expect(p.box.x + p.box.width).toBeLessThanOrEqual(64); // seam at x 60 (between the faces) + the 3 px fringe
  });

  it('keeps the person standing apart when chosen', () => {
    const p = isolatePerson(alpha, W, H, faces, 2)!;
    expect(at(p.alpha, 165, 80)).toBe(255);
    expect(at(p.alpha, 30, 80)).toBe(0);
  });

  it('gives null when nobody is under the chosen face', () => {
    expect(isolatePerson(mask([[150, 30, 180, 119]]), W, H, [{ x: 20, y: 10, width: 20, height: 20 }], 0)).toBeNull();
  });

  it('refuses a face index out of range', () => {
    expect(() => isolatePerson(alpha, W, H, faces, 3)).toThrow(RangeError);
  });
});
