import { describe, expect, it } from 'vitest';
import {
  clusterPhotos,
  distanceMeters,
  eventName,
  fitsWindow,
  markerFromTag,
  windowOf,
  type PhotoPoint,
} from '../../src/events/event-detection.js';

const H = 3600_000;
const at = (iso: string) => Date.parse(iso);
const p = (id: string, time: string, gps?: [number, number]): PhotoPoint => ({
  id,
  capturedAt: at(time),
  latitude: gps?.[0] ?? null,
  longitude: gps?.[1] ?? null,
});

describe('event detection', () => {
  it('measures great-circle distance in metres', () => {
    // Brandenburg Gate to the Berlin TV tower: about 2.2 km.
    expect(distanceMeters(52.5163, 13.3777, 52.5208, 13.4094)).toBeGreaterThan(2100);
    expect(distanceMeters(52.5163, 13.3777, 52.5208, 13.4094)).toBeLessThan(2300);
    expect(distanceMeters(1, 1, 1, 1)).toBe(0);
  });

  it('splits photos into events at time gaps longer than the threshold', () => {
    const photos = [
      p('a', '2026-06-13T19:00:00Z'),
      p('b', '2026-06-13T21:30:00Z'),
      p('c', '2026-06-14T10:00:00Z'),
      p('d', '2026-06-13T23:00:00Z'),
    ];
    const clusters = clusterPhotos(photos, 3 * H, 2000);
    expect(clusters.map((c) => c.map((x) => x.id))).toEqual([['a', 'b', 'd'], ['c']]);
  });

  it('splits photos taken at the same time in two far-apart places', () => {
    const photos = [
      p('berlin1', '2026-06-13T19:00:00Z', [52.52, 13.405]),
      p('berlin2', '2026-06-13T19:20:00Z', [52.5201, 13.4051]),
      p('paris', '2026-06-13T19:40:00Z', [48.8566, 2.3522]),
    ];
    expect(clusterPhotos(photos, 3 * H, 2000).map((c) => c.map((x) => x.id))).toEqual([['berlin1', 'berlin2'], ['paris']]);
  });

  it('keeps photos without GPS in the event of their time', () => {
    const photos = [p('gps', '2026-06-13T19:00:00Z', [52.52, 13.405]), p('nogps', '2026-06-13T19:10:00Z')];
    expect(clusterPhotos(photos, 3 * H, 2000)).toHaveLength(1);
  });

  it('matches a photo to an event window with a margin and the GPS radius', () => {
    const w = windowOf([p('a', '2026-06-13T19:00:00Z', [52.52, 13.405]), p('b', '2026-06-13T22:00:00Z', [52.521, 13.406])]);
    expect(w.startAt).toBe(at('2026-06-13T19:00:00Z'));
    expect(w.latitude).toBeCloseTo(52.5205, 4);
    expect(fitsWindow(p('x', '2026-06-13T22:45:00Z'), w, H, 2000)).toBe(true);
    expect(fitsWindow(p('x', '2026-06-13T23:30:00Z'), w, H, 2000)).toBe(false);
    expect(fitsWindow(p('x', '2026-06-13T20:00:00Z', [48.85, 2.35]), w, H, 2000)).toBe(false);
    expect(fitsWindow(p('x', '2026-06-13T20:00:00Z', [52.5206, 13.4052]), w, H, 2000)).toBe(true);
  });

  it('names events by date and place, and codes tags the same way for everyone', () => {
    expect(eventName(at('2026-06-13T19:00:00Z'), null)).toBe('Saturday 13 June 2026');
    expect(eventName(at('2026-06-13T19:00:00Z'), 'Berlin')).toBe('Saturday 13 June 2026 · Berlin');
    expect(markerFromTag("Anna's Birthday 2026")).toBe('anna-s-birthday-2026');
    expect(markerFromTag('  anna’s   birthday 2026 ')).toBe('anna-s-birthday-2026');
    expect(markerFromTag('Fête de la Musique')).toBe('fete-de-la-musique');
  });
});
