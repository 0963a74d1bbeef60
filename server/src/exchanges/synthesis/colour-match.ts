/**
 * Colour match of the pasted person to the scene: mean and variance transfer in CIE L*a*b*
 * (E. Reinhard et al., "Color Transfer between Images", IEEE CG&A 2001), on raw pixels.
 * sRGB ↔ XYZ (D65) by IEC 61966-2-1, XYZ ↔ Lab by CIE 15. Applied partly (STRENGTH), and the
 * spread clamped, because two photos rightly differ a little: people in the shade stay darker,
 * a red dress stays red.
 */

/** Mean and standard deviation of L*, a*, b*. */
export interface LabStats {
  mean: [number, number, number];
  std: [number, number, number];
}

/**
 * How far towards the scene's statistics per channel (0 = untouched, 1 = full Reinhard transfer):
 * lightness mostly (the light differs between two places), colour a little (a white-balance cast,
 * not the colour of someone's clothes).
 */
const STRENGTH = [0.6, 0.35, 0.35];
/** Largest mean shift per channel, Lab units. */
const MAX_SHIFT = [15, 6, 6];
/** Spread ratio kept within this range (beyond it noise and posterisation show). */
const SPREAD_MIN = 0.75;
const SPREAD_MAX = 1.35;

const WHITE = [0.95047, 1, 1.08883];
const toLinear = new Float32Array(256).map((_, v) => {
  const c = v / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
});
const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : (t * 24389) / 27 / 116 + 16 / 116);
const fInv = (t: number) => (t > 6 / 29 ? t * t * t : (116 * t - 16) / (24389 / 27));
const toByte = (c: number) => {
  const v = c <= 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055;
  return v <= 0 ? 0 : v >= 1 ? 255 : Math.round(v * 255);
};

/** sRGB bytes → L*a*b*. */
export function rgbToLab(r: number, g: number, b: number): [number, number, number] {
  const R = toLinear[r];
  const G = toLinear[g];
  const B = toLinear[b];
  const x = f((0.4124564 * R + 0.3575761 * G + 0.1804375 * B) / WHITE[0]);
  const y = f(0.2126729 * R + 0.7151522 * G + 0.072175 * B);
  const z = f((0.0193339 * R + 0.119192 * G + 0.9503041 * B) / WHITE[2]);
  return [116 * y - 16, 500 * (x - y), 200 * (y - z)];
}

/** L*a*b* → sRGB bytes (clipped to the gamut). */
export function labToRgb(L: number, a: number, bb: number): [number, number, number] {
  const fy = (L + 16) / 116;
  const X = fInv(fy + a / 500) * WHITE[0];
  const Y = fInv(fy);
  const Z = fInv(fy - bb / 200) * WHITE[2];
  return [
    toByte(3.2404542 * X - 1.5371385 * Y - 0.4985314 * Z),
    toByte(-0.969266 * X + 1.8760108 * Y + 0.041556 * Z),
    toByte(0.0556434 * X - 0.2040259 * Y + 1.0572252 * Z),
  ];
}

/**
 * Lab statistics of interleaved pixels, weighted by `weight` (0..255 per pixel, e.g. a matte);
 * every `step`-th pixel (speed: statistics need no more). Null when the weights sum to ~0.
 */
export function labStats(pixels: Uint8Array, channels: number, weight: Uint8Array | null, step = 3): LabStats | null {
  const n = pixels.length / channels;
  const s = [0, 0, 0];
  const s2 = [0, 0, 0];
  let w = 0;
  for (let i = 0; i < n; i += step) {
    const wi = weight ? weight[i] / 255 : 1;
    if (wi < 0.5) continue;
    const j = i * channels;
    const lab = rgbToLab(pixels[j], pixels[j + 1], pixels[j + 2]);
    for (let c = 0; c < 3; c++) {
      s[c] += lab[c];
      s2[c] += lab[c] * lab[c];
    }
    w++;
  }
  if (w < 16) return null;
  const mean = s.map((v) => v / w) as [number, number, number];
  const std = s2.map((v, c) => Math.sqrt(Math.max(1e-6, v / w - mean[c] ** 2))) as [number, number, number];
  return { mean, std };
}

/**
 * Moves the person's colours towards the scene's in place: per Lab channel,
 * x' = μp + (x − μp)·(1 + s·(k − 1)) + clamp(s·(μs − μp)), s = STRENGTH, k = σs/σp clamped to
 * [SPREAD_MIN, SPREAD_MAX], the shift clamped to ±MAX_SHIFT.
 * @param rgba the person's layer, interleaved RGBA bytes (alpha untouched).
 * @returns the per-channel spread ratios and mean shifts applied (for the record).
 */
export function matchColours(rgba: Uint8Array, person: LabStats, scene: LabStats): { k: number[]; shift: number[] } {
  const k = [0, 1, 2].map((c) => Math.min(SPREAD_MAX, Math.max(SPREAD_MIN, scene.std[c] / person.std[c])));
  const gain = k.map((kc, c) => 1 + STRENGTH[c] * (kc - 1));
  const shift = [0, 1, 2].map((c) => Math.min(MAX_SHIFT[c], Math.max(-MAX_SHIFT[c], STRENGTH[c] * (scene.mean[c] - person.mean[c]))));
  const cache = new Map<number, number>();
  for (let j = 0; j < rgba.length; j += 4) {
    if (rgba[j + 3] === 0) continue;
    const key = (rgba[j] << 16) | (rgba[j + 1] << 8) | rgba[j + 2];
    let out = cache.get(key);
    if (out === undefined) {
      const lab = rgbToLab(rgba[j], rgba[j + 1], rgba[j + 2]);
      const t = lab.map((x, c) => person.mean[c] + (x - person.mean[c]) * gain[c] + shift[c]);
      const [r, g, b] = labToRgb(Math.min(100, Math.max(0, t[0])), t[1], t[2]);
      out = (r << 16) | (g << 8) | b;
      if (cache.size < 1 << 18) cache.set(key, out);
    }
    rgba[j] = out >> 16;
    rgba[j + 1] = (out >> 8) & 255;
    rgba[j + 2] = out & 255;
  }
  return { k, shift };
}
