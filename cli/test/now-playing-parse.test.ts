import { describe, expect, it } from 'vitest';
import { formatClock, parseArtistTitle, parseDuration } from '../src/now-playing/parse.js';

describe('kith now-playing set: parsing what people type', () => {
  it.each([
    ['Massive Attack – Teardrop', 'Massive Attack', 'Teardrop'],
    ['Massive Attack — Teardrop', 'Massive Attack', 'Teardrop'],
    ['Massive Attack - Teardrop', 'Massive Attack', 'Teardrop'],
    ['Jay-Z - 99 Problems', 'Jay-Z', '99 Problems'],
    ['  Björk –Jóga ', 'Björk', 'Jóga'],
    ['Sonic Youth – Teen Age Riot – Remaster', 'Sonic Youth', 'Teen Age Riot – Remaster'],
  ])('"%s" → %s / %s', (text, artist, title) => {
    expect(parseArtistTitle(text)).toEqual({ artist, title });
  });

  it.each(['Teardrop', 'Jay-Z', ' – Teardrop', 'Massive Attack – '])('refuses "%s" with a hint', (text) => {
    expect(() => parseArtistTitle(text)).toThrow(/Artist – Title/);
  });

  it.each([
    ['3:45', 225_000],
    ['0:07', 7_000],
    ['1:02:03', 3_723_000],
    ['225', 225_000],
  ])('--duration %s → %i ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['3:75', '3m45s', '', '0', '25:00:00'])('refuses --duration "%s"', (text) => {
    expect(() => parseDuration(text)).toThrow(/--duration/);
  });

  it('formats clocks back', () => {
    expect(formatClock(225_000)).toBe('3:45');
    expect(formatClock(3_723_000)).toBe('1:02:03');
    expect(formatClock(-5)).toBe('0:00');
  });
});
