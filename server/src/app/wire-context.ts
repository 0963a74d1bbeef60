import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config/config.js';
import type { DatabaseHandle } from '../db/database.js';
import type { createBlobStore } from '../blobs/create-blob-store.js';
import type { JobQueue } from '../jobs/job-queue.js';
import type { RealtimeHub } from '../realtime/realtime-events.js';
import type { DomainEventBus } from '../common/domain-events.js';
import type { FaceAnalyser, createFaceAnalyser } from '../faces/face-analyser.js';
import type { VerifyPassword } from '../accounts/passwords.service.js';
import type { Resolver } from '../net/guarded-fetch.js';
import type { ExchangeComposer } from '../exchanges/composer-port.js';

/** Test seams of the container: DNS for the SSRF guard, Mastodon polling pace, the exchanges' compositor. */
export interface ContainerOptions {
  /**
   * `serve` (default): HTTP instance, with the socket hub; with `KITH_QUEUE=bullmq` it only enqueues jobs.
   * `worker` (`kith worker`, BullMQ only): runs the jobs, has no sockets, and publishes realtime events
   * through Redis to the instances.
   */
  role?: 'serve' | 'worker';
  resolve?: Resolver;
  mastodonPollMs?: number;
  composer?: ExchangeComposer;
  /** The clock of the trash (when a photo was deleted, when its time is up), ms since epoch; default Date.now. */
  now?: () => number;
  /** The argon2 password check (default @node-rs/argon2 `verify`), so a test can see that unknown users cost one too. */
  verifyPassword?: VerifyPassword;
}

/**
 * What app/container.ts builds before any domain is wired, handed to every `wire-*.ts` function:
 * the database, blob store, job queue, realtime hub (the socket hub, or Redis in a worker), the
 * domain-event bus, the server secret and the face analysers. Only container.ts and the wire files
 * see `db`: services get repositories.
 */
export interface WireCore {
  config: Config;
  database: DatabaseHandle;
  db: DatabaseHandle['db'];
  role: 'serve' | 'worker';
  blobs: Awaited<ReturnType<typeof createBlobStore>>;
  jobs: JobQueue;
  realtime: RealtimeHub;
  domainEvents: DomainEventBus;
  /** The server secret (KITH_SECRET or data/secret.key); purpose keys come from `deriveServerKey`. */
  secret: string;
  /** Where faces are analysed: this process's pool, or a `kith worker` through faces.check jobs. */
  faceAnalyser: FaceAnalyser;
  /** This process's own face pool (also the exchanges' compositor's). */
  faceWorkers: ReturnType<typeof createFaceAnalyser>;
  log?: FastifyBaseLogger;
  opts: ContainerOptions;
}
