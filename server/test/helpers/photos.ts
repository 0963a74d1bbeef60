import path from 'node:path';
import { createRequire } from 'node:module';
import sharp from 'sharp';
import type { FastifyInstance } from 'fastify';

const require = createRequire(import.meta.url);
/** The six party photos shipped in @vladmandic/face-api (real people, 1920×1280 JPEG). */
export const PARTY_DIR = path.join(path.dirname(require.resolve('@vladmandic/face-api/package.json')), 'demo');
export const partyPath = (n: number) => path.join(PARTY_DIR, `sample${n}.jpg`);

const exifTime = (d: Date) => d.toISOString().slice(0, 19).replace('T', ' ').replace(/-/g, ':');
const dms = (deg: number) => {
  const a = Math.abs(deg);
  const d = Math.floor(a);
  const m = Math.floor((a - d) * 60);
  const s = Math.round(((a - d) * 60 - m) * 60 * 1000);
  return `${d}/1 ${m}/1 ${s}/1000`;
};

export interface PhotoOptions {
  width?: number;
  capturedAt?: Date;
  gps?: { latitude: number; longitude: number };
  quality?: number;
  /** An XMP packet to embed (e.g. {@link exiftoolXmpEvent}). */
  xmp?: string;
}

/**
 * The XMP packet exiftool 12 writes for `exiftool -XMP-iptcExt:Event="…"`: single-quoted
 * attributes, the event as a language alternative, `'` as `&#39;`.
 */
export const exiftoolXmpEvent = (event: string) =>
  `<?xpacket begin='\ufeff' id='W5M0MpCehiHzreSzNTczkc9d'?>\n<x:xmpmeta xmlns:x='adobe:ns:meta/' x:xmptk='Image::ExifTool 12.57'>\n` +
  `<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>\n\n <rdf:Description rdf:about=''\n` +
  `  xmlns:Iptc4xmpExt='http://iptc.org/std/Iptc4xmpExt/2008-02-29/'>\n  <Iptc4xmpExt:Event>\n   <rdf:Alt>\n` +
  `    <rdf:li xml:lang='x-default'>${event.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/'/g, '&#39;')}</rdf:li>\n` +
  `   </rdf:Alt>\n  </Iptc4xmpExt:Event>\n </rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end='w'?>`;

/**
 * A real party photo re-encoded as JPEG with EXIF DateTimeOriginal and GPS written by
 * sharp (libvips), so ingest reads them back with exifr as it would from a camera.
 */
export async function partyPhoto(n: number, opts: PhotoOptions = {}): Promise<Buffer> {
  const exif: Record<string, Record<string, string>> = { IFD0: { Make: 'Kith', Model: 'Party Cam' } };
  if (opts.capturedAt) exif.IFD2 = { DateTimeOriginal: exifTime(opts.capturedAt) };
  if (opts.gps)
    exif.IFD3 = {
      GPSLatitudeRef: opts.gps.latitude >= 0 ? 'N' : 'S',
      GPSLatitude: dms(opts.gps.latitude),
      GPSLongitudeRef: opts.gps.longitude >= 0 ? 'E' : 'W',
      GPSLongitude: dms(opts.gps.longitude),
    };
  const image = sharp(partyPath(n))
    .resize({ width: opts.width ?? 640 })
    .withExif(exif);
  return (opts.xmp ? image.withXmp(opts.xmp) : image).jpeg({ quality: opts.quality ?? 85 }).toBuffer();
}

/** A multipart/form-data body built by the platform's FormData (undici), for app.inject. */
export async function multipart(
  files: Array<{ name?: string; filename: string; data: Buffer; type?: string }>,
  fields: Record<string, string> = {},
): Promise<{ payload: Buffer; headers: Record<string, string> }> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  for (const f of files)
    form.append(f.name ?? 'file', new Blob([new Uint8Array(f.data)], { type: f.type ?? 'application/octet-stream' }), f.filename);
  const res = new Response(form);
  return { payload: Buffer.from(await res.arrayBuffer()), headers: { 'content-type': res.headers.get('content-type')! } };
}

/** `POST /api/assets` as a user (session cookie), the files sent as {@link multipart}; the raw inject answer. */
export async function postAssets(
  app: FastifyInstance,
  user: { cookie: string },
  files: Parameters<typeof multipart>[0],
  fields: Record<string, string> = {},
) {
  const { payload, headers } = await multipart(files, fields);
  return app.inject({ method: 'POST', url: '/api/assets', payload, headers: { ...headers, cookie: user.cookie } });
}
