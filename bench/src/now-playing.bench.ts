/**
 * `npm run bench:now-playing`: one host with 1,000 linked friends, each friend holding a
 * socket.io connection from client processes apart from the server (one per core, at least 2).
 *
 * 1. Fan-out latency: the host submits `POST /api/now-playing`; each friend's socket stamps when
 *    `now-playing.updated` arrives. Latency = receipt − submit start (epoch ms with sub-ms
 *    resolution, same machine), p50/p99/max over 1,000 friends × ROUNDS submissions; with the CPU
 *    the server and the receivers spent per submission (/proc).
 * 2. Submit throughput: autocannon on `POST /api/now-playing` (10 connections, DURATION s) beside a
 *    bare Fastify echo route in its own process, same run, same settings; reported as a ratio,
 *    with the 1,000 listeners connected (full fan-out) and without them (HTTP + auth + database path),
 *    with the server CPU per request of each (/proc), which does not depend on the machine's load.
 * 3. Memory per idle connection: server RSS (VmRSS) before and after 10,000 idle sockets
 *    (8 processes × 1,250, tokens reused: one account may have many devices), delta ÷ count.
 *
 * Targets: p99 < 50 ms, ≥ 50 % of the bare route's throughput (the submission without listeners;
 * with 1,000 listeners each submission is 1,000 pushes, reported as messages/s), < 20 KB per idle
 * connection. `BENCH_CPU_PROF` / `BENCH_CLIENT_PROF` = a directory: `--cpu-prof` of the server / the
 * receivers. `BENCH_PARTS`, `BENCH_CLIENT_PROCS` and the sizes below change the run.
 * Printed figures only; never part of the test pass/fail.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { procCpuMs, startKithServer, verdict, type KithChild } from './bench-harness.js';
import { seedNowPlaying } from './now-playing-seed.js';

const FRIENDS = Number(process.env.BENCH_FRIENDS ?? 1000);
// One receiving process per core (at least 2): the receivers share the machine with the server, so
// their CPU time adds to the latency measured. On 2 cores, 4 processes spent 36 ms of CPU per
// submission receiving 1,000 messages and 2 spent 27 ms (context switches): see bench/README.md.
const CLIENT_PROCS = Number(process.env.BENCH_CLIENT_PROCS ?? Math.max(2, os.availableParallelism()));
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);
const DURATION = Number(process.env.BENCH_DURATION ?? 8);
const IDLE = Number(process.env.BENCH_IDLE ?? 10_000);
const IDLE_PROCS = 8;
/** `BENCH_PARTS=latency,throughput` runs only those parts (default: all three). */
const PARTS = new Set((process.env.BENCH_PARTS ?? 'latency,throughput,memory').split(','));
const here = path.dirname(fileURLToPath(import.meta.url));
const nowMs = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

interface Client {
  proc: ChildProcess;
  ask<T>(msg: object, type: string): Promise<T>;
}

function startClient(): Client {
  const proc = fork(path.join(here, 'now-playing-clients.ts'), [], {
    execArgv: [
      ...(process.env.BENCH_CLIENT_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CLIENT_PROF}`] : []),
      '--import',
      'tsx',
    ],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return {
    proc,
    ask: <T>(msg: object, type: string) =>
      new Promise<T>((resolve) => {
        const on = (m: any) => m.type === type && (proc.off('message', on), resolve(m as T));
        proc.on('message', on);
        proc.send(msg);
      }),
  };
}

async function connectClients(
  url: string,
  tokens: string[],
  procs: number,
  listen: boolean,
): Promise<{ clients: Client[]; connected: number }> {
  const clients = Array.from({ length: procs }, startClient);
  const per = Math.ceil(tokens.length / procs);
  const answers = await Promise.all(
    clients.map((c, i) =>
      c.ask<{ count: number }>({ type: 'connect', url, tokens: tokens.slice(i * per, (i + 1) * per), listen }, 'connected'),
    ),
  );
  return { clients, connected: answers.reduce((n, a) => n + a.count, 0) };
}

const closeClients = async (clients: Client[]) =>
  Promise.all(clients.map((c) => new Promise((r) => (c.proc.once('exit', r), c.proc.send({ type: 'close' })))));

async function submit(url: string, token: string, title: string): Promise<number> {
  const t0 = nowMs();
  const res = await fetch(`${url}/api/now-playing`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ title, artist: 'Bench', duration_ms: 240_000 }),
  });
  if (!res.ok) throw new Error(`submit: HTTP ${res.status} ${await res.text()}`);
  return t0;
}

/** Resolves with a client's receipt times for `title` once all its sockets have it (the client says so itself). */
function complete(c: Client, title: string): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      c.proc.off('message', on);
      void c
        .ask<{ times: number[] }>({ type: 'receipts', title }, 'receipts')
        .then((a) => reject(new Error(`a client process got "${title}" on only ${a.times.length} sockets within 5 s`)));
    }, 5000);
    const on = (m: any) => {
      if (m.type !== 'complete' || m.title !== title) return;
      clearTimeout(timer);
      c.proc.off('message', on);
      resolve(m.times);
    };
    c.proc.on('message', on);
  });
}

/**
 * Submits ROUNDS plays (after 3 warm-ups) one at a time, each once every friend received the last.
 * The client processes report when all their sockets have a play, so nothing polls them while
 * they receive.
 */
async function latency(server: KithChild, hostToken: string, clients: Client[]): Promise<number[]> {
  const samples: number[] = [];
  for (let k = -3; k < ROUNDS; k++) {
    const title = `bench-${k}`;
    const done = Promise.all(clients.map((c) => complete(c, title))); // listening before the submit: receipts may beat its answer
    const t0 = await submit(server.url, hostToken, title);
    const times = (await done).flat();
    if (times.length !== FRIENDS) throw new Error(`${times.length}/${FRIENDS} friends received "${title}"`);
    if (k >= 0) samples.push(...times.map((t) => t - t0)); // the first three warm up JIT and caches
  }
  return samples;
}

/** Requests per second, and the CPU µs the serving process `pid` spent per request. */
async function cannon(url: string, headers: Record<string, string>, body: string, pid: number): Promise<{ rps: number; cpuUs: number }> {
  const cpu0 = procCpuMs(pid);
  const result = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
    connections: 10,
    duration: DURATION,
  });
  if (result.non2xx) throw new Error(`${url}: ${result.non2xx} non-2xx answers`);
  return { rps: result.requests.average, cpuUs: ((procCpuMs(pid) - cpu0) * 1000) / result.requests.total };
}

async function startBare(): Promise<{ url: string; pid: number; stop: () => void }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'bare-echo-server.ts')], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<string>((resolve) => proc.stdout!.once('data', (d: Buffer) => resolve(d.toString().trim())));
  return { url: `http://127.0.0.1:${port}/echo`, pid: proc.pid!, stop: () => proc.kill('SIGTERM') };
}

async function main(): Promise<void> {
  console.log(
    `Kith now-playing benchmark: 1 host, ${FRIENDS} linked friends (${os.availableParallelism()} CPUs, load ${os.loadavg()[0].toFixed(1)})`,
  );
  const secret = crypto.randomBytes(32).toString('hex');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kith-bench-np-'));
  const seed = await seedNowPlaying(path.join(dataDir, 'kith.db'), secret, FRIENDS);
  const server = await startKithServer({ dataDir, env: { KITH_SECRET: secret } });
  const lines: string[] = [];
  try {
    let { clients, connected } = await connectClients(server.url, seed.friendTokens, CLIENT_PROCS, true);
    console.log(`  ${connected} friends connected from ${CLIENT_PROCS} client processes`);
    if (PARTS.has('latency')) {
      const cpu0 = [server.pid, ...clients.map((c) => c.proc.pid!)].map(procCpuMs);
      const lat = await latency(server, seed.hostToken, clients);
      const cpu1 = [server.pid, ...clients.map((c) => c.proc.pid!)].map(procCpuMs);
      const perSubmit = (from: number, to: number) =>
        (cpu1.slice(from, to).reduce((a, b) => a + b, 0) - cpu0.slice(from, to).reduce((a, b) => a + b, 0)) / (ROUNDS + 3);
      const p50 = pct(lat, 50);
      const p99 = pct(lat, 99);
      lines.push(
        `  fan-out latency, submit → friend's socket (${lat.length} receipts, ${ROUNDS} submissions × ${FRIENDS}):`,
        `    p50 ${p50.toFixed(1)} ms   p99 ${p99.toFixed(1)} ms   max ${Math.max(...lat).toFixed(1)} ms   ${verdict(p99 < 50, 'p99 < 50 ms')}`,
        `    CPU per submission: server ${perSubmit(0, 1).toFixed(1)} ms, the ${CLIENT_PROCS} client processes ${perSubmit(1, 1 + CLIENT_PROCS).toFixed(1)} ms (10 ms ticks, averaged)`,
      );
    }

    if (PARTS.has('throughput')) {
      const body = JSON.stringify({ title: 'Throughput', artist: 'Bench', duration_ms: 240_000 });
      const auth = { authorization: `Bearer ${seed.hostToken}` };
      const bare = await startBare();
      const bare1 = await cannon(bare.url, {}, body, bare.pid);
      const fan = await cannon(`${server.url}/api/now-playing`, auth, body, server.pid);
      await closeClients(clients);
      clients = [];
      const quiet = await cannon(`${server.url}/api/now-playing`, auth, body, server.pid);
      const bare2 = await cannon(bare.url, {}, body, bare.pid);
      bare.stop();
      const bareMean = (bare1.rps + bare2.rps) / 2; // before and after: load that comes and goes weighs on both sides
      const row = (label: string, r: { rps: number; cpuUs: number }, ratio?: number) =>
        `    ${label.padEnd(34)} ${r.rps.toFixed(0).padStart(6)} req/s  ${r.cpuUs.toFixed(0).padStart(5)} µs server CPU/req` +
        (ratio === undefined ? '' : `  ratio ${ratio.toFixed(2)}`);
      lines.push(
        `  submit throughput (autocannon, 10 connections, ${DURATION} s each; CPU from /proc, 10 ms ticks):`,
        row(`bare Fastify echo route, before`, bare1),
        row(`bare Fastify echo route, after`, bare2),
        row(`POST /api/now-playing, 0 sockets`, quiet, quiet.rps / bareMean) +
          `  ${verdict(quiet.rps / bareMean >= 0.5, '≥ 0.50 of the bare mean')}`,
        row(`POST /api/now-playing, ${FRIENDS} sockets`, fan, fan.rps / bareMean) +
          `  (each submit pushes ${FRIENDS} messages: ${((fan.rps * FRIENDS) / 1000).toFixed(0)}k messages/s)`,
      );
    }
    await closeClients(clients);

    if (PARTS.has('memory')) {
      await sleep(2000);
      const before = server.rssMB();
      const tokens = Array.from({ length: IDLE }, (_, i) => seed.friendTokens[i % seed.friendTokens.length]);
      ({ clients, connected } = await connectClients(server.url, tokens, IDLE_PROCS, false));
      await sleep(3000);
      const after = server.rssMB();
      const perConnKB = ((after - before) * 1e6) / connected / 1000;
      lines.push(
        `  memory: ${connected} idle sockets; server RSS ${before.toFixed(0)} MB → ${after.toFixed(0)} MB`,
        `    ${perConnKB.toFixed(1)} KB per idle connection (RSS delta ÷ count, KB = 1000 B)   ${verdict(perConnKB < 20, '< 20 KB')}`,
      );
      await closeClients(clients);
    }
  } finally {
    await server.stop();
  }
  for (const l of lines) console.log(l);
}

main().catch((e: unknown) => {
  console.error('bench:now-playing failed:', e);
  process.exit(1);
});
