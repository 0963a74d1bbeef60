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
