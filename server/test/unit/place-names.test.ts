import { describe, expect, it } from 'vitest';
import { loadPlaceIndex } from '../../src/events/place-names.js';

describe('offline place names', () => {
  it('names the best-known place near a point, and nothing in the middle of the ocean', async () => {
    const places = await loadPlaceIndex();
    expect(places.nameAt(52.52, 13.405)).toBe('Berlin');
    expect(places.nameAt(52.4986, 13.4033)).toBe('Berlin'); // Kreuzberg is Berlin, not the suburb
    expect(places.nameAt(48.8566, 2.3522)).toBe('Paris');
    expect(places.nameAt(35.6762, 139.6503)).toBe('Tokyo');
    expect(places.nameAt(0, -30)).toBeNull();
  });
});

describe('places by name (search)', () => {
  it('finds every place of a name, accents and case ignored, most populous first', async () => {
    const places = await loadPlaceIndex();
    const lisbon = places.placesNamed('lisbon');
    expect(lisbon[0]).toMatchObject({ name: 'Lisbon' });
    expect(lisbon[0].latitude).toBeCloseTo(38.72, 1);
    expect(lisbon.length).toBeGreaterThan(1); // Lisbon, Portugal, and several in the United States
    expect(places.placesNamed('SAO PAULO')[0]).toMatchObject({ name: 'São Paulo' });
    expect(places.placesNamed('new york city')[0].name).toBe('New York City');
    expect(places.placesNamed('nowhere-at-all')).toEqual([]);
    expect(places.placesNamed('berlin', 2)).toHaveLength(2);
  });
});
