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
 * applied. Both come from the original: libvips shrinks JPEGs while decoding, so the
 * thumbnail's decode is cheap (measured ~15–20 ms, slightly less than from the WebP preview);
 * the preview's WebP encode is the dominant cost (75–190 ms).
 *
 * @returns the blob digests (content addressed, so re-running is idempotent).
 */
export async function makeDerivatives(
  blobs: BlobStore,
  originalSha: string,
  maxPixels: number,
): Promise<{ thumbnailSha: string; previewSha: string }> {
  const original = sharp(await blobs.read(originalSha), { limitInputPixels: maxPixels, failOn: 'none' }).rotate();
  const [preview, thumbnail] = await Promise.all([
    original.clone().resize({ width: PREVIEW_PX, height: PREVIEW_PX, fit: 'inside', withoutEnlargement: true }).webp({ quality: 80 }).toBuffer(),
    original.clone().resize({ width: THUMBNAIL_PX, height: THUMBNAIL_PX, fit: 'outside', withoutEnlargement: true }).webp({ quality: 75 }).toBuffer(),
  ]);
  const previewSha = sha(preview);
  const thumbnailSha = sha(thumbnail);
  await blobs.putBuffer(preview, previewSha);
  await blobs.putBuffer(thumbnail, thumbnailSha);
  return { thumbnailSha, previewSha };
}
