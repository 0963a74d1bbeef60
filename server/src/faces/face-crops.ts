import sharp from 'sharp';
import type { Box } from '@kith/faces';
import { sha256Of } from '../assets/asset-derivatives.js';
import type { BlobStore } from '../blobs/blob-store.js';

/** Side of a face-crop thumbnail, px (square). */
export const FACE_THUMBNAIL_PX = 160;
/** Margin around the detector's box, as a fraction of its size: the box hugs brow to chin; people expect hair and chin in a face tile. */
const MARGIN = 0.3;
/** The crops are cut from the original shrunk to this long side (px): sharp enough for 160 px tiles, cheap for 50 MP photos. */
const WORKING_SIDE = 2048;

/**
 * Cuts one square WebP thumbnail per face from the original (EXIF orientation applied, as the
 * boxes are in oriented px), stores each in the blob store and returns their digests in the
 * order of `boxes`. One decode serves every face of the photo.
 *
 * @param original the photo's encoded bytes.
 * @param size the oriented original's size, px (the boxes' space).
 * @param boxes face boxes, px of the oriented original.
 */
export async function storeFaceCrops(
  blobs: BlobStore,
  original: Buffer,
  size: { width: number; height: number },
  boxes: Box[],
  maxPixels: number,
): Promise<string[]> {
  if (!boxes.length) return [];
  const { data, info } = await sharp(original, { limitInputPixels: maxPixels, failOn: 'none' })
    .rotate()
    .resize({ width: WORKING_SIDE, height: WORKING_SIDE, fit: 'inside', withoutEnlargement: true })
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const scale = info.width / size.width;
  const shas: string[] = [];
  for (const box of boxes) {
    // A square around the box's centre, grown by the margin and clamped to the image.
    const side = Math.max(box.width, box.height) * (1 + 2 * MARGIN) * scale;
    const cx = (box.x + box.width / 2) * scale;
    const cy = (box.y + box.height / 2) * scale;
    const w = Math.max(1, Math.min(Math.round(side), info.width));
    const h = Math.max(1, Math.min(Math.round(side), info.height));
    const left = Math.min(Math.max(0, Math.round(cx - w / 2)), info.width - w);
    const top = Math.min(Math.max(0, Math.round(cy - h / 2)), info.height - h);
    const crop = await sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } })
      .extract({ left, top, width: w, height: h })
      .resize({ width: FACE_THUMBNAIL_PX, height: FACE_THUMBNAIL_PX, fit: 'cover' })
      .webp({ quality: 80 })
      .toBuffer();
    const sha = sha256Of(crop);
    await blobs.putBuffer(crop, sha);
    shas.push(sha);
  }
  return shas;
}
