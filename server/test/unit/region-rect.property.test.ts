import fc from 'fast-check';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/common/errors.js';
import { clampRegion, cropRegion, type PixelRect, type RegionInput } from '../../src/region-shares/region-crop.js';
import { createRegionShareBody, fractionRectSchema, pixelRectSchema } from '../../src/region-shares/region-shares.schema.js';

/** Rectangles as the schema lets them through (px ±1 000 000, fractions −1…2). */
const px = fc.integer({ min: -1_000_000, max: 1_000_000 });
const smallPx = fc.integer({ min: -300, max: 600 });
const frac = fc.double({ min: -1, max: 2, noNaN: true });
const pxRect = fc.oneof(
  fc.record({ x: smallPx, y: smallPx, width: smallPx, height: smallPx }),
  fc.record({ x: px, y: px, width: px, height: px }),
);
const fracRect = fc.record({ x: frac, y: frac, width: frac, height: frac });
const side = fc.oneof(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 1, max: 100_000 }));
const region: fc.Arbitrary<RegionInput> = fc.record({ rect: pxRect, fraction: fracRect, naturalWidth: side, naturalHeight: side });

function expectInside(r: PixelRect, W: number, H: number) {
  for (const v of [r.x, r.y, r.width, r.height]) expect(Number.isInteger(v)).toBe(true);
  expect(r.x >= 0 && r.y >= 0 && r.width >= 1 && r.height >= 1).toBe(true);
  expect(r.x + r.width).toBeLessThanOrEqual(W);
  expect(r.y + r.height).toBeLessThanOrEqual(H);
}

/** The clamped rectangle, or null for a 422 invalid_region (anything else fails). */
function clampOrRefuse(reg: RegionInput, W: number, H: number) {
  try {
    return clampRegion(reg, W, H);
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect(e).toMatchObject({ statusCode: 422, code: 'invalid_region' });
    return null;
  }
}

const asPixels = (r: PixelRect, W: number, H: number): RegionInput => ({
  rect: r,
  fraction: { x: r.x / W, y: r.y / H, width: r.width / W, height: r.height / H },
  naturalWidth: W,
  naturalHeight: H,
});

describe('region rectangles (property)', () => {
  it('every schema-valid region becomes integer px inside the image, at least 1×1, or 422 invalid_region', () => {
    fc.assert(
      fc.property(region, side, side, fc.boolean(), (reg, W, H, sameSize) => {
        const input = sameSize ? { ...reg, naturalWidth: W, naturalHeight: H } : reg;
        expect(pixelRectSchema.safeParse(input.rect).success && fractionRectSchema.safeParse(input.fraction).success).toBe(true);
        const out = clampOrRefuse(input, W, H);
        if (out) {
          expectInside(out.rect, W, H);
          expect(out.source).toBe(input.naturalWidth === W && input.naturalHeight === H ? 'pixels' : 'fractions');
        }
      }),
      { numRuns: 5000 },
    );
  });

  it('clamping is idempotent, and a rectangle already inside the image is kept as it is', () => {
    fc.assert(
      fc.property(region, side, side, (reg, W, H) => {
        const once = clampOrRefuse(reg, W, H);
        if (!once) return;
        const twice = clampRegion(asPixels(once.rect, W, H), W, H);
        expect(twice).toEqual({ rect: once.rect, source: 'pixels' });
      }),
      { numRuns: 5000 },
    );
  });

  it('clamping only shrinks: the result lies inside the requested rectangle (pixels) and is the overlap with the image', () => {
    fc.assert(
      fc.property(pxRect, side, side, (r, W, H) => {
        const out = clampOrRefuse(asPixels(r, W, H), W, H);
        const overlapW = Math.min(W, r.x + r.width) - Math.max(0, r.x);
        const overlapH = Math.min(H, r.y + r.height) - Math.max(0, r.y);
        if (r.width <= 0 || r.height <= 0 || overlapW < 1 || overlapH < 1) {
          expect(out).toBeNull();
          return;
        }
        expect(out!.rect).toEqual({ x: Math.max(0, r.x), y: Math.max(0, r.y), width: overlapW, height: overlapH });
      }),
      { numRuns: 5000 },
    );
  });

  it('the request schema never throws: any JSON is parsed or refused with issues', () => {
    fc.assert(
      fc.property(
        fc.jsonValue({ maxDepth: 3 }),
        fc.record({
          rect: fc.jsonValue({ maxDepth: 1 }),
          fraction: fc.jsonValue({ maxDepth: 1 }),
          naturalWidth: fc.jsonValue({ maxDepth: 0 }),
        }),
        (a, b) => {
          for (const v of [a, b]) {
            const parsed = createRegionShareBody.safeParse(v);
            if (parsed.success) expect(Number.isInteger(parsed.data.rect.x)).toBe(true);
            else expect(parsed.error.issues.length).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('a real crop of an oriented image has the clamped size, and a fraction-scaled crop too', async () => {
    const base = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#3a6' } })
      .png()
      .toBuffer();
    const oriented = await Promise.all(
      [1, 3, 6, 8].map(async (o) => ({ o, bytes: await sharp(base).jpeg().withMetadata({ orientation: o }).toBuffer() })),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...oriented), region, fc.boolean(), async ({ o, bytes }, reg, sameSize) => {
        const [W, H] = o >= 5 ? [30, 40] : [40, 30];
        const input = sameSize ? { ...reg, naturalWidth: W, naturalHeight: H } : reg;
        const expected = clampOrRefuse(input, W, H);
        try {
          const crop = await cropRegion(bytes, input, 10_000_000);
          expect(crop.rect).toEqual(expected!.rect);
          expect(crop.natural).toEqual({ width: W, height: H });
          const meta = await sharp(crop.png).metadata();
          expect([meta.width, meta.height]).toEqual([expected!.rect.width, expected!.rect.height]);
        } catch (e) {
          expect(expected).toBeNull();
          expect(e).toMatchObject({ code: 'invalid_region' });
        }
      }),
      { numRuns: 60 },
    );
  });
});
