/**
 * A multi-instance Kith on this machine: N `kith serve` processes and `kith worker`
 * processes sharing a fresh PostgreSQL database, Redis (socket.io adapter + BullMQ under a fresh
 * key prefix) and an S3-compatible store (s3rver from npm, on loopback), plus a round-robin load
 * balancer (http-proxy-3) in front of the instances, as a deployment would have.
 */
import crypto from 'node:crypto';
import http from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import S3rver from 's3rver';
import { createProxyServer } from 'http-proxy-3';
import { freePort, startKith, type KithServer } from './harness.js';

const PG_ADMIN_URL = process.env.KITH_TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.KITH_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface S3Server {
  endpoint: string;
  bucket: string;
  /** Where s3rver keeps objects: `<dir>/<bucket>/<key>/…` (tests look for stray objects there). */
  dir: string;
  stop(): Promise<void>;
}

/** s3rver on a free loopback port with an empty directory; Kith creates the bucket at start. */
export async function startS3Server(): Promise<S3Server> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'kith-s3-'));
  const port = await freePort();
  const server = new S3rver({ port, address: '127.0.0.1', silent: true, directory: dir });
  await server.run();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket: 'kith-e2e',
    dir,
    async stop() {
      await server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A fresh database `<namePrefix>_<random>` on the test PostgreSQL (`adminUrl`); `drop()` removes it,
 * closing leftover connections first. Used by the e2e cluster and by `bench:load`.
 * @throws an actionable error when PostgreSQL does not answer within 3 s.
 */
export async function createDatabase(
  o: { adminUrl?: string; namePrefix?: string } = {},
): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const adminUrl = o.adminUrl ?? PG_ADMIN_URL;
  const name = `${o.namePrefix ?? 'kith_e2e'}_${crypto.randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
  await admin.connect().catch((e: Error) => {
    throw new Error(`PostgreSQL at ${adminUrl} does not answer (${e.message}); start it, or point KITH_TEST_PG_ADMIN_URL at it.`);
  });
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export interface Cluster {
  /** The load balancer's URL (round robin over the instances). */
  url: string;
  instances: KithServer[];
  workers: KithServer[];
  s3: S3Server;
  /** The environment every process got: start another worker or instance with it. */
  env: Record<string, string>;
  startWorker(): Promise<KithServer>;
  stop(): Promise<void>;
}

/**
 * Boots the shared parts, then `instances` serve processes and `workers` worker processes.
 * `env` is added to every process (e.g. KITH_FACE_ANALYSIS=on, KITH_QUEUE_LOCK_MS=3000).
 */
export async function startCluster(o: { instances?: number; workers?: number; env?: Record<string, string> } = {}): Promise<Cluster> {
  const db = await createDatabase();
  const s3 = await startS3Server();
  const env: Record<string, string> = {
    KITH_DATABASE_URL: db.url,
    KITH_REDIS_URL: REDIS_URL,
    KITH_QUEUE: 'bullmq',
    KITH_QUEUE_PREFIX: `kith-e2e-${crypto.randomBytes(4).toString('hex')}`,
    KITH_BLOB_STORE: 's3',
    KITH_S3_ENDPOINT: s3.endpoint,
    KITH_S3_BUCKET: s3.bucket,
    KITH_S3_ACCESS_KEY_ID: 'S3RVER',
    KITH_S3_SECRET_ACCESS_KEY: 'S3RVER',
    // Every instance signs cookies and hashes the same way.
    KITH_SECRET: crypto.randomBytes(32).toString('hex'),
    ...o.env,
  };
  // The balancer's address is every instance's public URL, as behind a real load balancer.
  const lbPort = await freePort();
  env.KITH_PUBLIC_URL ??= `http://127.0.0.1:${lbPort}`;
  const instances: KithServer[] = [];
  const workers: KithServer[] = [];
  let lb: http.Server | undefined;
  const stop = async () => {
    lb?.close();
    await Promise.all([...instances, ...workers].map((p) => p.stop()));
    await s3.stop();
    await db.drop();
  };
  try {
    // One at a time: the first one runs the migrations.
    for (let i = 0; i < (o.instances ?? 2); i++) instances.push(await startKith(env));
    for (let i = 0; i < (o.workers ?? 1); i++) workers.push(await startKith(env, { command: 'worker' }));
    const balancer = await startLoadBalancer(
      instances.map((s) => s.url),
      lbPort,
    );
    lb = balancer.server;
    return {
      url: balancer.url,
      instances,
      workers,
      s3,
      env,
      async startWorker() {
        const w = await startKith(env, { command: 'worker' });
        workers.push(w);
        return w;
      },
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}

/**
 * Round robin per HTTP request over `targets`, like a load balancer without sticky sessions.
 * WebSocket upgrades (socket.io, `transports: ['websocket']`) go round robin too: each socket
 * lives on one instance for its life.
 */
export async function startLoadBalancer(targets: string[], port?: number): Promise<{ url: string; server: http.Server }> {
  const proxy = createProxyServer({ xfwd: false });
  let next = 0;
  const pick = () => targets[next++ % targets.length];
  proxy.on('error', (_err, _req, res) => {
    if (res && 'writeHead' in res && !res.headersSent) res.writeHead(502).end();
  });
  const server = http.createServer((req, res) => proxy.web(req, res, { target: pick() }));
  server.on('upgrade', (req, socket, head) => proxy.ws(req, socket, head, { target: pick() }));
  const listenPort = port ?? (await freePort());
  await new Promise<void>((resolve) => server.listen(listenPort, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${listenPort}`, server };
}
