import { afterEach, describe, expect, it, vi } from 'vitest';
import { createInProcessJobQueue } from '../../src/jobs/in-process-job-queue.js';

describe('in-process repeatable jobs (JobQueue.repeat)', () => {
  afterEach(() => vi.useRealTimers());

  it('queues the job once per period until the queue closes; drain does not wait for the next period', async () => {
    vi.useFakeTimers();
    const q = createInProcessJobQueue({ concurrency: 1, maxAttempts: 1, backoffMs: 1 });
    let runs = 0;
    q.handle('carddav.due', async () => void runs++);
    await q.repeat('carddav.due', {}, 60_000);
    await vi.advanceTimersByTimeAsync(59_999);
    expect(runs).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    await q.drain();
    expect(runs).toBe(1);
    await vi.advanceTimersByTimeAsync(120_000);
    await q.drain();
    expect(runs).toBe(3);
    await q.close();
    await vi.advanceTimersByTimeAsync(600_000);
    expect(runs).toBe(3);
  });

  it('sets no schedule for a period of 0', async () => {
    vi.useFakeTimers();
    const q = createInProcessJobQueue({ concurrency: 1, maxAttempts: 1, backoffMs: 1 });
    let runs = 0;
    q.handle('carddav.due', async () => void runs++);
    await q.repeat('carddav.due', {}, 0);
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(runs).toBe(0);
    await q.close();
  });
});
