/** Synthesis mode's matte, colour match and seam figures on synthetic pixels (pure functions). */
import { describe, expect, it } from 'vitest';
import { buildMatte, matteSoftness } from '../../src/exchanges/synthesis/matte.js';
import { labStats, matchColours } from '../../src/exchanges/synthesis/colour-match.js';
import { repeatedColumns, seamFigure } from '../../src/exchanges/synthesis/seam.js';

const W = 200;
const H = 240;
/** A textured background (deterministic noise) with a flat-ish "person" ellipse in the middle. */
function scene() {
  const rgb = new Uint8Array(W * H * 3);
  const inside = new Uint8Array(W * H);
  let s = 7;
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      s = (s * 1103515245 + 12345) & 0x7fffffff;
      const i = y * W + x;
      inside[i] = ((x - 100) / 50) ** 2 + ((y - 130) / 90) ** 2 < 1 ? 1 : 0;
      const v = inside[i] ? 200 : 60 + (s % 40);
      rgb.set([v, inside[i] ? 150 : v, inside[i] ? 120 : v], i * 3);
    }
  return { rgb, inside };
}

describe('buildMatte', () => {
  it('is opaque inside the person and soft only at the edge, even where the model was unsure (no ghost)', () => {
    const { rgb, inside } = scene();
    // The model's alpha: only 55–70% sure inside (what makes a see-through cut-out), 0 outside, blocky edge.
    const mask = new Uint8Array(W * H);
    for (let i = 0; i < mask.length; i++) mask[i] = inside[i] ? 140 + (i % 40) : 0;
    const alpha = buildMatte(rgb, mask, W, H);
    expect(alpha[130 * W + 100]).toBe(255);
    expect(alpha[10 * W + 10]).toBe(0);
    let interior = 0;
    let opaque = 0;
    for (let y = 0; y < H; y++)
      for (let x = 0; x < W; x++) {
        const d = ((x - 100) / 50) ** 2 + ((y - 130) / 90) ** 2;
        if (d < 0.8) {
          interior++;
          if (alpha[y * W + x] >= 250) opaque++;
        }
      }
    expect(opaque / interior).toBeGreaterThan(0.99);
    const soft = matteSoftness(alpha, W, H, 4);
    expect(soft.soft).toBeGreaterThan(0); // a feathered edge, not a hard cut
    expect(soft.softAwayFromEdge).toBe(0);
  });
});

describe('matchColours', () => {
  it('moves the person’s Lab mean towards the scene’s, partly', () => {
    const person = new Uint8Array(64 * 4).map((_, i) => (i % 4 === 3 ? 255 : 60 + (i % 7)));
    const sceneRgb = new Uint8Array(64 * 3).map((_, i) => 160 + (i % 5));
    const before = labStats(person, 4, null, 1)!;
    const target = labStats(sceneRgb, 3, null, 1)!;
    matchColours(person, before, target);
    const after = labStats(person, 4, null, 1)!;
    expect(after.mean[0]).toBeGreaterThan(before.mean[0] + 5);
    expect(after.mean[0]).toBeLessThan(target.mean[0]);
    expect(person[3]).toBe(255);
  });
});

describe('seam figures', () => {
  it('rate a hard paste above a feathered one, and count stretched columns', () => {
    const { rgb: bg } = scene();
    const matte = new Uint8Array(W * H);
    const hard = new Uint8Array(bg);
    const soft = new Uint8Array(bg);
    for (let y = 0; y < H; y++)
      for (let x = 0; x < W; x++) {
        const i = y * W + x;
        const d = Math.hypot(x - 100, y - 120) - 60; // px outside a disc
        matte[i] = d < 0 ? 255 : 0;
        const a = Math.min(1, Math.max(0, 0.5 - d / 6));
        for (let c = 0; c < 3; c++) {
          hard[i * 3 + c] = d < 0 ? 240 : bg[i * 3 + c];
          soft[i * 3 + c] = Math.round(bg[i * 3 + c] + a * (240 - bg[i * 3 + c]));
        }
      }
    expect(seamFigure(hard, W, H, 3, matte)).toBeGreaterThan(2 * seamFigure(soft, W, H, 3, matte));
    expect(repeatedColumns(bg, W, H, 3)).toBe(0);
    // Widen by 30 columns of the stretched edge column.
    const wide = new Uint8Array((W + 30) * H * 3);
    for (let y = 0; y < H; y++)
      for (let x = 0; x < W + 30; x++)
        wide.set(bg.subarray((y * W + Math.max(0, x - 30)) * 3, (y * W + Math.max(0, x - 30)) * 3 + 3), (y * (W + 30) + x) * 3);
    expect(repeatedColumns(wide, W + 30, H, 3)).toBeGreaterThanOrEqual(30);
  });
});
