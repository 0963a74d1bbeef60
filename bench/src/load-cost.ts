/**
 * What one request of each kind costs the Kith processes, for sizing; CPU = user + system from
 * /proc over all Kith processes (worker threads included) ÷ requests, and apart: the `serve`
 * instances (HTTP, and the jobs too with the in-process queue) and the `kith worker` (BullMQ jobs).
 * - Cheap kinds (timeline page, now-playing submit): alone, closed loop with the run's connections
 *   for a few seconds, as under load (one request at a time would pay an event-loop wake-up each).
 * - Kinds that queue background work (uploads, inbox, region shares): one at a time on the idle
 *   deployment, then the thumbnail, preview, face analysis and event detection waited out. A 640 px
 *   party photo with its 3–5 faces is measured beside the faceless photo the mix uploads, since
 *   face description dominates an upload's cost.
 */
import { makePhotoFixture } from './fixtures.js';
import type { Cluster } from './load-cluster.js';
import { cannon, type builders, type RequestSpec as Spec } from './load-mix.js';
import { multipartFile } from './load-photos.js';
import { cpuMsOf, waitForIdle } from './load-procs.js';
import { f1, table } from './load-report.js';
import type { Seed } from './load-seed.js';

async function send(url: string, spec: Spec): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(`${url}${spec.path}`, {
    method: spec.method,
    headers: spec.headers,
    body: typeof spec.body === 'string' || !spec.body ? spec.body : new Uint8Array(spec.body),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${spec.method} ${spec.path}: HTTP ${res.status} ${text.slice(0, 300)}`);
  return performance.now() - t0;
}

/** CPU ms so far of the `serve` processes together and of the `kith worker` (0 without one). */
function split(cluster: Cluster) {
  const of = (worker: boolean) => cpuMsOf(cluster.processes.filter((p) => (p.role === 'worker') === worker).map((p) => p.pid));
  return { serve: of(false), worker: of(true) };
}

/** CPU ms per request (all Kith processes; serve and worker apart) of `n` sequential requests from `make`, background work included, and their mean latency. */
async function measure(cluster: Cluster, n: number, make: (i: number) => Spec | Promise<Spec>) {
  const pids = cluster.processes.map((p) => p.pid);
  await waitForIdle(pids);
  const c0 = split(cluster);
  let latency = 0;
  for (let i = 0; i < n; i++) latency += await send(cluster.url, await make(i));
  const drain = await waitForIdle(pids);
  const c1 = split(cluster);
  const serve = (c1.serve - c0.serve) / n;
  const worker = (c1.worker - c0.worker) / n;
  return { cpuMs: serve + worker, serveMs: serve, workerMs: worker, latencyMs: latency / n, drainMs: drain.ms };
}

/** CPU ms per request (serve and worker apart) and req/s of `build` alone, closed loop. */
async function alone(cluster: Cluster, build: () => Spec, connections: number, seconds: number) {
  const pids = cluster.processes.map((p) => p.pid);
  await waitForIdle(pids);
  const c0 = split(cluster);
  const r = await cannon(cluster.url, build, { connections, seconds });
  const c1 = split(cluster);
  const serve = (c1.serve - c0.serve) / r.requests;
  const worker = (c1.worker - c0.worker) / r.requests;
  return { cpuMs: serve + worker, serveMs: serve, workerMs: worker, rps: r.rps, p50: r.p50 };
}

export async function costTable(cluster: Cluster, kinds: ReturnType<typeof builders>, seed: Seed, connections: number): Promise<string> {
  const photographer = seed.users[2];
  const facePhoto = async (i: number): Promise<Spec> => {
    const jpeg = await makePhotoFixture(i % 6, { capturedAt: new Date(Date.UTC(2024, 0, 1, 12, i)), width: 640 });
    const { body, contentType } = multipartFile(`party-${i}.jpg`, jpeg);
    return { method: 'POST', path: '/api/assets', headers: { 'content-type': contentType, cookie: photographer.cookie }, body };
  };
  const rows: (string | number)[][] = [['request', 'how', 'CPU ms/request', 'serve ms', 'worker ms', 'req/s', 'latency ms']];
  for (const [label, build] of [
    ['timeline page (100 assets)', kinds.timeline],
    ['now-playing submit (11 friends)', kinds.nowPlaying],
  ] as const) {
    const m = await alone(cluster, build, connections, 8);
    rows.push([label, `alone, ${connections} conn, 8 s`, f1(m.cpuMs), f1(m.serveMs), f1(m.workerMs), f1(m.rps), `${f1(m.p50)} (p50)`]);
  }
  const cases: [string, number, (i: number) => Spec | Promise<Spec>][] = [
    ['upload, faceless 640×400 JPEG', 12, kinds.upload],
    ['upload, 640 px party photo (3–5 faces)', 6, facePhoto],
    ['inbox packet, 1 picture of the recipient', 6, kinds.inbox],
    ['region share, 300–600 px faceless crop', 10, kinds.region],
  ];
  for (const [label, n, make] of cases) {
    const m = await measure(cluster, n, make);
    rows.push([label, `${n} one at a time + background`, f1(m.cpuMs), f1(m.serveMs), f1(m.workerMs), '', `${f1(m.latencyMs)} (mean)`]);
  }
  const tick =
    'CPU from /proc (10 ms ticks) over all Kith processes; background work waited out (idle < 5% of a core for 2 s), idle CPU included.';
  return `${table(rows)}\n  ${tick}`;
}
