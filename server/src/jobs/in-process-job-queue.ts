import type { FastifyBaseLogger } from 'fastify';
import {
  JOB_PRIORITY,
  RequestTimeoutError,
  type JobHandler,
  type JobName,
  type JobPayloads,
  type JobQueue,
  type RequestHandler,
  type RequestName,
} from './job-queue.js';

/** Delay before the first run of a `repeat` schedule, ms. */
const FIRST_REPEAT_MS = 60_000;

interface Entry {
  name: JobName | RequestName;
  payload: unknown;
  attempt: number;
  /** A request's waiting caller: its answer or error, once (no retry: the caller decides). */
  reply?: { resolve(v: unknown): void; reject(e: unknown): void };
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
  /**
   * Tighter caps that apply while a job of a higher {@link JOB_PRIORITY} waits or runs: with
   * `{ 'faces.analyse': 1 }` face analysis keeps one core at most while thumbnails are being made.
   */
  busyLimits?: Partial<Record<JobName, number>>;
  log?: FastifyBaseLogger;
  /**
   * Failures that are not the job's fault (the database is unreachable: db-errors.ts): retried without using
   * up an attempt, backing off from `backoffMs` to 30 s, so a job outlives an outage of any length.
   */
  isTransient?: (err: unknown) => boolean;
}

/**
 * The embedded default {@link JobQueue}: jobs live in memory and run in this process.
 * The next job to start is the waiting one of lowest {@link JOB_PRIORITY} (FIFO within a level)
 * that its name's limit allows. Retries with exponential backoff. Jobs queued when the process dies are lost, which
 * handlers tolerate because derivative work is re-queued for assets missing it at start.
 */
export function createInProcessJobQueue(opts: InProcessQueueOptions): JobQueue {
  const handlers = new Map<JobName | RequestName, JobHandler<any> | RequestHandler<any>>();
  const queue: Entry[] = [];
  const timers = new Set<NodeJS.Timeout>();
  /** Schedules of `repeat` (unref'd: they never keep the process alive, and `drain` ignores them). */
  const schedules = new Map<JobName, NodeJS.Timeout>();
  let running = 0;
  const runningByName = new Map<JobName | RequestName, number>();
  let closed = false;
  let idleWaiters: Array<() => void> = [];

  const settleIdle = () => {
    if (running === 0 && queue.length === 0 && timers.size === 0) {
      const w = idleWaiters;
      idleWaiters = [];
      w.forEach((r) => r());
    }
  };

  const higherBusy = (name: JobName | RequestName) =>
    queue.some((e) => JOB_PRIORITY[e.name] < JOB_PRIORITY[name]) ||
    [...runningByName].some(([n, count]) => count > 0 && JOB_PRIORITY[n] < JOB_PRIORITY[name]);
  const atLimit = (name: JobName | RequestName) => {
    const now = runningByName.get(name) ?? 0;
    if (now >= (opts.limits?.[name as JobName] ?? Infinity)) return true;
    const busy = opts.busyLimits?.[name as JobName];
    return busy !== undefined && now >= busy && higherBusy(name);
  };
  /** Index of the next entry to start: lowest priority level first, FIFO within it, within limits. */
  const next = () => {
    let best = -1;
    for (let i = 0; i < queue.length; i++)
      if ((best < 0 || JOB_PRIORITY[queue[i].name] < JOB_PRIORITY[queue[best].name]) && !atLimit(queue[i].name)) best = i;
    return best;
  };

  const pump = () => {
    while (!closed && running < opts.concurrency && queue.length) {
      const index = next();
      if (index < 0) break;
      const entry = queue.splice(index, 1)[0];
      const handler = handlers.get(entry.name);
      if (!handler) {
        opts.log?.error({ job: entry.name }, 'no handler for job');
        entry.reply?.reject(new Error(`no handler for ${entry.name}`));
        continue;
      }
      running++;
      runningByName.set(entry.name, (runningByName.get(entry.name) ?? 0) + 1);
      (handler as (p: unknown) => Promise<unknown>)(entry.payload)
        .then((value) => entry.reply?.resolve(value))
        .catch((err: unknown) => {
          if (entry.reply) return entry.reply.reject(err);
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
    async repeat(name, payload, everyMs) {
      if (closed) throw new Error('job queue is closed');
      clearTimeout(schedules.get(name));
      schedules.delete(name);
      if (everyMs <= 0) return;
      // The first run a minute after start (not in the middle of start-up work), then every `everyMs`.
      const run = (delay: number) => {
        const timer = setTimeout(() => {
          if (closed) return;
          void this.enqueue(name, payload).catch(() => undefined);
          run(everyMs);
        }, delay);
        timer.unref();
        schedules.set(name, timer);
      };
      run(Math.min(FIRST_REPEAT_MS, everyMs));
    },
    handle(name, handler) {
      handlers.set(name, handler);
    },
    request(name, payload, { timeoutMs }) {
      if (closed) return Promise.reject(new Error('job queue is closed'));
      return new Promise((resolve, reject) => {
        const entry: Entry = { name, payload, attempt: 0 };
        const timer = setTimeout(() => {
          // Not started yet: it will not be; started: its answer comes too late and is dropped.
          const i = queue.indexOf(entry);
          if (i >= 0) queue.splice(i, 1);
          reject(new RequestTimeoutError(name, timeoutMs));
        }, timeoutMs);
        entry.reply = {
          resolve: (v) => (clearTimeout(timer), resolve(v as never)),
          reject: (e) => (clearTimeout(timer), reject(e)),
        };
        queue.push(entry);
        queueMicrotask(pump);
      });
    },
    handleRequest(name, handler) {
      handlers.set(name, handler);
    },
    drain: () =>
      new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        settleIdle();
      }),
    async close() {
      closed = true;
      schedules.forEach(clearTimeout);
      schedules.clear();
      timers.forEach(clearTimeout);
      timers.clear();
      for (const e of queue) e.reply?.reject(new Error('job queue is closed'));
      queue.length = 0;
      settleIdle();
    },
  };
}
