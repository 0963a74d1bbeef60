import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { readAssetMetadata } from '../../src/assets/asset-metadata.js';
import { partyPath } from '../helpers/photos.js';

const withExif = (ifd2: Record<string, string>) =>
  sharp(partyPath(1))
    .resize(200)
    .withExif({ IFD0: { Make: 'Kith' }, IFD2: ifd2 })
    .jpeg()
    .toBuffer();

describe('asset metadata', () => {
  it('applies OffsetTimeOriginal, so the same instant from two time zones reads the same', async () => {
    const berlin = await readAssetMetadata(await withExif({ DateTimeOriginal: '2026:06:13 21:05:00', OffsetTimeOriginal: '+02:00' }));
    const newYork = await readAssetMetadata(await withExif({ DateTimeOriginal: '2026:06:13 15:05:00', OffsetTimeOriginal: '-04:00' }));
    expect(new Date(berlin.capturedAt!).toISOString()).toBe('2026-06-13T19:05:00.000Z');
    expect(newYork.capturedAt).toBe(berlin.capturedAt);
  });

  it('reads a wall clock without offset in the server zone, and tolerates files without EXIF', async () => {
    const plain = await readAssetMetadata(await withExif({ DateTimeOriginal: '2026:06:13 21:05:00' }));
    expect(plain.capturedAt).toBe(new Date(2026, 5, 13, 21, 5, 0).getTime());
    expect((await readAssetMetadata(await sharp(partyPath(2)).resize(100).png().toBuffer())).capturedAt).toBeUndefined();
  });
});
