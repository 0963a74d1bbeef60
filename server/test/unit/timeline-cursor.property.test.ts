import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/common/errors.js';
import { decodeCursor, encodeCursor } from '../../src/common/timeline-cursor.js';

/** Ids the cursor carries: UUIDs (assets) and any other ':'-free text. */
const id = fc.oneof(
  fc.uuid(),
  fc.string({ minLength: 1, maxLength: 40 }).filter((s) => !s.includes(':')),
);
/** ms since epoch, including photos dated before 1970 (EXIF years 1901–1969 are negative). */
const capturedAt = fc.integer({ min: -2_208_988_800_000, max: 8_640_000_000_000 });

describe('timeline cursor (property)', () => {
  it('decode(encode(capturedAt, id)) gives both back', () => {
    fc.assert(
      fc.property(capturedAt, id, (t, i) => {
        const decoded = decodeCursor(encodeCursor(t, i));
        expect(decoded.capturedAt).toBe(t);
        // A lone surrogate does not survive UTF-8; every id Kith gives out is well-formed text.
        expect(decoded.id).toBe(Buffer.from(i).toString());
      }),
      { numRuns: 2000 },
    );
  });

  it('any string decodes to a safe integer and a non-empty id, or is refused with 400 invalid_cursor', () => {
    const raw = fc.oneof(
      fc.string({ maxLength: 80 }),
      fc.string({ maxLength: 60 }).map((s) => Buffer.from(s).toString('base64url')),
      fc
        .tuple(fc.stringMatching(/^-?\d{0,30}$/), fc.string({ maxLength: 10 }))
        .map(([a, b]) => Buffer.from(`${a}:${b}`).toString('base64url')),
    );
    fc.assert(
      fc.property(raw, (s) => {
        try {
          const { capturedAt: t, id: i } = decodeCursor(s);
          expect(Number.isSafeInteger(t)).toBe(true);
          expect(i.length).toBeGreaterThan(0);
        } catch (e) {
          expect(e).toBeInstanceOf(AppError);
          expect(e).toMatchObject({ statusCode: 400, code: 'invalid_cursor' });
        }
      }),
      { numRuns: 3000 },
    );
  });

  // Counterexamples the properties found (kept as plain regressions).
  it('a photo dated before 1970 still gives a next page; an overflowing time is refused', () => {
    expect(decodeCursor(encodeCursor(-631_152_000_000, 'a'))).toEqual({ capturedAt: -631_152_000_000, id: 'a' });
    expect(() => decodeCursor(Buffer.from('99999999999999999999:a').toString('base64url'))).toThrow(AppError);
  });
});
