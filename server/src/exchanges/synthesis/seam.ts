/**
 * Figures that tell a pasted-in person from one who was there: measured on the composite itself.
 *
 * - Seam figure: mean gradient energy (|∇L|², Sobel on Rec. 709 luma) on the matte's boundary
 *   (pixels at or above 50% alpha with a 4-neighbour below it) ÷ the median gradient energy of the
 *   whole image. A hard cut or a halo makes the boundary far busier than the photo's usual texture;
 *   a natural person's outline is busier too, but much less. Lower is better.
 * - Repeated columns: columns (nearly) equal to their left neighbour, the mark of a canvas widened
 *   with stretched pixels. A photo has almost none.
 */

/** Sobel gradient energy of the luma of interleaved pixels; borders are 0. */
export function gradientEnergy(pixels: Uint8Array, width: number, height: number, channels: number): Float32Array {
  const lum = new Float32Array(width * height);
  for (let i = 0, j = 0; i < lum.length; i++, j += channels) lum[i] = 0.2126 * pixels[j] + 0.7152 * pixels[j + 1] + 0.0722 * pixels[j + 2];
  const e = new Float32Array(width * height);
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const i = y * width + x;
      const gx = lum[i - width + 1] + 2 * lum[i + 1] + lum[i + width + 1] - lum[i - width - 1] - 2 * lum[i - 1] - lum[i + width - 1];
      const gy =
        lum[i + width - 1] + 2 * lum[i + width] + lum[i + width + 1] - lum[i - width - 1] - 2 * lum[i - width] - lum[i - width + 1];
      e[i] = (gx * gx + gy * gy) / 16;
    }
  }
  return e;
}

/**
 * @param pixels the composite, interleaved (RGB or RGBA), `width × height`.
 * @param matte the pasted person's alpha on that canvas, 0..255, same size.
 * @returns the seam figure (dimensionless; ~1 would be "as busy as a median pixel"); NaN when the matte has no boundary.
 */
export function seamFigure(pixels: Uint8Array, width: number, height: number, channels: number, matte: Uint8Array): number {
  const e = gradientEnergy(pixels, width, height, channels);
  let sum = 0;
  let n = 0;
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const i = y * width + x;
      if (matte[i] < 128) continue;
      if (matte[i - 1] < 128 || matte[i + 1] < 128 || matte[i - width] < 128 || matte[i + width] < 128) {
        sum += e[i];
        n++;
      }
    }
  }
  if (!n) return NaN;
  // Median by a 4096-bin histogram over the energy's range (exact enough, no sort of millions).
  let max = 0;
  for (let i = 0; i < e.length; i++) if (e[i] > max) max = e[i];
  const bins = new Uint32Array(4096);
  const scale = max > 0 ? 4095 / Math.sqrt(max) : 0;
  for (let i = 0; i < e.length; i++) bins[Math.floor(Math.sqrt(e[i]) * scale)]++;
  let seen = 0;
  let median = 0;
  for (let b = 0; b < bins.length; b++) {
    seen += bins[b];
    if (seen >= e.length / 2) {
      median = ((b + 0.5) / scale) ** 2;
      break;
    }
  }
  return sum / n / Math.max(median, 1);
}

/**
 * Columns whose pixels differ from the column to their left by less than `tolerance` on average
 * (per channel, 0..255): stretched or repeated edge pixels.
 */
export function repeatedColumns(pixels: Uint8Array, width: number, height: number, channels: number, tolerance = 0.75): number {
  let count = 0;
  for (let x = 1; x < width; x++) {
    let diff = 0;
    for (let y = 0; y < height; y++) {
      const j = (y * width + x) * channels;
      for (let c = 0; c < 3; c++) diff += Math.abs(pixels[j + c] - pixels[j - channels + c]);
    }
    if (diff / (height * 3) < tolerance) count++;
  }
  return count;
}
