import crypto from 'node:crypto';
import sharp from 'sharp';
import type { BlobStore } from '../blobs/blob-store.js';

/** Sizes of the derived images, in px. */
export const THUMBNAIL_PX = 250;
export const PREVIEW_PX = 1440;

const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

/**
 * Makes the 1440 px preview (longest side, no upscaling) and the 250 px thumbnail
 * (shortest side, so grid tiles can crop to a square sharply), both WebP, EXIF orientation
 * applied. The thumbnail is resized from the preview rather than the original: a second
 * full decode of a 12 MP JPEG would cost more than the whole thumbnail.
 *
 * @returns the blob digests (content addressed, so re-running is idempotent).
 */
export async function makeDerivatives(
  blobs: BlobStore,
  originalSha: string,
  maxPixels: number,
): Promise<{ thumbnailSha: string; previewSha: string }> {
  const original = await blobs.read(originalSha);
  const preview = await sharp(original, { limitInputPixels: maxPixels, failOn: 'none' })
    .rotate()
    .resize({ width: PREVIEW_PX, height: PREVIEW_PX, fit: 'inside', withoutEnlargement: true })
    .webp({ quality: 80 })
    .toBuffer();
  const thumbnail = await sharp(preview)
    .resize({ width: THUMBNAIL_PX, height: THUMBNAIL_PX, fit: 'outside', withoutEnlargement: true })
    .webp({ quality: 75 })
    .toBuffer();
  const previewSha = sha(preview);
  const thumbnailSha = sha(thumbnail);
  await blobs.putBuffer(preview, previewSha);
  await blobs.putBuffer(thumbnail, thumbnailSha);
  return { thumbnailSha, previewSha };
}
