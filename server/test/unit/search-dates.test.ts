import { describe, expect, it } from 'vitest';
import { parseDatePhrase } from '../../src/search/search-dates.js';

const NOW = Date.UTC(2026, 11, 7, 12);
const range = (phrase: string, now = NOW) => {
  const r = parseDatePhrase(phrase, now);
  return r && { from: new Date(r.from).toISOString().slice(0, 10), to: new Date(r.to).toISOString().slice(0, 10), label: r.label };
};

describe('date phrases of the search box', () => {
  it('reads years, months and days in the usual spellings, as UTC ranges (end exclusive)', () => {
    expect(range('2026')).toEqual({ from: '2026-01-01', to: '2027-01-01', label: '2026' });
    expect(range('june 2026')).toEqual({ from: '2026-06-01', to: '2026-07-01', label: 'June 2026' });
    expect(range('jun 2026')).toEqual(range('june 2026'));
    expect(range('2026 june')).toEqual(range('june 2026'));
    expect(range('sept 2025')).toEqual({ from: '2025-09-01', to: '2025-10-01', label: 'September 2025' });
    expect(range('december 2026')).toEqual({ from: '2026-12-01', to: '2027-01-01', label: 'December 2026' });
    expect(range('2026-06')).toEqual(range('june 2026'));
    expect(range('2026-06-12')).toEqual({ from: '2026-06-12', to: '2026-06-13', label: '12 June 2026' });
    expect(range('12 june 2026')).toEqual(range('2026-06-12'));
    expect(range('june 12, 2026')).toEqual(range('2026-06-12'));
  });

  it('reads relative phrases against the clock', () => {
    expect(range('this year')).toEqual({ from: '2026-01-01', to: '2027-01-01', label: '2026' });
    expect(range('last year')).toEqual({ from: '2025-01-01', to: '2026-01-01', label: '2025' });
    // In December last summer is this year's; in May it is still last year's.
    expect(range('last summer')).toEqual({ from: '2026-06-01', to: '2026-09-01', label: 'Summer 2026' });
    expect(range('last summer', Date.UTC(2026, 4, 1))).toEqual({ from: '2025-06-01', to: '2025-09-01', label: 'Summer 2025' });
  });

  it('leaves everything else to the other terms', () => {
    for (const phrase of ['june', 'carol', '42', '12345', '2026-13', '2026-02-30', '31 february 2026', 'ma 2026', 'lisbon 2026', '1200'])
      expect(range(phrase), phrase).toBeNull();
  });
});
