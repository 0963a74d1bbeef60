/** The viewer's zoom and pan arithmetic (web/src/lib/zoom-math.ts). */
import { describe, expect, it } from 'vitest';
import { clampScale, clampView, FITTED, MAX_SCALE, spread, wheelFactor, zoomAt, type ZoomFrame } from '../src/lib/zoom-math';

// An 800 × 500 photo fitted in a 1000 × 600 stage, its centre 18 px below the stage's (asymmetric padding).
const frame: ZoomFrame = { photoWidth: 800, photoHeight: 500, stageWidth: 1000, stageHeight: 600, offset: { x: 0, y: 18 } };

describe('zoom and pan', () => {
  it('keeps the point under the cursor in place while zooming', () => {
    const at = { x: 200, y: -100 };
    const v = zoomAt(FITTED, 2, at);
    // The photo point at `at` sat at (at - t) / s from the photo centre before and after.
    expect((at.x - v.x) / v.scale).toBeCloseTo(at.x, 6);
    expect((at.y - v.y) / v.scale).toBeCloseTo(at.y, 6);
  });

  it('keeps a fitted photo where it is and stops a zoomed one at the stage edges', () => {
    expect(clampView({ scale: 1, x: 300, y: -40 }, frame)).toEqual(FITTED);
    // At 2×: 1600 × 1000 px, so 300 px of slack each side across, 200 px down and up (less the 18 px offset).
    expect(clampView({ scale: 2, x: 5000, y: 5000 }, frame)).toEqual({ scale: 2, x: 300, y: 182 });
    expect(clampView({ scale: 2, x: -5000, y: -5000 }, frame)).toEqual({ scale: 2, x: -300, y: -218 });
    expect(clampView({ scale: 2, x: 120, y: -30 }, frame)).toEqual({ scale: 2, x: 120, y: -30 });
  });

  it('holds the scale between fitted and the maximum', () => {
    expect(clampScale(0.2)).toBe(1);
    expect(clampScale(99)).toBe(MAX_SCALE);
    expect(clampView({ scale: 0.5, x: 0, y: 0 }, frame).scale).toBe(1);
  });

  it('zooms the wheel exponentially: in then out by the same delta is where it started', () => {
    expect(wheelFactor(-100, 0)).toBeGreaterThan(1);
    expect(wheelFactor(-100, 0) * wheelFactor(100, 0)).toBeCloseTo(1, 12);
    expect(wheelFactor(3, 1)).toBeCloseTo(wheelFactor(48, 0), 12);
  });

  it('measures two fingers', () => {
    expect(spread({ x: 0, y: 0 }, { x: 30, y: 40 })).toEqual({ distance: 50, mid: { x: 15, y: 20 } });
  });
});
