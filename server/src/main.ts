import sharp from 'sharp';
import { ConfigError, loadConfig, type Config } from './config/config.js';
import { pino, type Logger } from 'pino';
import { createContainer, type Container } from './app/container.js';
import { buildApp } from './app/http-app.js';
import { PRIVATE_UMASK } from './common/private-files.js';
import { loggerOptions } from './http/log-redact.js';

/** How often a worker looks for work whose job was lost, in ms. */
const SWEEP_MS = 5 * 60_000;

/**
 * `kith serve`: the HTTP API, web app and realtime hub (and, with the embedded in-process queue,
 * the jobs too). `kith worker` (with `KITH_QUEUE=bullmq`): runs the jobs of every instance, no HTTP.
 */
async function main(): Promise<void> {
  // Nothing Kith writes (database, photos, temp files, logs it redirects) is readable by other users.
  process.umask(PRIVATE_UMASK);
  const command = process.argv[2] ?? 'serve';
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }
  if (command === 'worker' && config.queue.kind !== 'bullmq') {
    console.error(
      'kith worker: the embedded set-up runs jobs inside `kith serve`. A separate worker needs the Redis queue: set KITH_QUEUE=bullmq and KITH_REDIS_URL (docs/deploy.md).',
    );
    process.exit(2);
  }
  if (command !== 'serve' && command !== 'worker') {
    console.error(`unknown command "${command}"; use: kith serve | kith worker`);
    process.exit(2);
  }
  // Each upload is a different image: libvips' operation cache would only hold memory.
  // (MALLOC_ARENA_MAX=2 in the serve script keeps glibc from multiplying arenas per sharp thread.)
  sharp.cache(false);
  // One logger for the HTTP app and the container: job and compositor failures are logged too.
  const log = pino(loggerOptions(config.logLevel));
  if (command === 'worker') return runWorker(config, log);
  const container = await createContainer(config, log);
  const app = await buildApp(container, { loggerInstance: log });
  const shutdown = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await container.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw e;
    console.error(`Kith cannot start: port ${config.port} is in use (another Kith?). Stop it, or choose another port with KITH_PORT.`);
    await container.close();
    process.exit(2);
  }
  // Jobs lost with a previous process (in-process queue) are re-queued; with BullMQ the workers do it.
  if (config.queue.kind === 'in-process') await requeueLostJobs(container, log);
  app.log.info(
    `Kith is up at ${config.publicUrl} (data in ${config.dataDir}, ${config.database.engine}, ${config.blobs.kind} blobs, ${config.queue.kind} queue)`,
  );
}

/** Re-queues work whose job was lost (a process died, or Redis was down at enqueue): derivatives, event detection, face analysis, deliveries. */
async function requeueLostJobs(container: Container, log: Logger): Promise<void> {
  const requeued =
    (await container.assets.requeueLostJobs()) + (await container.faces.requeueUnanalysed()) + (await container.routing.requeuePending());
  if (requeued) log.info({ requeued }, 're-queued lost jobs');
}

/**
 * `kith worker`: takes jobs from the BullMQ queues in Redis and runs them until SIGTERM/SIGINT, when it
 * finishes the running jobs (BullMQ `Worker.close`) and exits. At start, and every `SWEEP_MS`, it
 * re-queues lost work; BullMQ job ids make that a no-op for jobs already waiting.
 */
async function runWorker(config: Config, log: Logger): Promise<void> {
  const container = await createContainer(config, log, { role: 'worker' });
  const sweep = () => requeueLostJobs(container, log).catch((err: unknown) => log.error({ err }, 'sweep for lost jobs failed'));
  const timer = setInterval(() => void sweep(), SWEEP_MS);
  const shutdown = async (signal: string) => {
    log.info({ signal }, 'worker shutting down');
    clearInterval(timer);
    await container.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  await sweep();
  log.info(
    `Kith worker is up (queue prefix ${config.queue.kind === 'bullmq' ? config.queue.prefix : '-'}, ${config.database.engine}, ${config.blobs.kind} blobs)`,
  );
}

void main();
