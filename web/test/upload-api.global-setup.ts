/**
 * A real HTTP server on loopback that stands in for Kith's `POST /api/assets` in the web tier: the browser
 * tests' Vite server proxies `/api` to it (see `web/vitest.config.ts`). It answers in the upload API's
 * shape (`{ results: [{ filename, status, asset }] }`, server/src/assets/assets.routes.ts) and follows a
 * script the test posts to `/api/__script`: the status of each next upload (201, 503, 415, or `drop` to
 * close the socket without an answer). It records every upload it saw, and the most sent at once, at
 * `/api/__log`.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export const WEB_TEST_API_PORT_ENV = 'KITH_WEB_TEST_API_PORT';

type Step = number | 'drop';

export default async function setup(): Promise<() => Promise<void>> {
  let script: Step[] = [];
  let seen: string[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const server = http.createServer((req, res) => {
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      if (req.url === '/api/__script' && req.method === 'POST') {
        script = JSON.parse(body.toString()) as Step[];
        seen = [];
        maxInFlight = 0;
        return json(200, { ok: true });
      }
      if (req.url === '/api/__log') return json(200, { seen, maxInFlight });
      if (req.url !== '/api/assets' || req.method !== 'POST') return json(404, { code: 'not_found', message: 'No such route.' });
      // The multipart part's filename, read from its header (the body is the browser's real FormData).
      const filename = /filename="([^"]+)"/.exec(body.toString('latin1'))?.[1] ?? 'unknown';
      seen.push(filename);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      const step = script.shift() ?? 201;
      // Answers a little later, so uploads overlap as they do against a real server.
      setTimeout(() => {
        inFlight--;
        if (step === 'drop') return req.socket.destroy();
        if (step === 201)
          return json(201, {
            results: [{ filename, status: 'created', asset: { id: `asset-${seen.length}`, capturedAt: '2014-07-01T12:00:00.000Z' } }],
          });
        if (step === 415)
          return json(415, {
            code: 'unsupported_media_type',
            message: 'This file is not a photo or video Kith can read.',
            details: {
              results: [
                {
                  filename,
                  status: 'failed',
                  error: { code: 'unsupported_media_type', message: 'This file is not a photo or video Kith can read.' },
                },
              ],
            },
          });
        return json(step, { code: 'server_error', message: 'The server failed.' });
      }, 150);
    });
  });
  const port = Number(process.env[WEB_TEST_API_PORT_ENV]);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  process.env[WEB_TEST_API_PORT_ENV] = String((server.address() as AddressInfo).port);
  return () => new Promise<void>((resolve) => server.close(() => resolve()));
}
