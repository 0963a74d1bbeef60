import http from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';

/**
 * A PNG where every pixel differs from its neighbours (R = x, G = y, B = x XOR y, mod 256),
 * so a crop shifted by one pixel can never compare equal.
 */
export async function patternPng(width: number, height: number): Promise<Buffer> {
  const raw = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      raw[i] = (x * 7) & 255;
      raw[i + 1] = (y * 5) & 255;
      raw[i + 2] = (x ^ y) & 255;
    }
  return sharp(raw, { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
}

/** Raw RGB pixels of `region` of an image (auto-oriented), decoded by sharp: the expected crop. */
export async function rawRegion(image: Buffer, r: { x: number; y: number; width: number; height: number }): Promise<Buffer> {
  return sharp(image).rotate().extract({ left: r.x, top: r.y, width: r.width, height: r.height }).removeAlpha().raw().toBuffer();
}

/** Raw RGB pixels of a whole image. */
export async function rawOf(image: Buffer): Promise<{ data: Buffer; width: number; height: number }> {
  const { data, info } = await sharp(image).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

export interface LoopServer {
  url: string;
  port: number;
  hits: string[];
  close(): Promise<void>;
}

/** A real HTTP server on loopback answering with `handler`; `hits` lists the paths asked for. */
export async function loopServer(handler: http.RequestListener, host = '127.0.0.1'): Promise<LoopServer> {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    hits.push(req.url ?? '');
    handler(req, res);
  });
  await new Promise<void>((r) => server.listen(0, host, () => r()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    port,
    hits,
    // Also ends connections still waiting for an answer (a server that stalls on purpose).
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}

/**
 * A share request as the embed script sends it for an image it could read: the 32×24 px top-left region of a
 * 64×48 px {@link patternPng}, its bytes along (`imageData`), to the `kith` target. `extra` overrides any field.
 */
export async function sentRegionShare(pageUrl: string, imageUrl: string, extra: Record<string, unknown> = {}) {
  return {
    pageUrl,
    imageUrl,
    imageIndex: 0,
    rect: { x: 0, y: 0, width: 32, height: 24 },
    fraction: { x: 0, y: 0, width: 0.5, height: 0.5 },
    naturalWidth: 64,
    naturalHeight: 48,
    target: 'kith',
    imageData: (await patternPng(64, 48)).toString('base64'),
    ...extra,
  };
}
