import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config/config.js';
import { openDatabase, type DatabaseHandle } from '../db/database.js';
import { isDatabaseUnavailable } from '../db/db-errors.js';
import path from 'node:path';
import { createBlobStore } from '../blobs/create-blob-store.js';
import { sweepTempFiles, TEMP_SWEEP_GRACE_MS } from '../blobs/temp-sweep.js';
import { createJobQueue } from '../jobs/create-job-queue.js';
import { createSocketHub } from '../realtime/socket-hub.js';
import { createRedisEmitterHub } from '../realtime/redis-emitter-hub.js';
import { createFaceAnalyser } from '../faces/face-analyser.js';
import { createRemoteFaceAnalyser } from '../faces/face-check.job.js';
import { resolveServerSecret } from '../config/server-secret.js';
import { createDomainEventBus } from '../common/domain-events.js';
import { registerJobHandlers } from './job-registry.js';
import { subscribeReactions } from './subscriptions.js';
import type { ContainerOptions, WireCore } from './wire-context.js';
import { wirePeople } from './wire-people.js';
import { wireLibrary } from './wire-library.js';
import { wireFaces } from './wire-faces.js';
import { wireSharing } from './wire-sharing.js';
import { wireNowPlaying } from './wire-now-playing.js';
import { wireExchanges } from './wire-exchanges.js';

export type { ContainerOptions } from './wire-context.js';

/** Attempts per job (backoff 0.5 s, doubling); routing marks a delivery `failed` after as many. */
const JOB_ATTEMPTS = 4;

/**
 * Wires every service once, at start-up: plain factories, no decorator DI.
 * Tests build the same container with their own config (temp dir, PG schema).
 * The infrastructure is built here; each domain is wired by one `wire-*.ts` function, in this order
 * (later ones take what earlier ones built).
 */
export async function createContainer(config: Config, log?: FastifyBaseLogger, opts: ContainerOptions = {}) {
  const database: DatabaseHandle = await openDatabase(config.database, {
    onIdleError: (err) => log?.warn({ cause: err.message }, 'an idle database connection was lost (restart?); the next query reconnects'),
  });
  const { db } = database;
  const role = opts.role ?? 'serve';
  const blobs = await createBlobStore(config);
  // Upload temp files of a process killed mid-upload (temp-sweep.ts: why the grace depends on the engine).
  // Temp files stay on local disk with the S3 store too.
  const swept = await sweepTempFiles(
    path.join(config.dataDir, 'tmp'),
    performance.timeOrigin - TEMP_SWEEP_GRACE_MS[config.database.engine],
  );
  if (swept.removed) log?.info(swept, 'removed upload temp files left by an earlier process');
  const jobs = createJobQueue(config, { role, maxAttempts: JOB_ATTEMPTS, log, isTransient: isDatabaseUnavailable });
  // Cross-module reactions (common/domain-events.ts), all subscribed in app/subscriptions.ts.
  const domainEvents = createDomainEventBus(log);
  const secret = resolveServerSecret(config.secret, config.dataDir);
  // A worker has no sockets: its events reach the instances' sockets through Redis.
  const socketHub = createSocketHub({ redisUrl: config.redisUrl, log });
  const realtime = role === 'worker' && config.redisUrl ? await createRedisEmitterHub(config.redisUrl, log) : socketHub;
  // Lazy: the models load on the first photo analysed, never in a server (or test) that analyses none.
  const faceWorkers = createFaceAnalyser(config);
  // One face pool per deployment: beside a `kith worker` (BullMQ), `kith serve` asks the worker
  // (faces.check request jobs) and never starts face workers of its own.
  const faceAnalyser =
    role === 'serve' && config.queue.kind === 'bullmq' ? createRemoteFaceAnalyser(jobs, config, faceWorkers) : faceWorkers;
  const core: WireCore = { config, database, db, role, blobs, jobs, realtime, domainEvents, secret, faceAnalyser, faceWorkers, log, opts };

  // account.phone and the now-playing profile's number are one claim (docs/security.md): the phones
  // service is wired with now playing, below, and only called once requests run.
  const peopleWiring = wirePeople(core, (accountId, phone) => nowPlayingWiring.phones.claim(accountId, phone));
  const { vcardReader, contacts, accountsRepo, accounts, mailer, emailVerification, linkQuestions, referenceFaces } = peopleWiring;
  const libraryWiring = wireLibrary(core, peopleWiring.contactsRepo);
  const { albumsRepo, albums, events, eventSharing, assetsRepo, assets, trash, search, libraryViews } = libraryWiring;
  const { faces, people, mergeSuggestions, contactPhotos } = wireFaces(core, peopleWiring, libraryWiring);
  const sharing = wireSharing(core, peopleWiring, libraryWiring, JOB_ATTEMPTS);
  const { albumMembers, albumLinks, publicAlbums, inboxRepo, inbox, signingKeys, senderVerifier, connectors, carddav } = sharing;
  const { routingRepo, routing, regionSharesRepo, siteKeys, regionShares, pageImages } = sharing;
  const nowPlayingWiring = wireNowPlaying(core, peopleWiring, sharing.fetchOpts);
  const { nowPlayingGraph, nowPlaying, phones, association, confirmations, scrobblers } = nowPlayingWiring;
  // Expiry timers belong to the instances that serve now playing, not to workers.
  if (role === 'serve') await nowPlaying.restoreTimers();
  const { exchangesRepo, exchanges } = await wireExchanges(core, libraryWiring);
  // Every reaction (app/subscriptions.ts), before any job runs, and every job name → its handler (app/job-registry.ts).
  subscribeReactions(domainEvents, { jobs, accountsOf: (ids) => accountsRepo.findByIds(ids), contacts, events, faceAnalyser, routing });
  await registerJobHandlers(
    jobs,
    {
      assets,
      assetsRepo,
      trash,
      events,
      eventSharing,
      faces,
      faceWorkers,
      routing,
      regionShares,
      exchangeRounds: exchanges.rounds,
      carddav,
    },
    { carddavIntervalMs: config.carddavIntervalMs, scheduleTrashPurge: role === 'worker' || config.queue.kind === 'in-process', log },
  );

  return {
    config,
    database,
    db,
    /**
     * The repositories the container built for the services above, so tests can seed rows or make a
     * query fail; routes and services never reach them through here.
     */
    repos: { assets: assetsRepo, albums: albumsRepo, inbox: inboxRepo, regionShares: regionSharesRepo, exchanges: exchangesRepo },
    blobs,
    jobs,
    realtime: socketHub,
    accounts,
    emailVerification,
    contacts,
    linkQuestions,
    vcardReader,
    referenceFaces,
    albums,
    albumMembers,
    albumLinks,
    publicAlbums,
    assets,
    trash,
    search,
    libraryViews,
    events,
    eventSharing,
    faceAnalyser,
    /** This process's own face pool: unused (never started) in a `kith serve` beside a `kith worker`. */
    faceWorkers,
    faces,
    people,
    mergeSuggestions,
    contactPhotos,
    inbox,
    signingKeys,
    senderVerifier,
    connectors,
    carddav,
    siteKeys,
    regionShares,
    pageImages,
    routing,
    routingRepo,
    nowPlaying,
    /** Now playing's graph (profiles, audiences): tests read it directly; the service does not expose it. */
    nowPlayingGraph,
    association,
    phones,
    confirmations,
    scrobblers,
    exchanges,
    async close() {
      mailer?.close();
      nowPlaying.close();
      exchanges.close();
      await jobs.close();
      await faceWorkers.close();
      await vcardReader.close();
      await socketHub.close();
      if (realtime !== socketHub) await (realtime as { close(): Promise<void> }).close();
      blobs.close();
      await database.close();
    },
  };
}

export type Container = Awaited<ReturnType<typeof createContainer>>;
