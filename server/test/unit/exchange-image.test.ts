import exifr from 'exifr';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { cleanCapture, describe as describeImage, EXCHANGE_MAX_SIDE } from '../../src/exchanges/exchange-image.js';
import { gpsPhoto } from '../helpers/exchanges.js';

const MB = 1024 * 1024;

// EXIF GPS is stripped from every image passed to the other side (privacy), size and pixel limits.
describe('cleanCapture', () => {
  it('re-encodes a GPS-tagged camera JPEG without any metadata', async () => {
    const input = await gpsPhoto(1);
    expect(await exifr.gps(input)).toMatchObject({ latitude: expect.closeTo(52.52, 2) });
    const out = await cleanCapture(input, 15 * MB, 100e6);
    expect(await exifr.gps(out.bytes)).toBeUndefined();
    expect(await exifr.parse(out.bytes)).toBeUndefined(); // no EXIF at all (make, model, time)
    const meta = await sharp(out.bytes).metadata();
    expect([meta.format, meta.exif, meta.xmp, meta.icc]).toEqual(['jpeg', undefined, undefined, undefined]);
    expect([out.width, out.height]).toEqual([meta.width, meta.height]);
  });

  it('applies the EXIF orientation and caps the long side at 2048 px', async () => {
    // 3000×1000 stored, orientation 6 (rotate 90° clockwise to view): 1000×3000 upright → 683×2048.
    const input = await sharp({ create: { width: 3000, height: 1000, channels: 3, background: '#c33' } })
      .withMetadata({ orientation: 6 })
      .jpeg()
      .toBuffer();
    const out = await cleanCapture(input, 15 * MB, 100e6);
    expect([out.width, out.height]).toEqual([683, EXCHANGE_MAX_SIDE]);
    expect((await sharp(out.bytes).metadata()).orientation).toBeUndefined();
  });

  it('takes PNG and WebP, refuses GIF (415), oversized files (413), too many pixels and garbage (422)', async () => {
    const tile = sharp({ create: { width: 40, height: 30, channels: 3, background: '#3a6' } });
    for (const bytes of [await tile.clone().png().toBuffer(), await tile.clone().webp().toBuffer()])
      expect((await cleanCapture(bytes, MB, 1e6)).width).toBe(40);
    const fail = (p: Promise<unknown>) =>
      p.then(
        () => null,
        (e: { statusCode: number; code: string }) => [e.statusCode, e.code],
      );
    expect(await fail(cleanCapture(await tile.clone().gif().toBuffer(), MB, 1e6))).toEqual([415, 'unsupported_media_type']);
    expect(await fail(cleanCapture(Buffer.alloc(2048, 1), 1024, 1e6))).toEqual([413, 'payload_too_large']);
    expect(await fail(cleanCapture(await tile.clone().png().toBuffer(), MB, 1000))).toEqual([422, 'image_too_large']);
    expect(await fail(cleanCapture(Buffer.from('not an image at all'), MB, 1e6))).toEqual([415, 'unsupported_media_type']);
  });

  it('strips metadata a compositor left on its result', async () => {
    const tagged = await sharp(await gpsPhoto(2))
      .withMetadata()
      .jpeg()
      .toBuffer();
    expect(await exifr.gps(tagged)).toBeDefined();
    const out = await describeImage(tagged);
    expect(await exifr.gps(out.bytes)).toBeUndefined();
    expect(out.width).toBe(640);
    const clean = await cleanCapture(tagged, 15 * MB, 100e6);
    expect((await describeImage(clean.bytes)).bytes).toBe(clean.bytes); // already clean: kept as is
  });
});
