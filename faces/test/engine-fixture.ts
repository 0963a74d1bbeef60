/** One engine per test file (pool of 1: tests run files in parallel on a 2-core machine). */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import sharp from 'sharp';

const require = createRequire(import.meta.url);
const DEMO_DIR = path.join(path.dirname(require.resolve('@vladmandic/face-api')), '../demo');

/** The face-api party photos, always present after install. */
export const partyPhoto = (n: number) => fs.readFileSync(path.join(DEMO_DIR, `sample${n}.jpg`));

/** A 640×480 image with no face: a smooth gradient with some shapes. */
export async function facelessImage(): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="480">
    <defs><linearGradient id="g"><stop offset="0" stop-color="#2a6"/><stop offset="1" stop-color="#8cf"/></linearGradient></defs>
    <rect width="640" height="480" fill="url(#g)"/><rect x="80" y="300" width="200" height="120" fill="#754"/>
    <circle cx="480" cy="120" r="60" fill="#fd5"/></svg>`;
  return sharp(Buffer.from(svg)).jpeg().toBuffer();
}
