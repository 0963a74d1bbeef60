/**
 * Reads what Kith keeps from Google Takeout's JSON files. Pure: the caller reads and `JSON.parse`s the file.
 *
 * Photo sidecars (`IMG_1234.jpg.supplemental-metadata.json`), as Google Photos writes them:
 * ```json
 * { "title": "IMG_1234.jpg", "description": "At the lake",
 *   "photoTakenTime": { "timestamp": "1718305500", "formatted": "Jun 13, 2024, 7:05:00 PM UTC" },
 *   "creationTime": { "timestamp": "1718400000" },
 *   "geoData": { "latitude": 48.85, "longitude": 2.35, "altitude": 0, "latitudeSpan": 0, "longitudeSpan": 0 },
 *   "geoDataExif": { "latitude": 48.85, "longitude": 2.35, … },
 *   "people": [{ "name": "Alice Martin" }] }
 * ```
 * - `photoTakenTime.timestamp` is seconds since the epoch, as a string; `creationTime` is when the photo reached
 *   Google Photos, not when it was taken, so it is not used;
 * - `geoData` holds the place as edited in Google Photos, `geoDataExif` the camera's; 0/0 means "no place";
 * - `people` are the names the owner gave face groups in Google Photos, for the whole photo (no face boxes).
 *
 * Album folders hold a `metadata.json`: `{ "title": "Lake weekend", "description": "", "date": { "timestamp": … } }`.
 */

/** What a sidecar tells about its photo; absent fields were missing or unusable. */
export interface TakeoutSidecar {
  /** The photo's original file name in Google Photos. */
  title?: string;
  /** Capture time, ms since the epoch. */
  capturedAt?: number;
  /** WGS 84 degrees. */
  latitude?: number;
  longitude?: number;
  description?: string;
  /** Names of the people Google Photos recognised in the photo (deduplicated, in order). */
  people: string[];
}

const obj = (v: unknown): Record<string, unknown> | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
const text = (v: unknown, max: number): string | undefined => {
  if (typeof v !== 'string') return undefined;
  const t = v.trim();
  return t ? t.slice(0, max) : undefined;
};

/** Seconds (number or numeric string) → ms; undefined for 0, negative or absurd values. */
function timestamp(v: unknown): number | undefined {
  const s = typeof v === 'string' ? Number(v) : typeof v === 'number' ? v : NaN;
  // 1900 … 2200: anything else is a placeholder.
  return Number.isFinite(s) && s > -2_208_988_800 && s < 7_258_118_400 && s !== 0 ? Math.round(s * 1000) : undefined;
}

function place(v: unknown): { latitude: number; longitude: number } | undefined {
  const g = obj(v);
  const lat = Number(g?.latitude);
  const lon = Number(g?.longitude);
  if (!Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) return undefined;
  if (lat === 0 && lon === 0) return undefined;
  return { latitude: lat, longitude: lon };
}

/** Longest description and person name Kith keeps (the server refuses longer ones). */
export const TAKEOUT_LIMITS = { description: 2000, name: 120, people: 50 } as const;

/** Reads a photo sidecar; never throws (anything unexpected is left out). */
export function readTakeoutSidecar(json: unknown): TakeoutSidecar {
  const o = obj(json) ?? {};
  const names = Array.isArray(o.people) ? o.people.map((p) => text(obj(p)?.name, TAKEOUT_LIMITS.name)) : [];
  const people = [...new Set(names.filter((n): n is string => !!n))].slice(0, TAKEOUT_LIMITS.people);
  const gps = place(o.geoData) ?? place(o.geoDataExif);
  const capturedAt = timestamp(obj(o.photoTakenTime)?.timestamp);
  const title = text(o.title, 255);
  const description = text(o.description, TAKEOUT_LIMITS.description);
  return {
    ...(title ? { title } : {}),
    ...(capturedAt !== undefined ? { capturedAt } : {}),
    ...(gps ?? {}),
    ...(description ? { description } : {}),
    people,
  };
}

/**
 * The album a folder's `metadata.json` names; undefined for year folders ("Photos from 2021" and its
 * localised forms, which carry a year and no album) and for files without a title.
 */
export function takeoutAlbumTitle(json: unknown): string | undefined {
  const title = text(obj(json)?.title, 120);
  if (!title) return undefined;
  if (/^(Photos from|Fotos von|Photos de|Foto del|Fotos de|Foto's uit)\s+\d{4}$/i.test(title)) return undefined;
  return title;
}

/**
 * The `sidecar` field of `POST /api/assets` for one photo: what the server uses when the file's own
 * metadata (EXIF/XMP) lacks it. Undefined when the sidecar adds nothing.
 */
export function sidecarUploadField(s: TakeoutSidecar): string | undefined {
  const field = {
    ...(s.capturedAt !== undefined ? { capturedAt: new Date(s.capturedAt).toISOString() } : {}),
    ...(s.latitude !== undefined && s.longitude !== undefined ? { latitude: s.latitude, longitude: s.longitude } : {}),
    ...(s.description ? { description: s.description } : {}),
    ...(s.people.length ? { people: s.people } : {}),
  };
  return Object.keys(field).length ? JSON.stringify(field) : undefined;
}
