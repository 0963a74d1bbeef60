/**
 * The guided filter (K. He, J. Sun, X. Tang, "Guided Image Filtering", ECCV 2010 / TPAMI 2013),
 * used to snap a coarse segmentation mask onto the photo's real edges: the output is locally a linear
 * function of the guide (q = a·I + b in every window), so where the photo has an edge the mask gets
 * one, and where the photo is flat the mask stays flat. Grey guide, O(1) box means per pixel
 * (running sums, separable), Float32 on raw pixels.
 */

/** Mean over a (2r+1)² window, clamped at the borders (divides by the window's in-image area). */
export function boxMean(src: Float32Array, width: number, height: number, r: number): Float32Array {
  const tmp = new Float32Array(src.length);
  const out = new Float32Array(src.length);
  // Horizontal pass: running sum along each row.
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let sum = 0;
    for (let x = 0; x <= Math.min(r, width - 1); x++) sum += src[row + x];
    for (let x = 0; x < width; x++) {
      const lo = x - r - 1;
      const hi = x + r;
      if (x > 0 && hi < width) sum += src[row + hi];
      if (x > 0 && lo >= 0) sum -= src[row + lo];
      tmp[row + x] = sum / (Math.min(width - 1, hi) - Math.max(0, x - r) + 1);
    }
  }
  // Vertical pass over the row means.
  for (let x = 0; x < width; x++) {
    let sum = 0;
    for (let y = 0; y <= Math.min(r, height - 1); y++) sum += tmp[y * width + x];
    for (let y = 0; y < height; y++) {
      const lo = y - r - 1;
      const hi = y + r;
      if (y > 0 && hi < height) sum += tmp[hi * width + x];
      if (y > 0 && lo >= 0) sum -= tmp[lo * width + x];
      out[y * width + x] = sum / (Math.min(height - 1, hi) - Math.max(0, y - r) + 1);
    }
  }
  return out;
}

/**
 * @param guide grey guide image, 0..1, `width × height`.
 * @param p the input to filter (here a 0..1 mask), same size.
 * @param r window radius, px.
 * @param eps regularisation (variance units of the guide, 0..1²): larger gives a smoother, less edge-bound result.
 * @returns q, same size, about 0..1 (may overshoot slightly; clamp downstream).
 */
export function guidedFilter(guide: Float32Array, p: Float32Array, width: number, height: number, r: number, eps: number): Float32Array {
  const n = width * height;
  const ip = new Float32Array(n);
  const ii = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    ip[i] = guide[i] * p[i];
    ii[i] = guide[i] * guide[i];
  }
  const meanI = boxMean(guide, width, height, r);
  const meanP = boxMean(p, width, height, r);
  const corrIp = boxMean(ip, width, height, r);
  const corrII = boxMean(ii, width, height, r);
  const a = ip; // reuse buffers
  const b = ii;
  for (let i = 0; i < n; i++) {
    const varI = corrII[i] - meanI[i] * meanI[i];
    const covIp = corrIp[i] - meanI[i] * meanP[i];
    a[i] = covIp / (varI + eps);
    b[i] = meanP[i] - a[i] * meanI[i];
  }
  const meanA = boxMean(a, width, height, r);
  const meanB = boxMean(b, width, height, r);
  const q = new Float32Array(n);
  for (let i = 0; i < n; i++) q[i] = meanA[i] * guide[i] + meanB[i];
  return q;
}

/** Rec. 709 luma of interleaved RGB(A) bytes as 0..1 floats. */
export function greyOf(pixels: Uint8Array, width: number, height: number, channels: number): Float32Array {
  const n = width * height;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const j = i * channels;
    out[i] = (0.2126 * pixels[j] + 0.7152 * pixels[j + 1] + 0.0722 * pixels[j + 2]) / 255;
  }
  return out;
}
