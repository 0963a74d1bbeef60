import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp, { type Exif } from 'sharp';

/**
 * Real-photo fixtures for the demo, the benchmarks and tests: the six face-api party photos
 * (1920 px wide JPEGs without capture metadata) re-encoded at a chosen width with EXIF
 * DateTimeOriginal and, optionally, GPS written by sharp/libvips (`withExif`), so Kith's
 * exifr-based ingest reads a real capture time and place.
 *
 * EXIF tags are handed to libvips as strings, which it converts to the tag's EXIF type
 * (ASCII for dates, RATIONAL triples "d/1 m/1 s/100" for GPS); IFD0 is the TIFF image IFD,
 * IFD2 the Exif sub-IFD, IFD3 the GPS IFD (CIPA DC-008 / EXIF 2.32).
 */

const here = path.dirname(fileURLToPath(import.meta.url));
const SAMPLE_DIR = path.resolve(here, '../../node_modules/@vladmandic/face-api/demo');

/** Absolute paths of the six party photos, index 0 = sample1.jpg. */
export const PARTY_PHOTOS: readonly string[] = [1, 2, 3, 4, 5, 6].map((i) => path.join(SAMPLE_DIR, `sample${i}.jpg`));

/** The path of party photo `index` (0-based, `sample{index + 1}.jpg`); throws a RangeError past the last one. */
export function partyPhotoPath(index: number): string {
  const file = PARTY_PHOTOS[index];
  if (file === undefined) throw new RangeError(`There is no party photo ${index}: the samples are 0 to ${PARTY_PHOTOS.length - 1}.`);
  return file;
}

export interface GeoPoint {
  /** Decimal degrees, north positive. */
  latitude: number;
  /** Decimal degrees, east positive. */
  longitude: number;
}

export interface PhotoFixtureOptions {
  /**
   * Capture time. A string `YYYY-MM-DDTHH:mm:ss` is written verbatim as the camera's wall clock;
   * a Date is written in this process's local time (EXIF dates carry no zone, and exifr, hence
   * Kith on this machine, reads them back in local time, so the Date round-trips exactly).
   */
  capturedAt: Date | string;
  /** UTC offset written as OffsetTimeOriginal, e.g. `+02:00`; defaults to this process's offset for a Date. */
  offset?: string;
  /** Output width in px (height keeps the aspect ratio; widths above 1920 upscale). Default: the source width. */
  width?: number;
  gps?: GeoPoint;
  camera?: { make: string; model: string };
  /** JPEG quality 1–100, default 85. */
  quality?: number;
}

const sources = new Map<string, Promise<Buffer>>();
const readSource = (file: string) => {
  if (!sources.has(file)) sources.set(file, fs.readFile(file));
  return sources.get(file)!;
};

const pad = (n: number, w = 2) => String(Math.trunc(n)).padStart(w, '0');

/** `+HH:MM` for this process's zone at instant `d`. */
export function localOffset(d: Date): string {
  const m = -d.getTimezoneOffset();
  return `${m < 0 ? '-' : '+'}${pad(Math.abs(m) / 60)}:${pad(Math.abs(m) % 60)}`;
}

/** EXIF DateTime text `YYYY:MM:DD HH:MM:SS` (EXIF 2.32 §4.6.5). @throws on an unparseable string. */
export function exifDateTime(value: Date | string): string {
  if (typeof value === 'string') {
    const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
    if (!m) throw new Error(`capturedAt "${value}" is not YYYY-MM-DDTHH:mm[:ss]`);
    return `${m[1]}:${m[2]}:${m[3]} ${m[4]}:${m[5]}:${m[6] ?? '00'}`;
  }
  const d = value;
  return `${d.getFullYear()}:${pad(d.getMonth() + 1)}:${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** Absolute decimal degrees as the three EXIF RATIONALs degrees/minutes/seconds (1/10000 s ≈ 3 mm). */
export function gpsRational(deg: number): string {
  const a = Math.abs(deg);
  const d = Math.floor(a);
  const mFloat = (a - d) * 60;
  const m = Math.floor(mFloat);
  const s = Math.round((mFloat - m) * 60 * 10000);
  return `${d}/1 ${m}/1 ${s}/10000`;
}

/** A point `north` / `east` metres from `origin` (equirectangular; fine for a few hundred metres). */
export function offsetMetres(origin: GeoPoint, north: number, east: number): GeoPoint {
  const R = 6_371_000;
  const dLat = (north / R) * (180 / Math.PI);
  const dLon = (east / (R * Math.cos((origin.latitude * Math.PI) / 180))) * (180 / Math.PI);
  return { latitude: origin.latitude + dLat, longitude: origin.longitude + dLon };
}

/**
 * Re-encodes a party photo as a JPEG with EXIF capture time (and GPS when given).
 *
 * @param source index 0–5 into {@link PARTY_PHOTOS}, a file path, or JPEG bytes.
 * @returns the new JPEG bytes; distinct capture times give distinct bytes (hence distinct assets).
 */
export async function makePhotoFixture(source: number | string | Buffer, opts: PhotoFixtureOptions): Promise<Buffer> {
  const input =
    typeof source === 'number'
      ? await readSource(partyPhotoPath(source % PARTY_PHOTOS.length))
      : typeof source === 'string'
        ? await readSource(source)
        : source;
  const offset = opts.offset ?? (opts.capturedAt instanceof Date ? localOffset(opts.capturedAt) : undefined);
  const when = exifDateTime(opts.capturedAt);
  const ifd2: Record<string, string> = { DateTimeOriginal: when, DateTimeDigitized: when };
  if (offset) Object.assign(ifd2, { OffsetTimeOriginal: offset, OffsetTimeDigitized: offset });
  const exif: Exif = {
    IFD0: { Make: opts.camera?.make ?? 'Kith', Model: opts.camera?.model ?? 'Party Fixture', DateTime: when },
    IFD2: ifd2,
  };
  if (opts.gps) {
    const { latitude, longitude } = opts.gps;
    exif.IFD3 = {
      GPSVersionID: '2 3 0 0',
      GPSLatitudeRef: latitude < 0 ? 'S' : 'N',
      GPSLatitude: gpsRational(latitude),
      GPSLongitudeRef: longitude < 0 ? 'W' : 'E',
      GPSLongitude: gpsRational(longitude),
      GPSMapDatum: 'WGS-84',
    };
  }
  let img = sharp(input);
  if (opts.width) img = img.resize({ width: opts.width });
  // withExif replaces whatever EXIF the source carried, so only our tags are in the file.
  return img
    .withExif(exif)
    .jpeg({ quality: opts.quality ?? 85, mozjpeg: false })
    .toBuffer();
}

/** Where one person's face sits in a party photo (pixels of the 1920 px original). */
export interface FaceCrop {
  photo: number;
  left: number;
  top: number;
  size: number;
}

/**
 * One face per demo user, each from a photo another user uploads, so a face-routed share
 * has someone to reach. Picked by eye; squares with some hair and chin around the face.
 */
export const PARTY_FACES: Record<'alice' | 'bob' | 'carol' | 'dave', FaceCrop> = {
  alice: { photo: 2, left: 960, top: 170, size: 400 }, // sample3, middle, blonde
  bob: { photo: 5, left: 600, top: 340, size: 350 }, // sample6, second from the left
  carol: { photo: 0, left: 1410, top: 150, size: 370 }, // sample1, right
  dave: { photo: 3, left: 1165, top: 60, size: 360 }, // sample4, right, blonde
};

/** A square JPEG of one face cut from a party photo, e.g. for a vCard PHOTO. */
export async function cropFace(face: FaceCrop, outPx = 256): Promise<Buffer> {
  const input = await readSource(partyPhotoPath(face.photo));
  return sharp(input)
    .extract({ left: face.left, top: face.top, width: face.size, height: face.size })
    .resize(outPx, outPx)
    .jpeg({ quality: 85 })
    .toBuffer();
}
