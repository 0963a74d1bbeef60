/**
 * Decodes an image for the models with sharp: EXIF orientation applied, alpha dropped,
 * grey or CMYK converted to sRGB, long side capped (1024 px by default), raw RGB out.
 */
import sharp, { type Metadata } from 'sharp';
import type { AnalysisInput } from './worker/analyse-image.js';

/** Raised for input the engine cannot analyse; `code` is stable for API answers. */
export class FaceInputError extends Error {
  constructor(
    public readonly code: 'invalid_image' | 'image_too_large',
    message: string,
  ) {
    super(message);
    this.name = 'FaceInputError';
  }
}

/**
 * @param bytes an encoded image (JPEG, PNG, WebP, HEIF, TIFF, GIF…).
 * @param maxSide cap of the long side the models see, px.
 * @param maxPixels refuse images with more pixels than this (decompression bombs).
 * @throws FaceInputError `invalid_image` (not an image / truncated), `image_too_large`.
 */
export async function decodeForAnalysis(bytes: Uint8Array, maxSide: number, maxPixels: number): Promise<AnalysisInput> {
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch (err) {
    throw new FaceInputError('invalid_image', `Not an image this server can read: ${(err as Error).message}`);
  }
  const pixels = (meta.width ?? 0) * (meta.height ?? 0);
  if (pixels > maxPixels)
    throw new FaceInputError('image_too_large', `The image has ${pixels} pixels; the face engine accepts at most ${maxPixels}.`);
  // EXIF orientations 5–8 swap width and height.
  const swapped = (meta.orientation ?? 1) >= 5;
  const originalWidth = (swapped ? meta.height : meta.width) ?? 0;
  const originalHeight = (swapped ? meta.width : meta.height) ?? 0;
  try {
    const { data, info } = await sharp(bytes, { limitInputPixels: maxPixels, failOn: 'truncated' })
      .rotate()
      .resize(maxSide, maxSide, { fit: 'inside', withoutEnlargement: true })
      .removeAlpha()
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 3) throw new Error(`expected 3 channels after conversion, got ${info.channels}`);
    return {
      data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
      width: info.width,
      height: info.height,
      scale: originalWidth / info.width,
      originalWidth,
      originalHeight,
    };
  } catch (err) {
    throw new FaceInputError('invalid_image', `The image could not be decoded: ${(err as Error).message}`);
  }
}
