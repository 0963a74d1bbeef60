/**
 * The responder's person as an RGBA layer, built with sharp (libvips, off the event loop): the
 * person box cropped from the oriented photo at the placement's scale, the segmentation mask as
 * alpha (halo trimmed, edge feathered), brightness matched to the scene behind it.
 */
import sharp, { type Sharp } from 'sharp';
import type { Box, PersonSegmentation } from '@kith/faces';

/** Rec. 709 luma of mean R, G, B (0..255). */
const luma = (r: number, g: number, b: number) => 0.2126 * r + 0.7152 * g + 0.0722 * b;

/**
 * Brightness gain never beyond these: a dark selfie pasted into a sunny scene is lifted, not
 * blown out (beyond ±60% the picture's noise and clipping show).
 */
const GAIN_MIN = 0.6;
const GAIN_MAX = 1.6;

export interface CutOut {
  /** Raw RGBA, `width × height × 4` bytes. */
  data: Buffer;
  width: number;
  height: number;
  /** Applied brightness gain (1 = unchanged). */
  gain: number;
}

/** The person's box in oriented original px (mask box × mask scale), clamped to the image. */
export function personBoxOf(seg: PersonSegmentation): Box {
  const b = seg.box!;
  const x = Math.max(0, Math.floor(b.x * seg.scale));
  const y = Math.max(0, Math.floor(b.y * seg.scale));
  const right = Math.min(seg.originalWidth, Math.ceil((b.x + b.width) * seg.scale));
  const bottom = Math.min(seg.originalHeight, Math.ceil((b.y + b.height) * seg.scale));
  return { x, y, width: Math.max(1, right - x), height: Math.max(1, bottom - y) };
}

/** Mean luma of the opaque part of an RGBA layer (alpha-weighted), 0..255; null when fully transparent. */
async function personLuma(rgba: Buffer, width: number, height: number): Promise<number | null> {
  const raw = { width, height, channels: 4 as const };
  const [flat, alpha] = await Promise.all([
    sharp(rgba, { raw }).flatten({ background: '#000000' }).stats(),
    sharp(rgba, { raw }).extractChannel(3).stats(),
  ]);
  const coverage = alpha.channels[0].mean / 255;
  if (coverage < 1e-3) return null;
  const [r, g, b] = flat.channels.map((c) => c.mean / coverage);
  return luma(r, g, b);
}

/**
 * @param responder the responder's encoded photo.
 * @param seg its segmentation (box non-null), mask at analysis size.
 * @param scale placement scale (cut-out px per original px).
 * @param sceneLuma mean luma (0..255) of the scene where the person goes.
 * @param limitInputPixels sharp's decompression-bomb limit.
 */
export async function buildCutOut(
  responder: Uint8Array,
  seg: PersonSegmentation,
  scale: number,
  sceneLuma: number,
  limitInputPixels: number,
): Promise<CutOut> {
  const box = personBoxOf(seg);
  const width = Math.max(1, Math.round(box.width * scale));
  const height = Math.max(1, Math.round(box.height * scale));
  const maskBox = seg.box!;
  // Feather about 0.4% of the person's height (2–3 px on a 600 px tall person): enough to hide the
  // mask's stair-steps and the straight seams between people, not so much that the person looks glued on.
  const sigma = Math.max(0.6, height * 0.004);
  const [rgb, alpha] = await Promise.all([
    sharp(responder, { limitInputPixels })
      .rotate()
      .extract({ left: box.x, top: box.y, width: box.width, height: box.height })
      .resize(width, height, { fit: 'fill' })
      .removeAlpha()
      .toColourspace('srgb')
      .raw()
      .toBuffer(),
    sharp(Buffer.from(seg.alpha.buffer, seg.alpha.byteOffset, seg.alpha.byteLength), {
      raw: { width: seg.width, height: seg.height, channels: 1 },
    })
      .extract({ left: maskBox.x, top: maskBox.y, width: maskBox.width, height: maskBox.height })
      .resize(width, height, { fit: 'fill', kernel: 'linear' })
      // Trim the halo: the model's soft edge includes a rim of background, alpha below ~25% goes.
      .linear(1.33, -85)
      .blur(sigma)
      // libvips turns a one-band image into sRGB on output: keep one band, as bytes.
      .extractChannel(0)
      .raw({ depth: 'uchar' })
      .toBuffer(),
  ]);
  const rgba = await sharp(rgb, { raw: { width, height, channels: 3 } })
    .joinChannel(alpha, { raw: { width, height, channels: 1 } })
    .raw()
    .toBuffer();
  const own = await personLuma(rgba, width, height);
  // Partial correction (exponent 0.7): people in the shade of a bright scene should stay a little darker.
  const gain = own ? Math.min(GAIN_MAX, Math.max(GAIN_MIN, (Math.max(sceneLuma, 1) / Math.max(own, 1)) ** 0.7)) : 1;
  if (Math.abs(gain - 1) < 0.02) return { data: rgba, width, height, gain: 1 };
  const data = await sharp(rgba, { raw: { width, height, channels: 4 } })
    // Gain on R, G, B only; alpha untouched.
    .linear([gain, gain, gain, 1], [0, 0, 0, 0])
    .raw({ depth: 'uchar' })
    .toBuffer();
  return { data, width, height, gain };
}

/** Mean luma (0..255) of a region of a raw-decodable image, clamped to its bounds. */
export async function regionLuma(image: Sharp, size: { width: number; height: number }, region: Box): Promise<number> {
  const x = Math.max(0, Math.min(size.width - 1, Math.round(region.x)));
  const y = Math.max(0, Math.min(size.height - 1, Math.round(region.y)));
  const w = Math.max(1, Math.min(size.width - x, Math.round(region.width)));
  const h = Math.max(1, Math.min(size.height - y, Math.round(region.height)));
  const stats = await image.clone().extract({ left: x, top: y, width: w, height: h }).stats();
  const [r, g, b] = stats.channels.map((c: { mean: number }) => c.mean);
  return luma(r, g, b ?? r);
}
