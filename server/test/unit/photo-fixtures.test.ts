import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { readAssetMetadata } from '../../src/assets/asset-metadata.js';
import { cropFace, exifDateTime, gpsRational, makePhotoFixture, offsetMetres, PARTY_FACES } from '@kith/bench/fixtures';

// The photo fixtures (demo, benchmarks, tests) must carry metadata that Kith's own ingest
// reader sees exactly as written; otherwise every event figure built on them is wrong.
describe('photo fixtures', () => {
  it('writes DateTimeOriginal that Kith reads back to the millisecond', async () => {
    const at = new Date(2026, 5, 13, 21, 17, 42);
    const jpeg = await makePhotoFixture(0, { capturedAt: at, width: 640 });
    const meta = await readAssetMetadata(jpeg);
    expect(meta.capturedAt).toBe(at.getTime());
    expect(meta.cameraMake).toBe('Kith');
    expect(await sharp(jpeg).metadata()).toMatchObject({ format: 'jpeg', width: 640 });
  });

  it('writes a wall-clock string verbatim, as a camera would', async () => {
    const jpeg = await makePhotoFixture(1, { capturedAt: '2026-06-13T19:05:00', width: 320 });
    expect((await readAssetMetadata(jpeg)).capturedAt).toBe(new Date(2026, 5, 13, 19, 5, 0).getTime());
  });

  it.each([
    ['north-west', { latitude: 40.72143, longitude: -73.98794 }],
    ['south-east', { latitude: -33.8688, longitude: 151.2093 }],
  ])('writes GPS (%s) that Kith reads back within a few millimetres', async (_, gps) => {
    const jpeg = await makePhotoFixture(2, { capturedAt: '2026-06-13T20:00:00', width: 320, gps });
    const meta = await readAssetMetadata(jpeg);
    expect(meta.latitude).toBeCloseTo(gps.latitude, 6);
    expect(meta.longitude).toBeCloseTo(gps.longitude, 6);
  });

  it('leaves GPS out unless asked, and is deterministic (re-runs upload identical bytes)', async () => {
    const opts = { capturedAt: '2026-06-13T22:45:00', width: 320 };
    const [a, b] = await Promise.all([makePhotoFixture(5, opts), makePhotoFixture(5, opts)]);
    expect(a.equals(b)).toBe(true);
    expect((await readAssetMetadata(a)).latitude).toBeUndefined();
    const later = await makePhotoFixture(5, { ...opts, capturedAt: '2026-06-13T22:46:00' });
    expect(later.equals(a)).toBe(false);
  });

  it('formats EXIF dates and GPS rationals', () => {
    expect(exifDateTime('2026-06-13T19:05')).toBe('2026:06:13 19:05:00');
    expect(() => exifDateTime('13/06/2026')).toThrow(/YYYY-MM-DD/);
    expect(gpsRational(-73.5)).toBe('73/1 30/1 0/10000');
  });

  it('moves a point by metres', () => {
    const origin = { latitude: 52.52, longitude: 13.405 };
    const p = offsetMetres(origin, 100, 0);
    expect((p.latitude - origin.latitude) * 111_195).toBeCloseTo(100, 0);
    expect(p.longitude).toBe(origin.longitude);
  });

  it('crops a square face', async () => {
    const jpeg = await cropFace(PARTY_FACES.carol, 128);
    expect(await sharp(jpeg).metadata()).toMatchObject({ format: 'jpeg', width: 128, height: 128 });
  });
});
