/**
 * `npx tsx scripts/make-web-icons.ts`: draws Kith's app icons from one SVG into web/public, so the
 * web app manifest (web/src/manifest.ts) and the browser tab have every size they ask for:
 * - icons/icon-192.png, icons/icon-512.png: "any" purpose, the rounded mark on transparency;
 * - icons/maskable-512.png: full-bleed background, the mark inside the 80 % safe zone the
 *   W3C Web App Manifest "maskable" purpose guarantees is never cropped (Manifest §"icon masks");
 * - apple-touch-icon.png (180 px, opaque: iOS fills transparency with black);
 * - favicon.ico with 16, 32 and 48 px PNG images (png-to-ico), for browsers and tools that ask for /favicon.ico.
 * The outputs are committed; run this again only when the mark changes.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pngToIco from 'png-to-ico';
import sharp from 'sharp';

const PUBLIC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../web/public');
/** Kith's primary colour (web/src/styles/base.css `--primary`). */
export const BRAND = '#4255d4';

/** The mark of web/public/favicon.svg, on a 32-unit grid; `scale` shrinks the two circles toward the centre (0..1). */
function markSvg(opts: { rounded: boolean; scale: number }): string {
  const s = opts.scale;
  const shift = (32 - 32 * s) / 2;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">
  <rect width="32" height="32" rx="${opts.rounded ? 8 : 0}" fill="${BRAND}"/>
  <g transform="translate(${shift} ${shift}) scale(${s})">
    <circle cx="12" cy="13" r="5" fill="#fff"/><circle cx="21" cy="18" r="6" fill="#fff" fill-opacity=".75"/>
  </g>
</svg>`;
}

/** One square PNG of `size` px rendered from `svg`. */
async function png(svg: string, size: number): Promise<Buffer> {
  return sharp(Buffer.from(svg), { density: Math.ceil((72 * size) / 32) })
    .resize(size, size)
    .png({ compressionLevel: 9 })
    .toBuffer();
}

async function main(): Promise<void> {
  await mkdir(path.join(PUBLIC, 'icons'), { recursive: true });
  const any = markSvg({ rounded: true, scale: 1 });
  // The maskable safe zone is a centred circle of 40 % radius: the mark (about 22 of 32 units wide) at 0.8 stays inside it.
  const maskable = markSvg({ rounded: false, scale: 0.8 });
  const out: Array<[string, Buffer]> = [
    ['icons/icon-192.png', await png(any, 192)],
    ['icons/icon-512.png', await png(any, 512)],
    ['icons/maskable-512.png', await png(maskable, 512)],
    ['apple-touch-icon.png', await png(markSvg({ rounded: false, scale: 0.9 }), 180)],
  ];
  const small = await Promise.all([16, 32, 48].map((size) => png(any, size)));
  out.push(['favicon.ico', await pngToIco(small)]);
  for (const [name, bytes] of out) {
    await writeFile(path.join(PUBLIC, name), bytes);
    console.log(`${name}: ${bytes.length} bytes`);
  }
}

await main();
