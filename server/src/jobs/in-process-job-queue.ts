import type { FastifyBaseLogger } from 'fastify';
import type { JobHandler, JobName, JobPayloads, JobQueue } from './job-queue.js';

interface Entry {
  name: JobName;
  payload: unknown;
  attempt: number;
  /** Retries after transient failures (database outage), which do not use up attempts. */
  outages?: number;
}

export interface InProcessQueueOptions {
  /** Jobs running at once; image work is CPU-bound, so about the core count. */
  concurrency: number;
  /** Attempts before a job is dropped and logged. */
  maxAttempts: number;
  /** First retry delay in ms; doubles each attempt. */
  backoffMs: number;
  /**
   * At most this many jobs of a name run at once (within `concurrency`). Face analysis waits on a
   * pool of model workers; capped at the pool size, its jobs never hold the slots thumbnails need.
   */
  limits?: Partial<Record<JobName, number>>;
  log?: FastifyBaseLogger;
  /**
   * Failures that are not the job's fault (the database is unreachable: db-errors.ts): retried without using
   * up an attempt, backing off from `backoffMs` to 30 s, so a job outlives an outage of any length (issue 8).
   */
  isTransient?: (err: unknown) => boolean;
}

/**
 * The embedded default {@link JobQueue}: jobs live in memory and run in this process.
 * Retries with exponential backoff. Jobs queued when the process dies are lost, which
 * handlers tolerate because derivative work is re-queued for assets missing it at start.
 */
export function createInProcessJobQueue(opts: InProcessQueueOptions): JobQueue {
  const handlers = new Map<JobName, JobHandler<any>>();
  const queue: Entry[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let running = 0;
  const runningByName = new Map<JobName, number>();
  let closed = false;
  let idleWaiters: Array<() => void> = [];

  const settleIdle = () => {
    if (running === 0 && queue.length === 0 && timers.size === 0) {
      const w = idleWaiters;
      idleWaiters = [];
      w.forEach((r) => r());
    }
  };

  const atLimit = (name: JobName) => (runningByName.get(name) ?? 0) >= (opts.limits?.[name] ?? Infinity);

  const pump = () => {
    while (!closed && running < opts.concurrency && queue.length) {
      const index = queue.findIndex((e) => !atLimit(e.name));
      if (index < 0) break;
      const entry = queue.splice(index, 1)[0];
      const handler = handlers.get(entry.name);
      if (!handler) {
        opts.log?.error({ job: entry.name }, 'no handler for job');
        continue;
      }
      running++;
      runningByName.set(entry.name, (runningByName.get(entry.name) ?? 0) + 1);
      handler(entry.payload)
        .catch((err: unknown) => {
          if (opts.isTransient?.(err)) {
            const outages = (entry.outages ?? 0) + 1;
            opts.log?.warn({ job: entry.name, outages, cause: (err as Error).message }, 'job met a database outage; retrying');
            const t = setTimeout(
              () => {
                timers.delete(t);
                queue.push({ ...entry, outages });
                pump();
              },
              Math.min(opts.backoffMs * 2 ** (outages - 1), 30_000),
            );
            timers.add(t);
            return;
          }
          if (entry.attempt + 1 >= opts.maxAttempts) {
            opts.log?.error({ err, job: entry.name, payload: entry.payload }, 'job failed for good');
            return;
          }
          opts.log?.warn({ err, job: entry.name, attempt: entry.attempt + 1 }, 'job failed; retrying');
          const t = setTimeout(
            () => {
              timers.delete(t);
              queue.push({ ...entry, attempt: entry.attempt + 1 });
              pump();
            },
            opts.backoffMs * 2 ** entry.attempt,
          );
          timers.add(t);
        })
        .finally(() => {
          running--;
          runningByName.set(entry.name, runningByName.get(entry.name)! - 1);
          pump();
          settleIdle();
        });
    }
    settleIdle();
  };

  return {
    async enqueue<N extends JobName>(name: N, payload: JobPayloads[N]) {
      if (closed) throw new Error('job queue is closed');
      queue.push({ name, payload, attempt: 0 });
      queueMicrotask(pump);
    },
    handle(name, handler) {
      handlers.set(name, handler);
    },
    drain: () =>
      new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        settleIdle();
      }),
    async close() {
      closed = true;
      timers.forEach(clearTimeout);
      timers.clear();
      queue.length = 0;
      settleIdle();
    },
  };
}
