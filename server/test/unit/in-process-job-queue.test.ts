import { describe, expect, it } from 'vitest';
import { createInProcessJobQueue } from '../../src/jobs/in-process-job-queue.js';

describe('in-process job queue', () => {
  it('runs jobs with bounded concurrency and drains', async () => {
    const q = createInProcessJobQueue({ concurrency: 2, maxAttempts: 1, backoffMs: 1 });
    let running = 0;
    let peak = 0;
    const done: string[] = [];
    q.handle('asset.derivatives', async ({ assetId }) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setImmediate(r));
      running--;
      done.push(assetId);
    });
    for (const id of ['a', 'b', 'c', 'd', 'e']) await q.enqueue('asset.derivatives', { assetId: id });
    await q.drain();
    expect(done.sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(peak).toBe(2);
  });

  it('caps the jobs of a limited name while other jobs still get slots', async () => {
    const q = createInProcessJobQueue({ concurrency: 3, maxAttempts: 1, backoffMs: 1, limits: { 'faces.analyse': 1 } });
    let faces = 0;
    let facesPeak = 0;
    const order: string[] = [];
    q.handle('faces.analyse', async ({ assetId }) => {
      faces++;
      facesPeak = Math.max(facesPeak, faces);
      await new Promise((r) => setImmediate(r));
      faces--;
      order.push(assetId);
    });
    q.handle('asset.derivatives', async ({ assetId }) => void order.push(assetId));
    for (const id of ['f1', 'f2', 'f3']) await q.enqueue('faces.analyse', { assetId: id });
    await q.enqueue('asset.derivatives', { assetId: 'thumb' });
    await q.drain();
    expect(facesPeak).toBe(1);
    // The thumbnail job queued last did not wait behind the face jobs.
    expect(order.indexOf('thumb')).toBeLessThan(order.indexOf('f2'));
  });

  it('retries a failing job with backoff until it succeeds', async () => {
    const q = createInProcessJobQueue({ concurrency: 1, maxAttempts: 3, backoffMs: 1 });
    let attempts = 0;
    q.handle('events.detect', async () => {
      attempts++;
      if (attempts < 3) throw new Error('transient');
    });
    await q.enqueue('events.detect', { ownerId: 'x' });
    await q.drain();
    expect(attempts).toBe(3);
  });

  it('gives up after maxAttempts', async () => {
    const q = createInProcessJobQueue({ concurrency: 1, maxAttempts: 2, backoffMs: 1 });
    let attempts = 0;
    q.handle('events.detect', async () => {
      attempts++;
      throw new Error('permanent');
    });
    await q.enqueue('events.detect', { ownerId: 'x' });
    await q.drain();
    expect(attempts).toBe(2);
  });
});

describe('in-process job queue during a database outage', () => {
  it('retries a job that meets an unreachable database past maxAttempts, until the database is back; other failures still count', async () => {
    const pg = (await import('pg')).default;
    const { isDatabaseUnavailable } = await import('../../src/db/db-errors.js');
    // A real "connection refused" from the driver: port 1 on loopback has no PostgreSQL.
    const down = new pg.Pool({ connectionString: 'postgres://postgres@127.0.0.1:1/test', connectionTimeoutMillis: 1000 });
    const q = createInProcessJobQueue({ concurrency: 1, maxAttempts: 2, backoffMs: 1, isTransient: isDatabaseUnavailable });
    let calls = 0;
    const done: string[] = [];
    q.handle('asset.derivatives', async ({ assetId }) => {
      calls++;
      if (calls <= 5) await down.query('SELECT 1'); // the outage: 5 failures, more than maxAttempts
      done.push(assetId);
    });
    let bugCalls = 0;
    q.handle('events.detect', async () => {
      bugCalls++;
      throw new Error('a bug, not an outage');
    });
    await q.enqueue('asset.derivatives', { assetId: 'a' });
    await q.enqueue('events.detect', { ownerId: 'o' });
    await q.drain();
    await down.end();
    expect(done).toEqual(['a']);
    expect(calls).toBe(6);
    expect(bugCalls).toBe(2);
  });
});
