import { DelayedError, Queue, QueueEvents, Worker, type Job, type Processor } from 'bullmq';
import { Redis } from 'ioredis';
import type { FastifyBaseLogger } from 'fastify';
import { RequestTimeoutError, type JobHandler, type JobName, type JobPayloads, type JobQueue, type RequestName } from './job-queue.js';

/** How long an enqueue waits for Redis to (re)connect before giving up on queuing, in ms. */
const CONNECT_WAIT_MS = 2000;

export interface BullmqQueueOptions {
  redisUrl: string;
  /** Key prefix in Redis (`KITH_QUEUE_PREFIX`), so several Kith deployments or test runs can share one Redis. */
  prefix: string;
  /** Run jobs in this process (`kith worker`), or only enqueue them (`kith serve`). */
  process: boolean;
  /** Jobs of one name running at once in this process, unless `limits` says otherwise. */
  concurrency: number;
  limits?: Partial<Record<JobName, number>>;
  /** Attempts before a job is given up (and logged). */
  maxAttempts: number;
  /** First retry delay in ms; doubles each attempt (BullMQ `exponential` backoff). */
  backoffMs: number;
  /** BullMQ lock duration in ms: a job whose worker died (kill -9) is taken up again about this long after. */
  lockMs: number;
  /** Errors of an outage (database unreachable): the job waits `transientDelayMs` (default 5000) and runs again without using an attempt. */
  isTransient?: (err: unknown) => boolean;
  transientDelayMs?: number;
  log?: FastifyBaseLogger;
}

/**
 * Jobs whose payload names the whole piece of work get that as their BullMQ job id, so the
 * start-up sweeps (`requeueLostJobs` …) re-queue a lost job without doubling one that waits.
 * `events.detect` and `faces.reindex` are left out: a new request while one runs must run again.
 */
const dedupeKey: Partial<{ [N in JobName]: (p: JobPayloads[N]) => string }> = {
  'asset.derivatives': (p) => p.assetId,
  'faces.analyse': (p) => p.assetId,
  'faces.contact': (p) => p.contactId,
  'region-share.deliver': (p) => p.shareId,
  'routing.deliver': (p) => p.deliveryId,
  'exchange.compose': (p) => `${p.exchangeId}-${p.n}`,
};

/**
 * Jobs that must not run twice at once for the same data anywhere: event detection serialises per
 * owner only inside one process (`events.service.ts` `serial`), and re-indexing per owner likewise.
 * BullMQ's global concurrency makes every worker together run one job of these names at a time.
 */
const globallySerial: ReadonlySet<JobName> = new Set(['events.detect', 'faces.reindex']);

/**
 * {@link JobQueue} on Redis with BullMQ (https://docs.bullmq.io), for several instances.
 * One BullMQ queue per job name, so each name has its own concurrency in the worker. Jobs are
 * persistent: they survive any process; a worker killed mid-job leaves a lock that expires after
 * `lockMs`, and BullMQ's stalled-job check hands the job to another worker (handlers are idempotent).
 * Retries: `maxAttempts` with exponential backoff from `backoffMs`. Finished jobs are removed.
 *
 * `enqueue` fails fast when Redis is down (no offline queue): the error is logged and swallowed,
 * because the caller's own work is already committed and the worker's start-up sweeps re-queue
 * missing derivatives, face analyses and deliveries.
 */
export function createBullmqJobQueue(opts: BullmqQueueOptions): JobQueue {
  // Producers must not wait on a dead Redis (an HTTP request is waiting); workers block on it by design.
  const producer = new Redis(opts.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false });
  producer.on('error', (err) => opts.log?.warn({ err: err.message }, 'job queue: Redis connection error'));
  const readyWithin = (ms: number) =>
    producer.status === 'ready'
      ? Promise.resolve(true)
      : new Promise<boolean>((resolve) => {
          const onReady = () => {
            clearTimeout(timer);
            resolve(true);
          };
          const timer = setTimeout(() => {
            producer.off('ready', onReady);
            resolve(false);
          }, ms);
          producer.once('ready', onReady);
        });
  const queues = new Map<JobName | RequestName, Queue>();
  /** Names with a job scheduler (`repeat`): their next run always waits as a delayed job, so `drain` skips them. */
  const scheduled = new Set<JobName>();
  const workers: Worker[] = [];
  const events = new Map<RequestName, Promise<QueueEvents>>();
  const queueOf = (name: JobName | RequestName) => {
    let q = queues.get(name);
    if (!q) {
      queues.set(name, (q = new Queue(name, { connection: producer, prefix: opts.prefix })));
      q.on('error', (err) => opts.log?.warn({ err: err.message, job: name }, 'job queue: Redis error'));
    }
    return q;
  };
  /** A request's completion events (BullMQ QueueEvents: its own blocking connection), ready before the job is added. */
  const eventsOf = (name: RequestName) => {
    let e = events.get(name);
    if (!e) {
      const qe = new QueueEvents(name, { connection: new Redis(opts.redisUrl, { maxRetriesPerRequest: null }), prefix: opts.prefix });
      qe.on('error', (err) => opts.log?.warn({ err: err.message, job: name }, 'job queue: Redis error (request events)'));
      events.set(name, (e = qe.waitUntilReady().then(() => qe)));
    }
    return e;
  };
  const startWorker = (name: JobName | RequestName, processor: Processor) => {
    const worker = new Worker(name, processor, {
      connection: new Redis(opts.redisUrl, { maxRetriesPerRequest: null }),
      prefix: opts.prefix,
      concurrency: opts.limits?.[name as JobName] ?? opts.concurrency,
      lockDuration: opts.lockMs,
      stalledInterval: opts.lockMs,
      // A job that stalls twice (its worker died twice) is failed rather than retried forever.
      maxStalledCount: 2,
    });
    worker.on('error', (err) => opts.log?.warn({ err: err.message, job: name }, 'job worker: Redis error'));
    workers.push(worker);
    return worker;
  };

  return {
    async enqueue<N extends JobName>(name: N, payload: JobPayloads[N]) {
      const key = (dedupeKey[name] as ((p: JobPayloads[N]) => string) | undefined)?.(payload);
      // BullMQ waits for a connection forever; a request must not.
      if (!(await readyWithin(CONNECT_WAIT_MS))) {
        opts.log?.error({ job: name, payload }, 'job queue: Redis unreachable, job not queued; the worker sweep re-queues it');
        return;
      }
      try {
        await queueOf(name).add(name, payload, {
          jobId: key, // one queue per name, so the key alone is unique (BullMQ refuses ":" in custom ids)
          attempts: opts.maxAttempts,
          backoff: { type: 'exponential', delay: opts.backoffMs },
          removeOnComplete: true,
          removeOnFail: true,
        });
      } catch (err) {
        // Only an outage is swallowed; anything else is a bug the caller must see.
        if (producer.status === 'ready') throw err;
        opts.log?.error({ err, job: name, payload }, 'job queue: Redis unreachable, job not queued; the worker sweep re-queues it');
      }
    },
    /** A BullMQ job scheduler (https://docs.bullmq.io/guide/job-schedulers), upserted under the job's name: idempotent across instances. */
    async repeat(name, payload, everyMs) {
      scheduled.add(name);
      if (!(await readyWithin(CONNECT_WAIT_MS))) {
        opts.log?.error({ job: name }, 'job queue: Redis unreachable, schedule not set; the next start sets it');
        return;
      }
      if (everyMs <= 0) {
        await queueOf(name).removeJobScheduler(name);
        return;
      }
      await queueOf(name).upsertJobScheduler(
        name,
        { every: everyMs },
        {
          name,
          data: payload,
          opts: {
            attempts: opts.maxAttempts,
            backoff: { type: 'exponential', delay: opts.backoffMs },
            removeOnComplete: true,
            removeOnFail: true,
          },
        },
      );
    },
    handle<N extends JobName>(name: N, handler: JobHandler<N>) {
      if (!opts.process) return;
      const processor = async (job: Job, token?: string) => {
        try {
          await handler(job.data as JobPayloads[N]);
        } catch (err) {
          if (!opts.isTransient?.(err) || !token) throw err;
          // https://docs.bullmq.io/patterns/process-step-jobs#delaying: back to "delayed", attempts untouched.
          opts.log?.warn({ err, job: name }, 'job met an outage; it waits and runs again');
          await job.moveToDelayed(Date.now() + (opts.transientDelayMs ?? 5000), token);
          throw new DelayedError();
        }
      };
      const worker = startWorker(name, processor);
      worker.on('failed', (job, err) => {
        const final = job && job.attemptsMade >= opts.maxAttempts;
        opts.log?.[final ? 'error' : 'warn'](
          { err, job: name, attempt: job?.attemptsMade },
          final ? 'job failed for good' : 'job failed; retrying',
        );
      });
      if (globallySerial.has(name))
        void queueOf(name)
          .setGlobalConcurrency(1)
          .catch((err: unknown) => opts.log?.error({ err, job: name }, 'job queue: could not set global concurrency'));
    },
    /**
     * Adds the request to its own queue (one per name, so it never waits behind other jobs) and waits
     * for the worker's return value through QueueEvents. On timeout a job still waiting is removed.
     */
    async request(name, payload, { timeoutMs }) {
      if (!(await readyWithin(CONNECT_WAIT_MS))) throw new RequestTimeoutError(name, CONNECT_WAIT_MS);
      const queueEvents = await eventsOf(name);
      // Kept a few minutes after it ends, so a completion that beats the listener is still read from the job.
      const job = await queueOf(name).add(name, payload, { attempts: 1, removeOnComplete: { age: 300 }, removeOnFail: { age: 300 } });
      try {
        return await job.waitUntilFinished(queueEvents, timeoutMs);
      } catch (err) {
        const state = await job.getState().catch(() => 'unknown');
        if (state === 'completed' || state === 'failed' || state === 'active') throw err;
        await job.remove().catch(() => undefined);
        throw new RequestTimeoutError(name, timeoutMs);
      }
    },
    handleRequest(name, handler) {
      if (!opts.process) return;
      const worker = startWorker(name, (job: Job) => handler(job.data as never));
      worker.on('failed', (_job, err) => opts.log?.error({ err, job: name }, 'request job failed'));
    },
    async drain() {
      // Tests and benchmarks: wait until no queue holds a job to do (waiting, delayed or running).
      for (;;) {
        const counts = await Promise.all(
          [...queues]
            .filter(([name]) => !scheduled.has(name as JobName))
            .map(([, q]) => q.getJobCounts('waiting', 'active', 'delayed', 'prioritized')),
        );
        if (counts.every((c) => Object.values(c).every((n) => n === 0))) return;
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async close() {
      await Promise.all(workers.map((w) => w.close()));
      await Promise.all([...events.values()].map(async (e) => (await e).close()));
      if (producer.status === 'ready') await Promise.all([...queues.values()].map((q) => q.close()));
      producer.disconnect();
    },
  };
}
