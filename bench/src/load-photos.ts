/**
 * Real JPEGs for `bench:load`, from the face-api party photos (bench fixtures):
 * - library photos: 640×400 crops of the lower part of party photo 1 (bodies and tables, below
 *   every face), each with its own EXIF capture time. Face analysis still runs on every upload
 *   (detection finds nothing), so the mix pays detection but not the per-face description that
 *   bench:faces measures (~0.7 s of CPU for a 4-face party photo there);
 * - inbox pictures: the recipient's face (alice's face from party photo 3) at varied sizes:
 *   the inbox accepts only pictures that show the recipient;
 * - every request's bytes made unique with a JPEG comment (COM) segment, so no upload is a duplicate.
 */
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import sharp from 'sharp';
import { cropFace, makePhotoFixture, PARTY_FACES, PARTY_PHOTOS } from './fixtures.js';

/** Party photo 1 (1920×1280): its faces end at y ≈ 710 px, so crops from y ≥ 760 show none. */
export const FACELESS_SOURCE = PARTY_PHOTOS[0];
const BAND = { top: 760, width: 1920, height: 1280 - 760 };
export const CROP = { width: 640, height: 400 };

/** `count` faceless library photos (640×400, ~40 KB), capture times one minute apart ending at `end`. */
export async function facelessPhotos(count: number, end = new Date('2025-06-01T18:00:00')): Promise<Buffer[]> {
  const source = await fs.readFile(FACELESS_SOURCE);
  const out: Buffer[] = [];
  for (let i = 0; i < count; i++) {
    const left = (i * 97) % (BAND.width - CROP.width);
    const top = BAND.top + ((i * 31) % (BAND.height - CROP.height));
    const crop = await sharp(source)
      .extract({ left, top, ...CROP })
      .toBuffer();
    out.push(await makePhotoFixture(crop, { capturedAt: new Date(end.getTime() - i * 60_000), quality: 80 + (i % 10) }));
  }
  return out;
}

/** A random faceless rectangle (px of party photo 1) for a region share, 300–600 px wide. */
export function facelessRect(): { x: number; y: number; width: number; height: number } {
  const width = 300 + Math.floor(Math.random() * 300);
  const height = Math.min(BAND.height, Math.round(width * 0.75));
  return {
    x: Math.floor(Math.random() * (BAND.width - width)),
    y: BAND.top + Math.floor(Math.random() * (BAND.height - height + 1)),
    width,
    height,
  };
}

/** The inbox recipient's reference face (alice's face, 256 px). */
export const recipientReferenceFace = () => cropFace(PARTY_FACES.alice, 256);

/** `count` pictures of the recipient's face for inbox packets, 280–480 px, one face each. */
export async function recipientPictures(count: number): Promise<Buffer[]> {
  return Promise.all(Array.from({ length: count }, (_, i) => cropFace(PARTY_FACES.alice, 280 + ((i * 20) % 200))));
}

/**
 * The JPEG with a comment segment (COM, 0xFFFE; ITU T.81 B.2.4.5) right after SOI carrying a
 * random id: same pixels, new bytes and SHA-256, so Kith stores a new asset.
 */
export function uniqueJpeg(jpeg: Buffer): Buffer {
  const text = Buffer.from(`kith-load ${crypto.randomUUID()}`);
  const header = Buffer.from([0xff, 0xfe, 0, 0]);
  header.writeUInt16BE(text.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), header, text, jpeg.subarray(2)]);
}

const BOUNDARY = '----kith-load-boundary';

/** A multipart/form-data body with one `file` part (RFC 7578), and its content type. */
export function multipartFile(filename: string, bytes: Buffer): { body: Buffer; contentType: string } {
  const head = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: image/jpeg\r\n\r\n`;
  return {
    body: Buffer.concat([Buffer.from(head), bytes, Buffer.from(`\r\n--${BOUNDARY}--\r\n`)]),
    contentType: `multipart/form-data; boundary=${BOUNDARY}`,
  };
}
