import { describe, expect, it } from 'vitest';
import { belongsToEvent } from '../../src/events/event-gathering.js';
import type { Candidate } from '../../src/events/events.repository.js';

const HOUR = 3_600_000;
const at = (h: number) => Date.UTC(2026, 5, 13, h);
const WINDOW = { startAt: at(14), endAt: at(17), latitude: 52.52, longitude: 13.405 };
const candidate = (how: Candidate['how'], h: number, extra: Partial<Candidate> = {}) =>
  ({
    id: `${how}-${h}`,
    captured_at: at(h),
    captured_at_source: 'exif',
    match_latitude: 52.52,
    match_longitude: 13.405,
    how,
    ...extra,
  }) as Candidate;

describe('belongsToEvent: one rule for the sharer and the contacts', () => {
  it('takes a marked photo with or without a capture time, even with no window', () => {
    expect(belongsToEvent(candidate('marker', 3, { captured_at_source: 'upload' }), WINDOW, HOUR, 2000)).toBe(true);
    expect(belongsToEvent(candidate('marker', 3), null, HOUR, 2000)).toBe(true);
  });
  it('takes a dated photo inside the window ± margin near the place, and no other', () => {
    expect(belongsToEvent(candidate('time', 17.5), WINDOW, HOUR, 2000)).toBe(true);
    expect(belongsToEvent(candidate('time', 19), WINDOW, HOUR, 2000)).toBe(false);
    expect(belongsToEvent(candidate('time', 15, { match_latitude: 53.55, match_longitude: 9.99 }), WINDOW, HOUR, 2000)).toBe(false);
    expect(belongsToEvent(candidate('time', 15, { match_latitude: null, match_longitude: null }), WINDOW, HOUR, 2000)).toBe(true);
  });
  it('never places a photo by its upload time, and gathers nothing by time without a window', () => {
    expect(belongsToEvent(candidate('time', 15, { captured_at_source: 'upload' }), WINDOW, HOUR, 2000)).toBe(false);
    expect(belongsToEvent(candidate('cluster', 15, { captured_at_source: 'upload' }), WINDOW, HOUR, 2000)).toBe(false);
    expect(belongsToEvent(candidate('time', 15), null, HOUR, 2000)).toBe(false);
  });
});
