import { decodeXmlRefs } from '@kith/sdk';
import exifr from 'exifr';

/** What Kith keeps from a photo's own metadata. */
export interface AssetMetadata {
  /** Capture time, ms since epoch; undefined when the file has none. */
  capturedAt?: number;
  latitude?: number;
  longitude?: number;
  cameraMake?: string;
  cameraModel?: string;
  /** EXIF orientation 1–8. */
  orientation?: number;
  /** XMP `Iptc4xmpExt:Event` (IPTC Photo Metadata Standard, "Event"): an event marker carried by the file itself. */
  event?: string;
  /** Place names from XMP (photoshop:City / Iptc4xmpCore:Location), when the camera or an editor set them. */
  city?: string;
  /** Caption: XMP dc:description, else EXIF ImageDescription. */
  description?: string;
}

const firstText = (v: unknown): string | undefined => {
  if (typeof v === 'string') return v.trim() || undefined;
  if (Array.isArray(v)) return firstText(v[0]);
  if (v && typeof v === 'object') {
    // XMP language alternatives come as { lang, value } or { 'x-default': … }.
    const o = v as Record<string, unknown>;
    return firstText(o.value ?? o['x-default'] ?? Object.values(o)[0]);
  }
  return undefined;
};

/** XMP text: exifr hands it over with XML's entities still escaped ("Tom &amp; Jerry"). */
const xmlText = (v: unknown): string | undefined => {
  const t = firstText(v);
  return t === undefined ? undefined : decodeXmlRefs(t).trim() || undefined;
};

const validDate = (d: unknown): number | undefined =>
  d instanceof Date && !Number.isNaN(d.getTime()) && d.getFullYear() > 1900 ? d.getTime() : undefined;

/**
 * EXIF stores capture time as a wall clock ("2026:06:13 21:05:00") and, since EXIF 2.31,
 * its UTC offset separately (OffsetTimeOriginal "+02:00"). exifr reads the wall clock in the
 * server's zone; with an offset we rebuild the true instant, so photos from phones in
 * different zones line up. Without one the server's zone is the best guess, as in Immich.
 */
function withOffset(d: unknown, offset: unknown): number | undefined {
  const local = validDate(d);
  if (local === undefined || typeof offset !== 'string') return local;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(offset.trim());
  if (!m) return local;
  const date = d as Date;
  const wallClockAsUtc = Date.UTC(
    date.getFullYear(),
    date.getMonth(),
    date.getDate(),
    date.getHours(),
    date.getMinutes(),
    date.getSeconds(),
    date.getMilliseconds(),
  );
  return wallClockAsUtc - (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) * 60_000;
}

/**
 * Reads capture time, GPS, camera, orientation and XMP event/place with exifr
 * (EXIF 2.32 / CIPA DC-008, XMP, IPTC). Never throws: a file with unreadable
 * metadata is still a valid photo, it just has none.
 *
 * @param input file path or buffer of the original.
 */
export async function readAssetMetadata(input: string | Buffer): Promise<AssetMetadata> {
  let tags: Record<string, any> | undefined;
  try {
    tags = await exifr.parse(input, {
      tiff: true,
      exif: true,
      gps: true,
      xmp: true,
      iptc: true,
      icc: false,
      jfif: false,
      ihdr: false,
      translateValues: false,
      mergeOutput: true,
    });
  } catch {
    return {};
  }
  if (!tags) return {};
  const lat = Number(tags.latitude);
  const lon = Number(tags.longitude);
  const hasGps = Number.isFinite(lat) && Number.isFinite(lon) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180 && !(lat === 0 && lon === 0);
  return {
    capturedAt:
      withOffset(tags.DateTimeOriginal, tags.OffsetTimeOriginal ?? tags.OffsetTime) ??
      withOffset(tags.CreateDate, tags.OffsetTimeDigitized ?? tags.OffsetTime) ??
      validDate(tags.DateCreated) ??
      withOffset(tags.ModifyDate, tags.OffsetTime),
    ...(hasGps ? { latitude: lat, longitude: lon } : {}),
    cameraMake: firstText(tags.Make),
    cameraModel: firstText(tags.Model),
    orientation: typeof tags.Orientation === 'number' ? tags.Orientation : undefined,
    event: xmlText(tags.Event),
    city: xmlText(tags.City) ?? xmlText(tags.Location),
    description: (xmlText(tags.description) ?? firstText(tags.ImageDescription))?.slice(0, 2000),
  };
}
