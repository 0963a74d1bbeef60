import sharp, { type Metadata, type Sharp } from 'sharp';
import { errors } from '../common/errors.js';

/** Formats Kith accepts, by sharp's detected format (never by file extension). */
export const ACCEPTED: Record<string, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  heif: 'image/avif', // sharp reports AVIF as heif; its `compression` tells AV1 from HEVC
  gif: 'image/gif',
  tiff: 'image/tiff',
};

export interface ProbedImage {
  format: string;
  mime: string;
  /** Stored (pre-rotation) pixel size. */
  width: number;
  height: number;
  /** EXIF orientation 1–8, when present. */
  orientation?: number;
  /** What the verifying decode produced (see `decodeAs`); empty with the default. */
  decoded: Buffer;
}

/**
 * Verifies that a file is a whole, decodable image of an accepted format, by decoding it
 * with sharp (libvips), not by trusting its name or Content-Type.
 *
 * The decode runs at 1/8 scale where the codec allows (JPEG DCT scaling), which still
 * reads every byte, so truncation is caught at a fraction of a full decode's cost.
 *
 * @param input a file path or buffer.
 * @param maxPixels width × height limit (decompression-bomb guard), checked from the header before decoding.
 * @param decodeAs what the verifying decode should output; ingest makes the 250 px thumbnail here, so
 *        the one decode both proves the file whole and yields something useful.
 * @throws 415 `unsupported_media_type` (not an image, or a format Kith does not take),
 *         422 `invalid_image` (empty, corrupt or truncated), 422 `image_too_large` (over maxPixels).
 */
export async function probeImage(input: string | Buffer, maxPixels: number, decodeAs?: (image: Sharp) => Sharp): Promise<ProbedImage> {
  if (Buffer.isBuffer(input) && input.length === 0) throw errors.invalidImage('The file is empty (0 bytes).');
  let meta: Metadata;
  try {
    meta = await sharp(input, { limitInputPixels: false }).metadata();
  } catch (e) {
    const msg = (e as Error).message;
    if (/unsupported image format/i.test(msg))
      throw errors.unsupportedMediaType('This file is not an image Kith can read (JPEG, PNG, WebP, AVIF, GIF or TIFF).');
    if (/empty|zero/i.test(msg)) throw errors.invalidImage('The file is empty (0 bytes).');
    throw errors.invalidImage(`The image cannot be read: ${msg}`);
  }
  const format = meta.format ?? '';
  if (!(format in ACCEPTED) || (format === 'heif' && meta.compression !== 'av1'))
    throw errors.unsupportedMediaType(`Kith takes JPEG, PNG, WebP, AVIF, GIF or TIFF; this file is ${format || 'unknown'}.`);
  const width = meta.width ?? 0;
  const height = meta.height ?? 0;
  if (!width || !height) throw errors.invalidImage('The image has no dimensions.');
  if (width * height > maxPixels) throw errors.imageTooLarge(width * height, maxPixels);
  let decoded: Buffer;
  try {
    // failOn 'truncated' catches cut-off files; 'warning' would also reject many real camera JPEGs.
    const image = sharp(input, { failOn: 'truncated', limitInputPixels: maxPixels });
    decoded = decodeAs
      ? await decodeAs(image).toBuffer()
      : (await image
          .resize({ width: Math.max(1, Math.round(width / 8)), fastShrinkOnLoad: true })
          .raw()
          .toBuffer(),
        Buffer.alloc(0));
  } catch (e) {
    throw errors.invalidImage(`The image is corrupt or truncated: ${(e as Error).message}`);
  }
  return { format, mime: ACCEPTED[format], width, height, orientation: meta.orientation, decoded };
}
