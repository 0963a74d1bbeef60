/**
 * A third-party page for the region-share e2e test, served on loopback from another port
 * (so another origin than Kith): images of several sizes (one below the threshold), one
 * CSS-scaled, one with srcset, one with object-fit: contain, and one added after load.
 * Every image is a sharp-generated pattern in which no two neighbouring pixels are equal.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import sharp from 'sharp';

export async function pattern(width: number, height: number, seed = 0): Promise<Buffer> {
  const raw = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      raw[i] = (x * 7 + seed) & 255;
      raw[i + 1] = (y * 5 + seed * 3) & 255;
      raw[i + 2] = (x ^ y) & 255;
    }
  return sharp(raw, { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
}

/** The images the page shows, by file name. */
export type RegionImageName = 'big.png' | 'small.png' | 'square.png' | 'wide-400.png' | 'wide-800.png' | 'contain.png' | 'late.png';

export interface RegionPage {
  url: string;
  images: Readonly<Record<RegionImageName, Buffer>>;
  /** Sets the Kith script tag the page embeds (the site key needs the page's origin first). */
  setScript(tag: string): void;
  close(): Promise<void>;
}

/** Serves `/` (the page) and the images. */
export async function startRegionPage(): Promise<RegionPage> {
  let script = '';
  const images: Record<RegionImageName, Buffer> = {
    'big.png': await pattern(800, 600, 1),
    'small.png': await pattern(120, 90, 2),
    'square.png': await pattern(300, 300, 3),
    'wide-400.png': await pattern(400, 200, 4),
    'wide-800.png': await pattern(800, 400, 4),
    'contain.png': await pattern(600, 300, 5),
    'late.png': await pattern(320, 240, 6),
  };
  const html = () => `<!doctype html><html><head><meta charset="utf-8"><title>Field notes</title>
<style>body{font:16px Georgia,serif;margin:40px auto;max-width:900px;color:#222;background:#faf8f3}
img{display:block;margin:24px 0}.scaled{width:400px;height:auto;border:6px solid #333;padding:4px}
.contain{width:400px;height:400px;object-fit:contain;background:#ddd}h1{font-weight:normal}</style></head>
<body><h1>Field notes from the marsh</h1><p>Some pictures from the walk.</p>
<img id="big" class="scaled" src="/big.png" alt="big, CSS-scaled to half">
<img id="small" src="/small.png" alt="small, below the threshold">
<img id="square" src="/square.png" alt="square">
<img id="wide" srcset="/wide-400.png 400w, /wide-800.png 800w" sizes="400px" src="/wide-400.png" alt="srcset">
<img id="contain" class="contain" src="/contain.png" alt="object-fit contain">
<div id="later"></div>
<script>addEventListener('load', () => { const i = new Image(); i.id = 'late'; i.src = '/late.png'; i.alt = 'added after load'; document.getElementById('later').append(i); });</script>
${script}
</body></html>`;
  const server = http.createServer((req, res) => {
    const name = (req.url ?? '/').slice(1);
    const image = (images as Partial<Record<string, Buffer>>)[name];
    if (name === '') res.writeHead(200, { 'content-type': 'text/html' }).end(html());
    else if (image) res.writeHead(200, { 'content-type': 'image/png' }).end(image);
    else res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    images,
    setScript: (tag) => (script = tag),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/**
 * Brings the image `selector` into view and hovers it (entering near the top-left corner,
 * `inset` px in, then moving to its centre) until the overlay's selection box is shown.
 */
export async function hoverUntilSelection(page: Page, selector: string, inset = 3): Promise<void> {
  const img = page.locator(selector);
  await img.scrollIntoViewIfNeeded();
  const b = (await img.boundingBox())!;
  await page.mouse.move(b.x + inset, b.y + inset);
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 3 });
  await page.getByTestId('krs-sel').waitFor();
}
