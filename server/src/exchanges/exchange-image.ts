import sharp from 'sharp';
import { sha256Of } from '../assets/asset-derivatives.js';
import { probeImage } from '../assets/image-probe.js';
import { errors } from '../common/errors.js';

/** Formats a capture may come in (what browsers' cameras and file pickers give). */
const CAPTURE_FORMATS = new Set(['jpeg', 'png', 'webp']);

/** Long side, px, of every image an exchange passes on (captures and composites). */
export const EXCHANGE_MAX_SIDE = 2048;

/** A capture as Kith passes it on: Kith's own JPEG, without any of the sender's metadata. */
export interface CleanImage {
  bytes: Buffer;
  sha256: string;
  /** px, after auto-orientation. */
  width: number;
  height: number;
}

/**
 * Re-encodes a captured image for the other side: decoded by sharp (which proves it whole),
 * auto-oriented from EXIF, shrunk to at most {@link EXCHANGE_MAX_SIDE} px on its long side,
 * and written as a new JPEG. sharp writes no metadata unless asked, so EXIF (GPS position,
 * camera serial, time), XMP, IPTC and ICC of the original never reach the partner
 * (privacy: EXIF GPS is stripped from every image passed to the other side).
 *
 * @param maxBytes capture limit (KITH_EXCHANGE_MAX_BYTES); @param maxPixels decoded-pixel limit (KITH_MAX_IMAGE_PIXELS).
 * @throws 413 `payload_too_large`, 415 `unsupported_media_type` (not JPEG/PNG/WebP), 422 `invalid_image`, `image_too_large`.
 */
export async function cleanCapture(input: Buffer, maxBytes: number, maxPixels: number): Promise<CleanImage> {
  if (input.length > maxBytes) throw errors.payloadTooLarge(maxBytes);
  const probe = await probeImage(input, maxPixels, (image) =>
    image
      .rotate()
      .resize({ width: EXCHANGE_MAX_SIDE, height: EXCHANGE_MAX_SIDE, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 88, mozjpeg: true }),
  );
  if (!CAPTURE_FORMATS.has(probe.format))
    throw errors.unsupportedMediaType(`Exchanges take a JPEG, PNG or WebP image; this one is ${probe.format}.`);
  return describe(probe.decoded);
}

/**
 * Digest and size of a JPEG Kith encoded (a stored capture, a composite), for storing and saving it.
 * Should one carry metadata after all (a compositor that kept some), it is re-encoded without it:
 * what reaches the other side never has any.
 */
export async function describe(bytes: Buffer): Promise<CleanImage> {
  const meta = await sharp(bytes).metadata();
  if (meta.exif || meta.xmp || meta.iptc || meta.icc || meta.format !== 'jpeg')
    return describe(await sharp(bytes).jpeg({ quality: 88, mozjpeg: true }).toBuffer());
  return { bytes, sha256: sha256Of(bytes), width: meta.width ?? 0, height: meta.height ?? 0 };
}
