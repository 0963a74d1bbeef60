/**
 * The shared services `bench:load` runs Kith on: a fresh PostgreSQL database per run, Redis
 * (socket.io adapter; BullMQ keys under a random prefix with `--queue bullmq`) and, with
 * `--blobs s3`, an s3rver (npm) on loopback. Each returns the environment Kith needs (the `KITH_*`
 * variables of docs/configuration.md) and a cleanup.
 */
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { createClient } from 'redis';
import { exited, freePort } from '../../e2e/src/harness.js';
import { createDatabase } from '../../e2e/src/cluster.js';

export interface Infra {
  env: Record<string, string>;
  /** What runs where, for the printed header. */
  describe: string[];
  /** Processes the run starts besides Kith (s3rver), for CPU and RSS beside Kith's. */
  processes: { role: string; pid: number }[];
  cleanup(): Promise<void>;
}

/** Admin connection (CREATE/DROP DATABASE); the same server the PostgreSQL tests use. */
const PG_ADMIN_URL = process.env.BENCH_PG_URL ?? process.env.KITH_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Deletes every Redis key under `prefix:` (BullMQ queues of this run). */
async function deleteRedisKeys(prefix: string): Promise<number> {
  const client = createClient({ url: REDIS_URL });
  await client.connect();
  let n = 0;
  for await (const keys of client.scanIterator({ MATCH: `${prefix}:*`, COUNT: 500 })) {
    const batch = ([] as string[]).concat(keys);
    if (batch.length) n += await client.del(batch);
  }
  await client.quit();
  return n;
}

/** s3rver (npm, a root devDependency) as its own process on a free loopback port with bucket `kith-load` created. */
async function startS3rver(): Promise<{ env: Record<string, string>; pid: number; stop(): Promise<void> }> {
  const require = createRequire(import.meta.url);
  let bin: string;
  try {
    const pkgFile = require.resolve('s3rver/package.json');
    const pkg = JSON.parse(fs.readFileSync(pkgFile, 'utf8')) as { bin: string | Record<string, string> };
    bin = path.join(path.dirname(pkgFile), typeof pkg.bin === 'string' ? pkg.bin : pkg.bin.s3rver);
  } catch {
    throw new Error('--blobs s3 needs the s3rver package (a root devDependency: run npm ci), or use --blobs local.');
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kith-load-s3-'));
  const port = await freePort();
  const bucket = 'kith-load';
  const child = spawn(
    process.execPath,
    [bin, '--directory', dir, '--address', '127.0.0.1', '--port', String(port), '--configure-bucket', bucket, '--silent'],
    {
      stdio: 'ignore',
    },
  );
  const endpoint = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`s3rver exited with ${child.exitCode}`);
    if (
      await fetch(endpoint).then(
        () => true,
        () => false,
      )
    )
      break;
    if (i > 100) throw new Error('s3rver did not start within 20 s');
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    pid: child.pid!,
    env: {
      KITH_BLOB_STORE: 's3',
      KITH_S3_BUCKET: bucket,
      KITH_S3_ENDPOINT: endpoint,
      KITH_S3_REGION: 'us-east-1',
      // s3rver's fixed development credentials.
      KITH_S3_ACCESS_KEY_ID: 'S3RVER',
      KITH_S3_SECRET_ACCESS_KEY: 'S3RVER',
      KITH_S3_FORCE_PATH_STYLE: 'true',
    },
    async stop() {
      const done = exited(child);
      child.kill('SIGTERM');
      await done;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Sets up PostgreSQL, Redis and the blob store for one run. */
export async function startInfra(opts: { queue: 'in-process' | 'bullmq'; blobs: 'local' | 's3' }): Promise<Infra> {
  const db = await createDatabase({ adminUrl: PG_ADMIN_URL, namePrefix: 'kith_load' });
  const prefix = `kith-load-${crypto.randomBytes(4).toString('hex')}`;
  const env: Record<string, string> = { KITH_DATABASE_URL: db.url, KITH_REDIS_URL: REDIS_URL, KITH_QUEUE: opts.queue };
  const describe = [
    `PostgreSQL database ${db.name} (dropped at the end)`,
    `Redis ${REDIS_URL} (socket.io adapter${opts.queue === 'bullmq' ? ' and BullMQ' : ''})`,
  ];
  if (opts.queue === 'bullmq') {
    env.KITH_QUEUE_PREFIX = prefix;
    describe.push(`BullMQ queue, prefix ${prefix}, one \`kith worker\` process`);
  } else describe.push('in-process job queue (each instance runs its own jobs)');
  const s3 =
    opts.blobs === 's3'
      ? await startS3rver().catch(async (e: unknown) => {
          await db.drop();
          throw e;
        })
      : undefined;
  if (s3) {
    Object.assign(env, s3.env);
    describe.push(`S3 blob store: s3rver at ${s3.env.KITH_S3_ENDPOINT}, bucket ${s3.env.KITH_S3_BUCKET}`);
  } else describe.push('local blob store (one data dir shared by the instances, as a shared volume would be)');
  return {
    env,
    describe,
    processes: s3 ? [{ role: 's3rver', pid: s3.pid }] : [],
    async cleanup() {
      await s3?.stop();
      if (opts.queue === 'bullmq') await deleteRedisKeys(prefix);
      await db.drop();
    },
  };
}
