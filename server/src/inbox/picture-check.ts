import { CALIBRATION, FaceInputError, match, MIN_MATCH_QUALITY, type MatchCandidate } from '@kith/faces';
import sharp, { type Sharp } from 'sharp';
import type { FaceAnalyser } from '../faces/face-analyser.js';

/** Encoders by sharp's detected format: the stored picture keeps the format it came in. */
const ENCODE: Record<string, (image: Sharp) => Sharp> = {
  jpeg: (i) => i.jpeg({ quality: 95, chromaSubsampling: '4:4:4' }),
  png: (i) => i.png(),
  webp: (i) => i.webp({ quality: 95 }),
  gif: (i) => i.gif(),
  tiff: (i) => i.tiff(),
  heif: (i) => i.heif({ compression: 'av1', quality: 90 }),
};

/** Why a picture was refused (`face_not_found`, `invalid_image`, `image_too_large`, `unsupported_media_type`). */
export interface PictureRefusal {
  status: 'refused';
  code: string;
  message: string;
}

/**
 * The one still image the inbox checks and stores (seed CN103369031A claim 6: the recipient's face
 * must be in what is received). An animated GIF / WebP keeps its first frame only, and trailing
 * bytes (another image appended to a JPEG, a zip after the EOI) are dropped: the picture is decoded
 * and re-encoded by sharp (libvips) in its own format, metadata (EXIF, ICC) kept. So nothing is
 * stored that the face check did not see.
 * @param maxPixels width × height limit (decompression bombs), checked from the header first.
 * @returns the re-encoded bytes, or a refusal `invalid_image` / `image_too_large` / `unsupported_media_type`.
 */
export async function checkedStill(bytes: Uint8Array, maxPixels: number): Promise<Buffer | PictureRefusal> {
  const refuse = (code: string, message: string) => ({ status: 'refused' as const, code, message });
  let format: string;
  try {
    const meta = await sharp(bytes, { limitInputPixels: false }).metadata();
    const pixels = (meta.width ?? 0) * (meta.height ?? 0);
    if (pixels > maxPixels) return refuse('image_too_large', `The image has ${pixels} pixels; this server accepts at most ${maxPixels}.`);
    format = meta.format ?? '';
  } catch (e) {
    return refuse('invalid_image', `Not an image this server can read: ${(e as Error).message}`);
  }
  const encode = ENCODE[format];
  if (!encode)
    return refuse('unsupported_media_type', `The inbox takes JPEG, PNG, WebP, AVIF, GIF or TIFF pictures, not ${format || 'this file'}.`);
  try {
    return await encode(sharp(bytes, { pages: 1, limitInputPixels: maxPixels, failOn: 'truncated' }).keepMetadata()).toBuffer();
  } catch (e) {
    return refuse('invalid_image', `The picture could not be decoded: ${(e as Error).message}`);
  }
}

/**
 * Claim 6 on what will be stored: the picture's checked still ({@link checkedStill}) must show a face
 * of at least `MIN_MATCH_QUALITY` matching one of the recipient's reference faces (`@kith/faces` `match` with `CALIBRATION`).
 * @returns the still to store, or the refusal (`face_not_found`, or the still's own refusal).
 */
export async function checkPicture(
  analyser: FaceAnalyser,
  bytes: Uint8Array,
  referenceFaces: MatchCandidate[],
  maxPixels: number,
): Promise<{ still: Buffer } | PictureRefusal> {
  const still = await checkedStill(bytes, maxPixels);
  if (!Buffer.isBuffer(still)) return still;
  try {
    // Kept for the stored asset's faces.analyse job: the still is analysed once (face-analyser.ts).
    const analysis = await analyser.analyse(still, { keep: true });
    const calibration = CALIBRATION[analysis.model];
    // A face under the quality floor (too small, blurred or turned away) never vouches for a picture.
    const usable = analysis.faces.filter((f) => f.quality.score >= MIN_MATCH_QUALITY);
    if (usable.some((f) => match(analysis.model, f.descriptor, referenceFaces, calibration))) return { still };
    const poor = analysis.faces.length - usable.length;
    const message = !analysis.faces.length
      ? 'No face was found in this picture; the recipient only accepts pictures that show them.'
      : `None of the ${analysis.faces.length} face(s) in this picture matches the recipient's registered faces` +
        (poor ? ` (${poor} too small, blurred or turned away to be checked: send a larger, sharper picture).` : '.');
    return { status: 'refused', code: 'face_not_found', message };
  } catch (e) {
    if (e instanceof FaceInputError) return { status: 'refused', code: e.code, message: e.message };
    throw e;
  }
}
