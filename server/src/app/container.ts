import path from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config/config.js';
import { openDatabase, type DatabaseHandle } from '../db/database.js';
import { createLocalBlobStore } from '../blobs/local-blob-store.js';
import type { BlobStore } from '../blobs/blob-store.js';
import { createInProcessJobQueue } from '../jobs/in-process-job-queue.js';
import type { JobQueue } from '../jobs/job-queue.js';
import { createSocketHub } from '../realtime/socket-hub.js';
import { createAccountsService } from '../accounts/accounts.service.js';

/**
 * Wires every service once, at start-up: plain factories, no decorator DI.
 * Tests build the same container with their own config (temp dir, PG schema).
 */
export async function createContainer(config: Config, log?: FastifyBaseLogger) {
  const database: DatabaseHandle = await openDatabase(config.database);
  const { db } = database;
  const blobs: BlobStore = createLocalBlobStore(path.join(config.dataDir, 'blobs'), path.join(config.dataDir, 'tmp'));
  const jobs: JobQueue = createInProcessJobQueue({ concurrency: 2, maxAttempts: 4, backoffMs: 500, log });
  const realtime = createSocketHub();

  const accounts = createAccountsService({ db, config });

  return {
    config,
    database,
    db,
    blobs,
    jobs,
    realtime,
    accounts,
    async close() {
      await jobs.close();
      await realtime.close();
      await database.close();
    },
  };
}

export type Container = Awaited<ReturnType<typeof createContainer>>;
