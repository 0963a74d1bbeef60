import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config/config.js';
import { createBullmqJobQueue } from './bullmq-job-queue.js';
import { createInProcessJobQueue } from './in-process-job-queue.js';
import type { JobQueue } from './job-queue.js';

/**
 * The configured {@link JobQueue}: in-process (embedded default) or BullMQ on Redis (`KITH_QUEUE=bullmq`,
 * several instances), where `kith serve` only enqueues and `kith worker` runs the jobs.
 * Both retry `maxAttempts` times with backoff doubling from 0.5 s.
 */
export function createJobQueue(
  config: Config,
  o: {
    role: 'serve' | 'worker';
    maxAttempts: number;
    log?: FastifyBaseLogger;
    /** Whether an error is one the job should wait out without using up an attempt (e.g. the database is unreachable). */
    isTransient?: (err: unknown) => boolean;
  },
): JobQueue {
  // Face jobs wait on the engine's worker pool: at most one per worker, so they never hold the slots thumbnails need.
  const limits = { 'faces.analyse': config.faceWorkers, 'faces.contact': 1, 'faces.reindex': 1 } as const;
  // While thumbnails or anything else ahead of it waits or runs, no face analysis starts: one takes a
  // core for a second or more, and held 0.55× bare sharp at 24 photos (bench/README.md). In-process
  // queue only; with BullMQ each job name has its own worker and this does not apply.
  const busyLimits = { 'faces.analyse': 0 } as const;
  // A job that fails because the database is unreachable waits for it without using up its attempts.
  const common = {
    concurrency: config.jobConcurrency,
    maxAttempts: o.maxAttempts,
    backoffMs: 500,
    limits,
    busyLimits,
    log: o.log,
    isTransient: o.isTransient,
  };
  if (config.queue.kind === 'in-process') return createInProcessJobQueue(common);
  return createBullmqJobQueue({
    ...common,
    redisUrl: config.redisUrl!,
    prefix: config.queue.prefix,
    lockMs: config.queue.lockMs,
    process: o.role === 'worker',
  });
}
