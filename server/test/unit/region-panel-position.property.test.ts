/**
 * The region-share overlay's panel placement (embed/src/geometry.ts `panelPosition`): wherever the image
 * is, even partly or wholly off screen, a panel that fits the viewport lands entirely inside it, and it
 * goes below the image whenever there is room there (the reading order of the page).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { panelPosition } from '@kith/embed/geometry';

const GAP = 10;
const viewport = fc.record({ width: fc.integer({ min: 320, max: 2560 }), height: fc.integer({ min: 480, max: 1600 }) });
const box = fc.record({
  x: fc.integer({ min: -2000, max: 2500 }),
  y: fc.integer({ min: -3000, max: 3000 }),
  width: fc.integer({ min: 1, max: 2000 }),
  height: fc.integer({ min: 1, max: 2000 }),
});

describe('region-share panel position', () => {
  it('keeps a panel that fits the viewport entirely inside it', () => {
    fc.assert(
      fc.property(viewport, box, fc.integer({ min: 200, max: 440 }), fc.integer({ min: 120, max: 320 }), (vp, b, pw, ph) => {
        fc.pre(pw <= vp.width - 2 * GAP && ph <= vp.height - 2 * GAP);
        const { top, left } = panelPosition(b, { width: pw, height: ph }, vp);
        const y = b.y + top;
        const x = b.x + left;
        expect(y).toBeGreaterThanOrEqual(GAP);
        expect(y + ph).toBeLessThanOrEqual(vp.height - GAP);
        expect(x).toBeGreaterThanOrEqual(GAP);
        expect(x + pw).toBeLessThanOrEqual(vp.width - GAP);
      }),
    );
  });

  it('puts it just below the image when it fits there', () => {
    // A 400×400 image at the top of a 1280×800 viewport: a 230 px panel fits below.
    expect(panelPosition({ x: 190, y: 100, width: 400, height: 400 }, { width: 400, height: 230 }, { width: 1280, height: 800 })).toEqual({
      top: 410,
      left: 0,
    });
    // The same image lower down: above it.
    expect(panelPosition({ x: 190, y: 380, width: 400, height: 400 }, { width: 400, height: 230 }, { width: 1280, height: 800 })).toEqual({
      top: -240,
      left: 0,
    });
  });
});
