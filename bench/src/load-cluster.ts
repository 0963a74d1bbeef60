/**
 * A Kith deployment for `bench:load`: N `kith serve` processes on the run's PostgreSQL, Redis and
 * blob store, an optional `kith worker` (BullMQ), and the round-robin load balancer in front
 * (also with one instance, so both configurations pay the same proxy hop).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { exited, REPO_ROOT } from '../../e2e/src/harness.js';
import { startKithServer, type KithChild } from './bench-harness.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));

export interface KithProcess {
  role: string;
  pid: number;
}

export interface Cluster {
  /** The load balancer's URL: what clients use. */
  url: string;
  /** The region-share source image, served beside the load balancer. */
  imageUrl: string;
  instances: KithChild[];
  /** Every Kith process (serve and worker), for RSS and CPU. */
  processes: KithProcess[];
  lbPid: number;
  stop(): Promise<void>;
}

/** Environment every process of one run shares (the run's database, Redis, blobs, secret, data dir). */
export interface ClusterEnv {
  env: Record<string, string>;
  dataDir: string;
}

/** Builds the environment of a run: infra env plus what makes N instances one Kith. */
export function clusterEnv(infraEnv: Record<string, string>, faces: 'on' | 'off'): ClusterEnv {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kith-load-'));
  return {
    dataDir,
    env: {
      ...infraEnv,
      // One secret for all instances: phone hashes (now playing) and sealed tokens must agree.
      KITH_SECRET: crypto.randomBytes(32).toString('hex'),
      KITH_FACE_ANALYSIS: faces,
      // Requests come through the load balancer; it forwards the visitor address in X-Forwarded-For.
      KITH_TRUST_PROXY: '127.0.0.1',
      // The region-share source image is served on loopback (Kith's SSRF guard refuses it otherwise).
      KITH_FETCH_ALLOW: '127.0.0.1/32',
      // One bench machine sends every packet to one recipient: the per-IP/per-recipient anti-spam
      // limits (60 and 120 a minute) would refuse most of the mix; the face check still runs on each.
      KITH_INBOX_RATE_PER_IP: '100000',
      KITH_INBOX_RATE_PER_RECIPIENT: '100000',
      KITH_LOG_LEVEL: 'warn',
    },
  };
}

/**
 * `kith worker` (`node --import tsx server/src/main.ts worker`, so the pid is the worker itself)
 * with the run's environment. Ready when it logs "Kith worker is up" (pino, info level: the only
 * info line a worker writes; its jobs log warnings and errors only).
 * @throws when it exits or has not logged that line within `timeoutMs`, with its last output.
 */
async function startWorker(ce: ClusterEnv, timeoutMs = 120_000): Promise<{ pid: number; stop(): Promise<void> }> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts', 'worker'], {
    cwd: REPO_ROOT,
    env: { ...process.env, MALLOC_ARENA_MAX: '2', KITH_DATA_DIR: ce.dataDir, ...ce.env, KITH_LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (d: Buffer) => (output = (output + d.toString()).slice(-4000));
  child.stderr!.on('data', keep);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`\`kith worker\` did not start within ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const onData = (d: Buffer) => {
      keep(d);
      if (!output.includes('Kith worker is up')) return;
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      // Keep draining stdout (a full pipe would block the worker's logger).
      child.stdout!.resume();
      resolve();
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`\`kith worker\` exited with ${code}:\n${output}`));
    });
  }).catch((e: unknown) => {
    child.kill('SIGKILL');
    throw e;
  });
  return {
    pid: child.pid!,
    async stop() {
      if (child.exitCode !== null) return;
      const done = exited(child);
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await done;
      clearTimeout(t);
    },
  };
}

/** Starts the load balancer process over `backends`; resolves with its ports. */
async function startBalancer(imageFile: string, backends: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(HERE, 'load-balancer.ts'), imageFile, ...backends], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const ports = await new Promise<{ lb: number; image: number }>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`load balancer exited with ${code}`)));
    child.stdout!.once('data', (d: Buffer) => resolve(JSON.parse(d.toString()) as { lb: number; image: number }));
  });
  return { child, ports };
}

/**
 * Starts `instances` × `kith serve` one after the other (the first runs the migrations), the
 * worker when the queue is BullMQ, then the load balancer.
 */
export async function startCluster(ce: ClusterEnv, instances: number, opts: { worker: boolean; imageFile: string }): Promise<Cluster> {
  const started: KithChild[] = [];
  let worker: Awaited<ReturnType<typeof startWorker>> | undefined;
  const stopAll = async () => {
    await worker?.stop();
    await Promise.all(started.map((s) => s.stop()));
  };
  let balancer: Awaited<ReturnType<typeof startBalancer>>;
  try {
    for (let i = 0; i < instances; i++)
      started.push(await startKithServer({ dataDir: ce.dataDir, keepDataDir: true, env: ce.env, timeoutMs: 120_000 }));
    if (opts.worker) worker = await startWorker(ce);
    balancer = await startBalancer(
      opts.imageFile,
      started.map((s) => s.url),
    );
  } catch (e) {
    await stopAll();
    throw e;
  }
  const { child: lb, ports } = balancer;
  const processes: KithProcess[] = started.map((s, i) => ({ role: `serve ${i + 1}`, pid: s.pid }));
  if (worker) processes.push({ role: 'worker', pid: worker.pid });
  return {
    url: `http://127.0.0.1:${ports.lb}`,
    imageUrl: `http://127.0.0.1:${ports.image}/photo.jpg`,
    instances: started,
    processes,
    lbPid: lb.pid!,
    async stop() {
      const lbDone = exited(lb);
      lb.kill('SIGTERM');
      await lbDone;
      await stopAll();
    },
  };
}
