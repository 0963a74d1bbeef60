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
import { createReferenceFacesService } from '../accounts/reference-faces.service.js';
import { createContactsService } from '../contacts/contacts.service.js';
import { createAlbumsService } from '../albums/albums.service.js';
import { createAssetsService } from '../assets/assets.service.js';
import { createEventSharingService } from '../events/event-sharing.service.js';
import { createEventsService } from '../events/events.service.js';
import { registerEventDetectionJob } from '../events/event-detection.job.js';
import { resolveServerSecret } from '../config/server-secret.js';
import { createNowPlayingService } from '../now-playing/now-playing.service.js';
import { createAssociationService } from '../now-playing/np-association.service.js';
import { createScrobblerAuth } from '../now-playing/compat/scrobbler-auth.js';

/**
 * Wires every service once, at start-up: plain factories, no decorator DI.
 * Tests build the same container with their own config (temp dir, PG schema).
 */
export async function createContainer(config: Config, log?: FastifyBaseLogger) {
  const database: DatabaseHandle = await openDatabase(config.database);
  const { db } = database;
  const blobs: BlobStore = createLocalBlobStore(path.join(config.dataDir, 'blobs'), path.join(config.dataDir, 'tmp'));
  const jobs: JobQueue = createInProcessJobQueue({ concurrency: config.jobConcurrency, maxAttempts: 4, backoffMs: 500, log });
  const secret = resolveServerSecret(config.secret, config.dataDir);
  const realtime = createSocketHub({ redisUrl: config.redisUrl });

  const contacts = createContactsService({ db, config, blobs });
  // Sign-up and phone/e-mail changes link existing contacts that match the account.
  const accounts = createAccountsService({ db, config, onAccountCreated: (account) => contacts.relinkAccount(account) });
  const referenceFaces = createReferenceFacesService({ db, config, blobs });
  const albums = createAlbumsService({ db, realtime });
  const events = createEventsService({ db, config, realtime });
  const eventSharing = createEventSharingService({ db, config, realtime, events });
  const assets = createAssetsService({
    db,
    config,
    blobs,
    jobs,
    realtime,
    tagAssets: async (ownerId, assetIds, marker, source) => void (await events.tagAssets(ownerId, assetIds, marker, source)),
    onAssetsDeleted: (ownerId) => events.onAssetsDeleted(ownerId),
  });
  // New photos: detect events, then let them join the event albums they belong to.
  registerEventDetectionJob(jobs, events, eventSharing, assets.repo);
  const nowPlaying = createNowPlayingService({ db, config, realtime, onError: (e) => log?.error({ err: e }, 'now-playing expiry failed') });
  const association = createAssociationService({ db, config, secret, nowPlaying });
  const scrobblers = createScrobblerAuth({ db, config, secret, accounts });
  await nowPlaying.restoreTimers();

  return {
    config,
    database,
    db,
    blobs,
    jobs,
    realtime,
    accounts,
    contacts,
    referenceFaces,
    albums,
    assets,
    events,
    eventSharing,
    nowPlaying,
    association,
    scrobblers,
    async close() {
      nowPlaying.close();
      await jobs.close();
      await realtime.close();
      await database.close();
    },
  };
}

export type Container = Awaited<ReturnType<typeof createContainer>>;
