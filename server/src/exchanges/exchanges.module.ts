import type { AlbumsService } from '../albums/albums.service.js';
import type { AssetsService } from '../assets/assets.service.js';
import type { BlobStore } from '../blobs/blob-store.js';
import type { Config } from '../config/config.js';
import type { Db } from '../db/database.js';
import type { JobQueue } from '../jobs/job-queue.js';
import type { RealtimeHub } from '../realtime/realtime-events.js';
import type { ExchangeComposer } from './composer-port.js';
import { createExchangeCore } from './exchange-core.js';
import { createExpiryTimers } from './exchange-expiry.js';
import { createExchangeGuests } from './exchange-guests.service.js';
import { createExchangeLibrary } from './exchange-library.js';
import { createExchangeRounds } from './exchange-rounds.service.js';
import { createExchangesRepository } from './exchanges.repository.js';
import { createExchangesService } from './exchanges.service.js';

export interface ExchangesModuleDeps {
  db: Db;
  config: Config;
  blobs: BlobStore;
  jobs: JobQueue;
  realtime: RealtimeHub;
  assets: AssetsService;
  albums: AlbumsService;
  /** The group-photo compositor of synthesis mode. */
  composer: ExchangeComposer;
  log?: { error(obj: object, msg: string): void };
}

/** Wires the exchanges domain: requests and permissions, rounds, guests, expiry timers. */
export async function createExchangesModule(deps: ExchangesModuleDeps) {
  const repo = createExchangesRepository(deps.db);
  const core = createExchangeCore({ repo, realtime: deps.realtime });
  const timers = createExpiryTimers({ repo, core, onError: (err) => deps.log?.error({ err }, 'exchange expiry failed') });
  const saveImage = createExchangeLibrary(deps);
  const rounds = createExchangeRounds({ ...deps, repo, core, saveImage });
  const service = createExchangesService({
    config: deps.config,
    repo,
    core,
    rounds,
    realtime: deps.realtime,
    scheduleExpiry: (id, at) => timers.schedule(id, at),
  });
  const guests = createExchangeGuests({ config: deps.config, repo, core, rounds });
  await timers.restore();
  return { service, rounds, guests, repo, core, close: () => timers.close() };
}

export type ExchangesModule = Awaited<ReturnType<typeof createExchangesModule>>;
