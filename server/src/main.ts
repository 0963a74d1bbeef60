import sharp from 'sharp';
import { ConfigError, loadConfig } from './config/config.js';
import { pino } from 'pino';
import { createContainer } from './app/container.js';
import { buildApp } from './http/app.js';
import { requestSerializer } from './http/log-redact.js';

/**
 * `kith serve`: the HTTP API, web app and realtime hub (and, with the embedded
 * in-process queue, the jobs too). `kith worker` is for the multi-instance set-up.
 */
async function main(): Promise<void> {
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
  if (command === 'worker') {
    console.error(
      'kith worker: the embedded set-up runs jobs inside `kith serve`; a separate worker needs the Redis queue (multi-instance deployment).',
    );
    process.exit(2);
  }
  if (command !== 'serve') {
    console.error(`unknown command "${command}"; use: kith serve | kith worker`);
    process.exit(2);
  }
  // Each upload is a different image: libvips' operation cache would only hold memory.
  // (MALLOC_ARENA_MAX=2 in the serve script keeps glibc from multiplying arenas per sharp thread.)
  sharp.cache(false);
  // One logger for the HTTP app and the container: job and compositor failures are logged too.
  const log = pino({ level: config.logLevel, serializers: { req: requestSerializer } });
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
  // Jobs lost with a previous process (in-process queue) are re-queued: derivatives, event detection, face analysis, deliveries.
  const requeued =
    (await container.assets.requeueLostJobs()) + (await container.faces.requeueUnanalysed()) + (await container.routing.requeuePending());
  if (requeued) app.log.info({ requeued }, 're-queued jobs lost with the previous process');
  app.log.info(`Kith is up at ${config.publicUrl} (data in ${config.dataDir}, ${config.database.engine})`);
}

void main();
