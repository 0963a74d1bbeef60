/**
 * Draws what the engine found on the six face-api party photos: boxes, organ positions and
 * quality, so the detection counts asserted in faces/test/detection.test.ts can be checked by eye.
 *
 *   npm run annotate:faces   → docs/faces/annotated/sample1..6.webp (960 px wide)
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { createFaceEngine } from '../src/face-engine.js';
import { partyPhotos } from './calibration-data.js';

const OUT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/faces/annotated');
const WIDTH = 960;

const engine = createFaceEngine();
fs.mkdirSync(OUT, { recursive: true });
for (const file of partyPhotos()) {
  const bytes = fs.readFileSync(file);
  const r = await engine.analyse(bytes);
  const k = WIDTH / r.width;
  const shapes = r.faces.map((f, i) => {
    const b = f.box;
    const dots = Object.values(f.landmarks)
      .map((p) => `<circle cx="${p.x * k}" cy="${p.y * k}" r="2.5" fill="#ff0"/>`)
      .join('');
    return `<rect x="${b.x * k}" y="${b.y * k}" width="${b.width * k}" height="${b.height * k}" fill="none" stroke="#0f6" stroke-width="2.5"/>${dots}
      <text x="${b.x * k + 3}" y="${b.y * k - 5}" font-family="sans-serif" font-size="14" fill="#0f6" stroke="#000" stroke-width="0.6">#${i + 1} q${f.quality.score.toFixed(2)} ${Math.round(f.quality.eyeDistancePx)}px</text>`;
  });
  const height = Math.round(r.height * k);
  const label = `<text x="8" y="${height - 10}" font-family="sans-serif" font-size="18" fill="#fff" stroke="#000" stroke-width="0.8">${path.basename(file)}: ${r.faces.length} faces</text>`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}">${shapes.join('')}${label}</svg>`;
  const out = path.join(OUT, path.basename(file).replace('.jpg', '.webp'));
  await sharp(bytes)
    .rotate()
    .resize(WIDTH)
    .composite([{ input: Buffer.from(svg) }])
    .webp({ quality: 70 })
    .toFile(out);
  console.log(`${path.relative(process.cwd(), out)}: ${r.faces.length} faces`);
}
await engine.close();
