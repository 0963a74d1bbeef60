/**
 * `bench:load`'s load balancer, run as its own process (so its CPU is neither the bench's nor
 * Kith's): round-robin HTTP/1.1 reverse proxy over the Kith instances given as arguments, with
 * keep-alive to each backend, like a minimal nginx `upstream` without websockets. It appends the
 * client's address to `X-Forwarded-For` (Kith runs with `KITH_TRUST_PROXY=127.0.0.1`, so per-IP
 * limits see the visitor address the bench puts there). Also serves the region-share source
 * image on a second port (`GET /photo.jpg`), which Kith fetches through its SSRF guard.
 *
 * Usage: `node --import tsx load-balancer.ts <image file> <backend url>...`; prints
 * `{"lb":<port>,"image":<port>}` on stdout once both listen on 127.0.0.1. Answers 502 when a
 * backend cannot be reached (counted by the bench like any non-2xx).
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

const [imageFile, ...backendUrls] = process.argv.slice(2);
if (!imageFile || !backendUrls.length) {
  console.error('usage: load-balancer.ts <image file> <backend url>...');
  process.exit(2);
}
const backends = backendUrls.map((u) => new URL(u));
// Enough sockets for every autocannon connection to have one to each backend.
const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });
let next = 0;

const lb = http.createServer((req, res) => {
  const target = backends[next++ % backends.length];
  const forwarded = req.headers['x-forwarded-for'];
  const headers = { ...req.headers, 'x-forwarded-for': `${forwarded ? `${String(forwarded)}, ` : ''}${req.socket.remoteAddress}` };
  const upstream = http.request(
    { host: target.hostname, port: target.port, method: req.method, path: req.url, headers, agent },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  upstream.on('error', (e) => {
    // Printed (the bench's stderr is ours): a 502 in the tables is then explained.
    console.error(`load balancer: ${req.method} ${req.url} → ${target.host}: ${e.message}`);
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ code: 'bad_gateway', message: e.message }));
  });
  req.pipe(upstream);
});
lb.keepAliveTimeout = 30_000;

const image = fs.readFileSync(imageFile);
const images = http.createServer((_req, res) =>
  res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': image.length }).end(image),
);

const listen = (server: http.Server) =>
  new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
const ports = { lb: await listen(lb), image: await listen(images) };
process.stdout.write(`${JSON.stringify(ports)}\n`);
process.on('SIGTERM', () => process.exit(0));
