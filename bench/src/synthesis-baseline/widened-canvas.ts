/**
 * A scene too narrow for the newcomer is widened (placement.ts says by how much, px). The added
 * strips must not repeat the scene's content (a mirrored copy shows its people again) nor streak
 * (stretched edge columns): each is a soft vertical gradient of the colours near that edge, like an
 * out-of-focus wall, and the seam is blurred so no hard line shows. The person stands in front of it.
 */
import sharp, { type OverlayOptions, type Sharp } from 'sharp';

/** Colour samples down the strip (more gives bands of the scene's content, fewer a flat fill). */
const GRADIENT_STEPS = 12;
/** Half width of the blurred band across each seam, px. */
const SEAM = 24;

/** A soft gradient `width × height` px from the colours of the scene's outer quarter on one side. */
async function gradientStrip(rgb: Buffer, size: { width: number; height: number }, width: number, fromLeft: boolean) {
  const raw = { width: size.width, height: size.height, channels: 3 as const };
  const src = Math.max(1, Math.round(size.width / 4));
  const tiny = await sharp(rgb, { raw })
    .extract({ left: fromLeft ? 0 : size.width - src, top: 0, width: src, height: size.height })
    .resize(1, GRADIENT_STEPS, { fit: 'fill' })
    .raw()
    .toBuffer();
  return sharp(tiny, { raw: { width: 1, height: GRADIENT_STEPS, channels: 3 } })
    .resize(width, size.height, { fit: 'fill' })
    .raw()
    .toBuffer();
}

/**
 * @param rgb the scene, raw RGB `size.width × size.height`.
 * @returns the (possibly widened) canvas as a sharp pipeline over raw RGB.
 */
export async function widenedCanvas(
  rgb: Buffer,
  size: { width: number; height: number },
  extendLeft: number,
  extendRight: number,
): Promise<Sharp> {
  const raw = { width: size.width, height: size.height, channels: 3 as const };
  if (!extendLeft && !extendRight) return sharp(rgb, { raw });
  const width = size.width + extendLeft + extendRight;
  const strips: OverlayOptions[] = [];
  const strip = (w: number) => ({ width: w, height: size.height, channels: 3 as const });
  if (extendLeft) strips.push({ input: await gradientStrip(rgb, size, extendLeft, true), raw: strip(extendLeft), left: 0, top: 0 });
  if (extendRight)
    strips.push({
      input: await gradientStrip(rgb, size, extendRight, false),
      raw: strip(extendRight),
      left: extendLeft + size.width,
      top: 0,
    });
  const flat = await sharp({ create: { width, height: size.height, channels: 3, background: '#000000' } })
    .composite([...strips, { input: rgb, raw, left: extendLeft, top: 0 }])
    .removeAlpha()
    .raw()
    .toBuffer();
  const full = { width, height: size.height, channels: 3 as const };
  const seams = [extendLeft ? extendLeft : -1, extendRight ? extendLeft + size.width : -1].filter((x) => x >= 0);
  const bands: OverlayOptions[] = [];
  for (const x of seams) {
    const left = Math.max(0, x - SEAM);
    const w = Math.min(width, x + SEAM) - left;
    const band = await sharp(flat, { raw: full })
      .extract({ left, top: 0, width: w, height: size.height })
      .blur(SEAM / 2)
      .raw()
      .toBuffer();
    bands.push({ input: band, raw: { ...full, width: w }, left, top: 0 });
  }
  const soft = await sharp(flat, { raw: full }).composite(bands).removeAlpha().raw().toBuffer();
  return sharp(soft, { raw: full });
}
