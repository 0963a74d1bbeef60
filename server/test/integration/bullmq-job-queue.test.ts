/**
 * The BullMQ job queue on the real Redis at 127.0.0.1:6379, each test under a fresh key
 * prefix: a producer (`kith serve`) never runs jobs, a worker does; failures are retried with
 * backoff; jobs naming the same work are queued once; a dead Redis does not fail the producer.
 */
import crypto from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createBullmqJobQueue, type BullmqQueueOptions } from '../../src/jobs/bullmq-job-queue.js';
import type { JobQueue } from '../../src/jobs/job-queue.js';

const REDIS_URL = process.env.KITH_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const open: JobQueue[] = [];

function queue(o: Partial<BullmqQueueOptions> & { prefix: string }): JobQueue {
  const q = createBullmqJobQueue({
    redisUrl: REDIS_URL,
    process: false,
    concurrency: 2,
    maxAttempts: 3,
    backoffMs: 50,
    lockMs: 5000,
    ...o,
  });
  open.push(q);
  return q;
}
const prefix = () => `kith-test-${crypto.randomBytes(4).toString('hex')}`;

/** Resolves when `check` holds, polling; rejects after `limitMs` so a broken queue fails the test instead of hanging it. */
async function until(check: () => boolean, limitMs = 20_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

afterEach(async () => {
  await Promise.all(open.splice(0).map((q) => q.close()));
});

describe('BullMQ job queue on Redis', () => {
  it('lets `kith serve` enqueue and only `kith worker` run, with the typed payload', async () => {
    const p = prefix();
    const serve = queue({ prefix: p });
    const ranOnServe: string[] = [];
    serve.handle('asset.derivatives', async (job) => void ranOnServe.push(job.assetId));
    await serve.enqueue('asset.derivatives', { assetId: 'a1' });
    await serve.enqueue('asset.derivatives', { assetId: 'a2' });

    const worker = queue({ prefix: p, process: true });
    const ran: string[] = [];
    worker.handle('asset.derivatives', async (job) => void ran.push(job.assetId));
    await until(() => ran.length === 2);
    await worker.drain();
    expect(ran.sort()).toEqual(['a1', 'a2']);
    expect(ranOnServe).toEqual([]);
  });

  it('retries a failing job with backoff until it succeeds', async () => {
    const q = queue({ prefix: prefix(), process: true });
    let attempts = 0;
    q.handle('routing.deliver', async () => {
      attempts++;
      if (attempts < 3) throw new Error(`recipient down (attempt ${attempts})`);
    });
    await q.enqueue('routing.deliver', { deliveryId: 'd1' });
    await until(() => attempts === 3);
    await q.drain();
    expect(attempts).toBe(3);
  });

  it('gives up after maxAttempts', async () => {
    const q = queue({ prefix: prefix(), process: true, maxAttempts: 2 });
    let attempts = 0;
    q.handle('region-share.deliver', async () => {
      attempts++;
      throw new Error('always fails');
    });
    await q.enqueue('region-share.deliver', { shareId: 's1' });
    await until(() => attempts === 2);
    await q.drain();
    await new Promise((r) => setTimeout(r, 300));
    expect(attempts).toBe(2);
  });

  it('lets a job that meets an outage wait and run again without using its attempts', async () => {
    const outage = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const q = queue({ prefix: prefix(), process: true, maxAttempts: 1, transientDelayMs: 100, isTransient: (e) => e === outage });
    let runs = 0;
    q.handle('asset.derivatives', async () => {
      runs++;
      if (runs <= 3) throw outage;
    });
    await q.enqueue('asset.derivatives', { assetId: 'a-outage' });
    await until(() => runs === 4);
    await q.drain();
    expect(runs).toBe(4);
  });

  it('queues work that names the same asset once while it waits, but event detection every time', async () => {
    const p = prefix();
    const serve = queue({ prefix: p });
    for (let i = 0; i < 3; i++) await serve.enqueue('faces.analyse', { assetId: 'same' });
    for (let i = 0; i < 2; i++) await serve.enqueue('events.detect', { ownerId: 'o1' });
    const worker = queue({ prefix: p, process: true });
    const faces: string[] = [];
    const events: string[] = [];
    worker.handle('faces.analyse', async (j) => void faces.push(j.assetId));
    worker.handle('events.detect', async (j) => void events.push(j.ownerId));
    await until(() => faces.length >= 1 && events.length >= 2);
    await worker.drain();
    expect(faces).toEqual(['same']);
    expect(events).toEqual(['o1', 'o1']);
  });

  it('runs event detection one at a time across all workers', async () => {
    const p = prefix();
    let running = 0;
    let most = 0;
    let done = 0;
    const detect = async () => {
      most = Math.max(most, ++running);
      await new Promise((r) => setTimeout(r, 50));
      running--;
      done++;
    };
    for (let i = 0; i < 2; i++) queue({ prefix: p, process: true, concurrency: 4 }).handle('events.detect', detect);
    const serve = queue({ prefix: p });
    for (let i = 0; i < 6; i++) await serve.enqueue('events.detect', { ownerId: `o${i}` });
    await until(() => done === 6);
    expect(most).toBe(1);
  });

  it('does not fail the request that enqueues when Redis is unreachable', async () => {
    const q = createBullmqJobQueue({
      redisUrl: 'redis://127.0.0.1:9',
      prefix: prefix(),
      process: false,
      concurrency: 1,
      maxAttempts: 1,
      backoffMs: 10,
      lockMs: 5000,
    });
    await expect(q.enqueue('asset.derivatives', { assetId: 'lost' })).resolves.toBeUndefined();
    await q.close();
  });

  it('answers a request from `kith serve` with the return value of the worker, and times out without a worker', async () => {
    const p = prefix();
    const serve = queue({ prefix: p });
    let ranOnServe = 0;
    serve.handleRequest('faces.check', async () => {
      ranOnServe++;
      return { refused: { code: 'serve', message: '' } };
    });
    // No worker yet: nothing answers, and the waiting job is taken back so no late worker runs it.
    await expect(serve.request('faces.check', { image: 'early' }, { timeoutMs: 300 })).rejects.toThrow(
      /no answer to faces.check within 300 ms/,
    );
    const seen: string[] = [];
    const worker = queue({ prefix: p, process: true });
    worker.handleRequest('faces.check', async ({ image }) => {
      seen.push(image);
      return { refused: { code: 'worker', message: image } };
    });
    expect(await serve.request('faces.check', { image: 'now' }, { timeoutMs: 20_000 })).toEqual({
      refused: { code: 'worker', message: 'now' },
    });
    expect(seen).toEqual(['now']);
    expect(ranOnServe).toBe(0);
  });
});
