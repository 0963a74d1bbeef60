import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { trackLengthMs } from '../../src/now-playing/compat/track-length.js';
import { playBody } from '../../src/now-playing/now-playing.schema.js';

const text = fc.string({ unit: 'binary', maxLength: 40 });
const nonBlank = text.filter((s) => s.trim() !== '');
const DAY_MS = 24 * 3600_000;

describe('native now-playing body, POST /api/now-playing (property)', () => {
  it('a well-formed play reads back with its text trimmed and its defaults filled in', () => {
    const play = fc.record(
      {
        title: nonBlank,
        artist: nonBlank,
        album: fc.option(text),
        media_type: fc.constantFrom('audio', 'video'),
        duration_ms: fc.option(fc.integer({ min: 1000, max: DAY_MS })),
        position_ms: fc.integer({ min: 0, max: DAY_MS }),
        source_url: fc.option(fc.webUrl({ validSchemes: ['http', 'https'] })),
        player: fc.option(fc.string({ maxLength: 100 })),
      },
      { requiredKeys: ['title', 'artist'] },
    );
    fc.assert(
      fc.property(play, (p) => {
        const out = playBody.parse(p);
        expect(out.title).toBe(p.title.trim());
        expect(out.artist).toBe(p.artist.trim());
        expect(out.media_type).toBe(p.media_type ?? 'audio');
        expect(out.position_ms).toBe(p.position_ms ?? 0);
        expect(out.duration_ms).toBe(p.duration_ms);
        if (typeof p.album === 'string') expect(out.album).toBe(p.album.trim());
      }),
      { numRuns: 1000 },
    );
  });

  it('any JSON is refused with issues or gives a play within the documented bounds', () => {
    const near = fc.record(
      {
        title: fc.oneof(text, fc.jsonValue({ maxDepth: 0 })),
        artist: fc.oneof(text, fc.jsonValue({ maxDepth: 0 })),
        duration_ms: fc.oneof(fc.double(), fc.integer({ min: -1, max: DAY_MS + 1 }), fc.jsonValue({ maxDepth: 0 })),
        position_ms: fc.oneof(fc.double(), fc.integer({ min: -1, max: DAY_MS + 1 })),
        source_url: fc.oneof(fc.webUrl({ validSchemes: ['http', 'https', 'ftp', 'javascript'] }), text),
        cover_url: fc.oneof(fc.webUrl(), text),
        media_type: fc.oneof(fc.constantFrom('audio', 'video', 'image'), text),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue({ maxDepth: 3 }), near), (v) => {
        const r = playBody.safeParse(v);
        if (!r.success) {
          expect(r.error.issues.length).toBeGreaterThan(0);
          return;
        }
        const p = r.data;
        for (const s of [p.title, p.artist]) expect(s.length >= 1 && s.length <= 500 && s === s.trim()).toBe(true);
        expect(p.duration_ms == null || (Number.isInteger(p.duration_ms) && p.duration_ms >= 1000 && p.duration_ms <= DAY_MS)).toBe(true);
        expect(Number.isInteger(p.position_ms) && p.position_ms >= 0 && p.position_ms <= DAY_MS).toBe(true);
        for (const u of [p.source_url, p.cover_url]) expect(u == null || /^https?:\/\//i.test(u)).toBe(true);
        expect(['audio', 'video']).toContain(p.media_type);
      }),
      { numRuns: 3000 },
    );
  });

  it('a track length form field (s) becomes ms between 1 s and 24 h, or null', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 12 }), fc.stringMatching(/^\d{1,20}$/), fc.constant(undefined)), (s) => {
        const ms = trackLengthMs(s);
        if (ms === null) expect(s === undefined || !/^\d+$/.test(s) || Number(s) < 1 || Number(s) > 86400).toBe(true);
        else expect(ms).toBe(Number(s) * 1000);
      }),
      { numRuns: 2000 },
    );
  });
});
