/**
 * The fallback when no group photo can be made (no person or no face found): the two photos side
 * by side at equal heights, requester left, with a thin gutter. Seed: image-exchange-and-synthesis
 * (Changhong), the synthesis exchange still gives both sides one picture of both people.
 */
import sharp from 'sharp';

/** Gutter between the two photos, px. */
const GUTTER = 8;

/**
 * @param maxSide long side cap of each half, px (the result is at most about twice as wide).
 * @returns JPEG bytes and their size, px.
 * @throws sharp's Error for undecodable input or input over `limitInputPixels`.
 */
export async function composeDiptych(
  requester: Uint8Array,
  responder: Uint8Array,
  maxSide: number,
  limitInputPixels: number,
): Promise<{ bytes: Buffer; width: number; height: number }> {
  const oriented = (b: Uint8Array) =>
    sharp(b, { limitInputPixels })
      .rotate()
      .resize(maxSide, maxSide, { fit: 'inside', withoutEnlargement: true })
      .removeAlpha()
      .toColourspace('srgb')
      .toBuffer({ resolveWithObject: true });
  const [a, b] = await Promise.all([oriented(requester), oriented(responder)]);
  const height = Math.min(a.info.height, b.info.height);
  const resize = (img: { data: Buffer }) => sharp(img.data).resize({ height }).toBuffer({ resolveWithObject: true });
  const [ra, rb] = await Promise.all([resize(a), resize(b)]);
  const width = ra.info.width + GUTTER + rb.info.width;
  const bytes = await sharp({ create: { width, height, channels: 3, background: '#202020' } })
    .composite([
      { input: ra.data, left: 0, top: 0 },
      { input: rb.data, left: ra.info.width + GUTTER, top: 0 },
    ])
    .jpeg({ quality: 88 })
    .toBuffer();
  return { bytes, width, height };
}
