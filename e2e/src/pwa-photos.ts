/** Real JPEG photos for the installed-app tests, made with sharp: distinct pixels and a chosen EXIF capture date. */
import sharp from 'sharp';

/**
 * A `size`×`size` JPEG whose colours come from `seed` (so each call with a new seed is a new photo, not a
 * duplicate) and whose EXIF DateTimeOriginal is `takenAt` (`YYYY:MM:DD HH:MM:SS`, EXIF 2.32 §4.6.5).
 */
export async function photoTakenAt(seed: number, takenAt: string, size = 640): Promise<Buffer> {
  const background = { r: (seed * 67) % 256, g: (seed * 139) % 256, b: (seed * 199) % 256 };
  return sharp({ create: { width: size, height: size, channels: 3, background, noise: { type: 'gaussian', mean: 120, sigma: 40 } } })
    .jpeg({ quality: 85 })
    .withExif({ IFD0: { DateTime: takenAt, Make: 'Kith', Model: 'e2e' }, IFD2: { DateTimeOriginal: takenAt } })
    .toBuffer();
}
