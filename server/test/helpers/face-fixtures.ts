import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { partyPath } from './photos.js';

/**
 * Labelled face photos of public figures (read /work/shared/fixtures/faces/SOURCES.md); never
 * copied into the repo. Tests that need them skip with a message when the folder is absent.
 */
export const FACE_FIXTURES = process.env.KITH_FACE_FIXTURES ?? '/work/shared/fixtures/faces';
export const hasFaceFixtures = fs.existsSync(path.join(FACE_FIXTURES, 'labels.json'));
if (!hasFaceFixtures) console.warn(`face fixtures absent at ${FACE_FIXTURES}: the clustering-by-identity tests are skipped`);

/** File (relative to FACE_FIXTURES) → person label. */
export const faceLabels = (): Record<string, string> =>
  hasFaceFixtures ? JSON.parse(fs.readFileSync(path.join(FACE_FIXTURES, 'labels.json'), 'utf8')) : {};

export const fixtureBytes = (file: string) => fs.readFileSync(path.join(FACE_FIXTURES, file));

/** Face boxes of party photo 1 (px of the 1920×1280 original), measured with the engine: eyes 107–117 px apart. */
export const PARTY1_FACES = [
  { left: 330, top: 313, width: 358, height: 356 },
  { left: 1430, top: 187, width: 279, height: 279 },
  { left: 770, top: 378, width: 330, height: 332 },
];

/** One party guest's face, e.g. as a reference face: party photo 1 cropped around one face with a margin (one usable face). */
export async function partyFaceCrop(face = 0): Promise<Buffer> {
  const b = PARTY1_FACES[face];
  if (!b) throw new RangeError(`There is no face ${face} in party photo 1: the faces are 0 to ${PARTY1_FACES.length - 1}.`);
  const m = Math.round(b.width * 0.4);
  return sharp(partyPath(1))
    .extract({ left: Math.max(0, b.left - m), top: Math.max(0, b.top - m), width: b.width + 2 * m, height: b.height + 2 * m })
    .jpeg({ quality: 90 })
    .toBuffer();
}

/** An image with no face at all: a smooth gradient. */
export async function faceless(): Promise<Buffer> {
  const w = 640;
  const h = 480;
  const raw = Buffer.alloc(w * h * 3);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) raw.set([Math.round((x / w) * 255), Math.round((y / h) * 255), 128], (y * w + x) * 3);
  return sharp(raw, { raw: { width: w, height: h, channels: 3 } })
    .jpeg()
    .toBuffer();
}
