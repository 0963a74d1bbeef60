/**
 * Pure event-detection and event-matching rules (no I/O), so they are unit-tested alone.
 *
 * The event-photo-sharing document (US2017032188A1, claim 1) assumes photos already carry a
 * shared event marker. Kith also finds events on its own: photos closer in time than a gap
 * (and, when both have GPS, closer in space than a radius) belong to the same event, the
 * way Google Photos groups a day's outing.
 */

export interface PhotoPoint {
  id: string;
  /** ms since epoch */
  capturedAt: number;
  latitude: number | null;
  longitude: number | null;
}

export interface EventWindow {
  /** ms since epoch, inclusive */
  startAt: number;
  endAt: number;
  latitude: number | null;
  longitude: number | null;
}

const EARTH_RADIUS_M = 6_371_008.8;
const rad = (d: number) => (d * Math.PI) / 180;

/** Great-circle distance in metres (haversine, WGS 84 mean radius). */
export function distanceMeters(aLat: number, aLon: number, bLat: number, bLon: number): number {
  const dLat = rad(bLat - aLat);
  const dLon = rad(bLon - aLon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(aLat)) * Math.cos(rad(bLat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** True unless both sides have a position and they are farther apart than `radiusM`. */
export function nearEnough(
  a: { latitude: number | null; longitude: number | null },
  b: { latitude: number | null; longitude: number | null },
  radiusM: number,
): boolean {
  if (a.latitude == null || a.longitude == null || b.latitude == null || b.longitude == null) return true;
  return distanceMeters(a.latitude, a.longitude, b.latitude, b.longitude) <= radiusM;
}

/**
 * Whether a photo falls in an event's window widened by `slackMs` on both sides and,
 * when both have GPS, within `radiusM` of the event's centre. Used with the detection gap
 * (joining one's own event) and with the sharing margin (contacts' photos of the event).
 */
export function fitsWindow(photo: PhotoPoint, window: EventWindow, slackMs: number, radiusM: number): boolean {
  return photo.capturedAt >= window.startAt - slackMs && photo.capturedAt <= window.endAt + slackMs && nearEnough(photo, window, radiusM);
}

/** The time span and GPS centroid of a set of photos. @throws on an empty set. */
export function windowOf(photos: PhotoPoint[]): EventWindow {
  if (!photos.length) throw new Error('windowOf: no photos');
  let startAt = Infinity;
  let endAt = -Infinity;
  let lat = 0;
  let lon = 0;
  let n = 0;
  for (const p of photos) {
    startAt = Math.min(startAt, p.capturedAt);
    endAt = Math.max(endAt, p.capturedAt);
    if (p.latitude != null && p.longitude != null) {
      lat += p.latitude;
      lon += p.longitude;
      n++;
    }
  }
  return { startAt, endAt, latitude: n ? lat / n : null, longitude: n ? lon / n : null };
}

/**
 * Splits photos into events: sorted by capture time, a new event starts when the gap to
 * the previous photo exceeds `gapMs`, or when the photo has GPS farther than `radiusM`
 * from the current event's centroid. O(n log n).
 */
export function clusterPhotos(photos: PhotoPoint[], gapMs: number, radiusM: number): PhotoPoint[][] {
  const sorted = [...photos].sort((a, b) => a.capturedAt - b.capturedAt || a.id.localeCompare(b.id));
  const clusters: PhotoPoint[][] = [];
  let current: PhotoPoint[] = [];
  let lastAt = -Infinity;
  let lat = 0,
    lon = 0,
    n = 0;
  for (const p of sorted) {
    const centre = n ? { latitude: lat / n, longitude: lon / n } : { latitude: null, longitude: null };
    if (current.length && (p.capturedAt - lastAt > gapMs || !nearEnough(p, centre, radiusM))) {
      clusters.push(current);
      current = [];
      lat = lon = n = 0;
    }
    current.push(p);
    lastAt = p.capturedAt;
    if (p.latitude != null && p.longitude != null) {
      lat += p.latitude;
      lon += p.longitude;
      n++;
    }
  }
  if (current.length) clusters.push(current);
  return clusters;
}

/**
 * A person-friendly event name: the date of its start (and the place when known), e.g.
 * "Saturday 13 June 2026 · Berlin". Dates are in UTC unless `timeZone` is given.
 */
export function eventName(startAt: number, place: string | null, timeZone = 'UTC'): string {
  const date = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone }).format(
    startAt,
  );
  return place ? `${date.replace(',', '')} · ${place}` : date.replace(',', '');
}

/**
 * The marker code of an explicit tag: lower-case, words joined by dashes, so "Anna's
 * Birthday 2026" typed by two people is the same marker.
 */
export function markerFromTag(tag: string): string {
  const code = tag
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 100);
  return code || 'event';
}
