/**
 * Where the scene's people are: the segmentation model's mask of everyone in the requester's photo
 * (MediaPipe Selfie marks every person), brought to the scene's output size. Placement reads it to
 * put the newcomer beside them rather than over them, and the colour match takes the scene's people
 * as its target (same kind of subject, same light). It does not draw them in front of the newcomer:
 * the model marks dark furniture as a person now and then, which then hid the newcomer's body.
 */
import sharp from 'sharp';
import type { PersonSegmentation } from '@kith/faces';

/** One byte per pixel, 0 = background … 255 = person, row-major. */
export interface Mask {
  data: Uint8Array;
  width: number;
  height: number;
}

/** The whole-image mask of a segmentation (analysis px) as a {@link Mask}. */
export function maskOf(seg: Pick<PersonSegmentation, 'alpha' | 'width' | 'height'>): Mask {
  return { data: seg.alpha, width: seg.width, height: seg.height };
}

/**
 * @returns `mask` resized to `width × height` px (bilinear), e.g. analysis size → output size.
 */
export async function resizeMask(mask: Mask, width: number, height: number): Promise<Mask> {
  if (mask.width === width && mask.height === height) return mask;
  const data = await sharp(Buffer.from(mask.data.buffer, mask.data.byteOffset, mask.data.byteLength), {
    raw: { width: mask.width, height: mask.height, channels: 1 },
  })
    .resize(width, height, { fit: 'fill', kernel: 'linear' })
    .extractChannel(0)
    .raw({ depth: 'uchar' })
    .toBuffer();
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width, height };
}

/**
 * Mean occupancy (0..1) of `mask` over a box given in another image's px (`scale` = mask px per
 * those px), sampled on a grid of at most ~24×24 points; parts outside the mask count as empty.
 */
export function occupancy(mask: Mask, box: { x: number; y: number; width: number; height: number }, scale: number): number {
  const steps = 24;
  let sum = 0;
  let n = 0;
  for (let j = 0; j < steps; j++) {
    const y = Math.floor((box.y + ((j + 0.5) * box.height) / steps) * scale);
    for (let i = 0; i < steps; i++) {
      const x = Math.floor((box.x + ((i + 0.5) * box.width) / steps) * scale);
      n++;
      if (x < 0 || y < 0 || x >= mask.width || y >= mask.height) continue;
      sum += mask.data[y * mask.width + x];
    }
  }
  return sum / (255 * n);
}
