/**
 * The machine's ceiling for `bench:load`, measured in the same run with the same connections:
 * a bare Fastify route in its own process (`bare-echo-server.ts`), Kith's cheapest route straight
 * to one instance, and the same route through the load balancer (the proxy hop's cost).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { exited } from '../../e2e/src/harness.js';
import { cannon, type KindResult, type RequestSpec } from './load-mix.js';
import { f1, table } from './load-report.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));

/** `GET /api/health` when the server has it, else `GET /api/me` without a session (401: auth hook + error path). */
export async function cheapestRoute(url: string): Promise<{ path: string; expected: number }> {
  const res = await fetch(`${url}/api/health`);
  await res.arrayBuffer();
  return res.status === 200 ? { path: '/api/health', expected: 200 } : { path: '/api/me', expected: 401 };
}

/** Same connections and seconds for every row; returns the rows and the printed table. */
export async function baselines(kithUrl: string, lbUrl: string, connections: number, seconds: number) {
  const bare = spawn(process.execPath, ['--import', 'tsx', path.join(HERE, 'bare-echo-server.ts')], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<string>((resolve) => bare.stdout!.once('data', (d: Buffer) => resolve(d.toString().trim())));
  const echo = (): RequestSpec => ({
    method: 'POST',
    path: '/echo',
    headers: { 'content-type': 'application/json' },
    body: '{"hello":"kith"}',
  });
  const bareResult = await cannon(`http://127.0.0.1:${port}`, echo, { connections, seconds });
  const done = exited(bare);
  bare.kill('SIGTERM');
  await done;

  const route = await cheapestRoute(kithUrl);
  const get = (): RequestSpec => ({ method: 'GET', path: route.path, headers: {} });
  const direct = await cannon(kithUrl, get, { connections, seconds });
  const proxied = await cannon(lbUrl, get, { connections, seconds });
  const share = (r: KindResult, status: number) => `${(((r.statuses[status] ?? 0) / r.requests) * 100).toFixed(1)}% ${status}`;
  const rows: (string | number)[][] = [
    ['baseline', 'req/s', 'p50 ms', 'p99 ms', 'answers as expected'],
    ['bare Fastify 5, POST /echo (own process)', f1(bareResult.rps), f1(bareResult.p50), f1(bareResult.p99), share(bareResult, 200)],
    [`Kith GET ${route.path}, direct to 1 instance`, f1(direct.rps), f1(direct.p50), f1(direct.p99), share(direct, route.expected)],
    [
      `Kith GET ${route.path}, through the load balancer`,
      f1(proxied.rps),
      f1(proxied.p50),
      f1(proxied.p99),
      share(proxied, route.expected),
    ],
  ];
  return { bare: bareResult, direct, proxied, route, text: table(rows) };
}
