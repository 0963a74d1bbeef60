import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CliError } from '../src/cli-error.js';
import { formatClock, parseArtistTitle, parseDuration } from '../src/now-playing/parse.js';

describe('kith now-playing set parsing (property)', () => {
  it('parseDuration(formatClock(ms)) = ms for every whole second from 1 s to 24 h, in all three spellings', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 86400 }), (s) => {
        expect(parseDuration(formatClock(s * 1000))).toBe(s * 1000);
        expect(parseDuration(String(s))).toBe(s * 1000);
        expect(parseDuration(` ${formatClock(s * 1000)}\t`)).toBe(s * 1000);
      }),
      { numRuns: 2000 },
    );
  });

  it('any text is a duration of 1 s … 24 h in ms, or a CliError', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 12 }), fc.stringMatching(/^\d{0,3}(:\d{0,3}){0,3}$/)), (t) => {
        try {
          const ms = parseDuration(t);
          expect(Number.isInteger(ms / 1000) && ms >= 1000 && ms <= 86_400_000).toBe(true);
        } catch (e) {
          expect(e).toBeInstanceOf(CliError);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('"Artist – Title" splits back into its parts (en dash, em dash, spaced hyphen); any text splits into two non-blank parts or is a CliError', () => {
    const part = fc
      .string({ minLength: 1, maxLength: 20 })
      .filter((s) => s.trim() !== '' && s === s.trim() && !/[–—]|\s-\s|\s-$|^-\s/.test(s));
    fc.assert(
      fc.property(part, part, fc.constantFrom(' – ', ' — ', ' - ', '–', '—'), (artist, title, sep) => {
        // A hyphen inside a word never splits ("Jay-Z"); the title may hold anything after the first separator.
        fc.pre(!(sep.includes('-') && /-$/.test(artist)));
        expect(parseArtistTitle(`${artist}${sep}${title}`)).toEqual({ artist, title });
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (t) => {
        try {
          const { artist, title } = parseArtistTitle(t);
          for (const s of [artist, title]) expect(s.length > 0 && s === s.trim()).toBe(true);
        } catch (e) {
          expect(e).toBeInstanceOf(CliError);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
