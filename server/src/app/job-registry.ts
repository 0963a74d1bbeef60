import type { AssetsRepository } from '../assets/assets.repository.js';
import type { AssetsService } from '../assets/assets.service.js';
import { assetDerivativesJob } from '../assets/asset-derivatives.job.js';
import { TRASH_PURGE_EVERY_MS, trashPurgeJob } from '../assets/trash-purge.job.js';
import type { TrashService } from '../assets/trash.service.js';
import { carddavDueEveryMs, carddavDueJob, carddavSyncJob } from '../carddav/carddav.job.js';
import type { CarddavService } from '../carddav/carddav.service.js';
import { eventsDetectJob } from '../events/event-detection.job.js';
import type { EventSharingService } from '../events/event-sharing.service.js';
import type { EventsService } from '../events/events.service.js';
import { exchangeComposeJob } from '../exchanges/exchange-compose.job.js';
import type { ExchangeRounds } from '../exchanges/exchange-rounds.service.js';
import type { FaceAnalyser } from '../faces/face-analyser.js';
import { faceCheckRequest } from '../faces/face-check.job.js';
import { facesAnalyseJob, facesContactJob, facesReindexJob } from '../faces/faces.job.js';
import type { FacesService } from '../faces/faces.service.js';
import type { JobHandler, JobName, JobQueue, RequestHandler, RequestName } from '../jobs/job-queue.js';
import { regionShareDeliverJob } from '../region-shares/region-share-deliver.job.js';
import type { RegionSharesService } from '../region-shares/region-shares.service.js';
import { routingDeliverJob } from '../routing/routing.job.js';
import type { RoutingService } from '../routing/routing.service.js';

/** The one handler of every job name: a job added to JobPayloads without one here does not compile. */
export type JobHandlers = { [N in JobName]: JobHandler<N> };
/** The one handler of every request job name (RequestPayloads). */
export type RequestHandlers = { [N in RequestName]: RequestHandler<N> };

/** What the handlers run on: the container's services. */
export interface JobServices {
  assets: Pick<AssetsService, 'completeDerivatives'>;
  assetsRepo: Pick<AssetsRepository, 'findByIds'>;
  trash: Pick<TrashService, 'purgeExpired'>;
  events: Pick<EventsService, 'detect'>;
  eventSharing: Pick<EventSharingService, 'routeNewAssets'>;
  faces: Pick<FacesService, 'analysePhoto' | 'contactFaces' | 'reindexOwner'>;
  /** This process's own face pool (not the remote analyser of a `kith serve` beside a worker). */
  faceWorkers: FaceAnalyser;
  routing: Pick<RoutingService, 'deliver'>;
  regionShares: Pick<RegionSharesService, 'deliver'>;
  exchangeRounds: Pick<ExchangeRounds, 'compose'>;
  carddav: Pick<CarddavService, 'syncById' | 'queueDue'>;
}

export interface JobRegistryOptions {
  /** KITH_CARDDAV_INTERVAL_MINUTES in ms; 0: no scheduled sync. */
  carddavIntervalMs: number;
  /** Whether this process schedules the purge (where jobs run: in-process, or `kith worker` with BullMQ). */
  scheduleTrashPurge: boolean;
  log?: { info(obj: object, msg: string): void };
}

/**
 * Every job name → its handler, each in a `*.job.ts` of its domain. Services only enqueue; go to the
 * definition of a handler here to read what a job does. JobPayloads (jobs/job-queue.ts) types the payloads.
 */
export function jobHandlers(s: JobServices, opts: JobRegistryOptions): JobHandlers {
  return {
    'asset.derivatives': assetDerivativesJob(s.assets),
    'events.detect': eventsDetectJob(s.events, s.eventSharing, s.assetsRepo),
    'faces.analyse': facesAnalyseJob(s.faces),
    'faces.reindex': facesReindexJob(s.faces),
    'faces.contact': facesContactJob(s.faces),
    'region-share.deliver': regionShareDeliverJob(s.regionShares),
    'routing.deliver': routingDeliverJob(s.routing),
    'exchange.compose': exchangeComposeJob(s.exchangeRounds),
    'trash.purge': trashPurgeJob(s.trash, opts.log),
    'carddav.due': carddavDueJob(s.carddav, opts.carddavIntervalMs),
    'carddav.sync': carddavSyncJob(s.carddav),
  };
}

/** Every request job name → its handler. */
export function requestHandlers(s: Pick<JobServices, 'faceWorkers'>): RequestHandlers {
  return { 'faces.check': faceCheckRequest(s.faceWorkers) };
}

/**
 * Registers every handler on the queue, then the schedules: `trash.purge` hourly (where jobs run) and
 * `carddav.due` (every quarter of the CardDAV interval, removed when it is 0). Called once, after every
 * service is built and before anything is enqueued (the in-process queue drops a job it has no handler for).
 */
export async function registerJobHandlers(jobs: JobQueue, s: JobServices, opts: JobRegistryOptions): Promise<void> {
  const handlers = jobHandlers(s, opts);
  const register = <N extends JobName>(name: N) => jobs.handle(name, handlers[name]);
  for (const name of Object.keys(handlers) as JobName[]) register(name);
  const requests = requestHandlers(s);
  for (const name of Object.keys(requests) as RequestName[]) jobs.handleRequest(name, requests[name]);
  if (opts.scheduleTrashPurge) await jobs.repeat('trash.purge', {}, TRASH_PURGE_EVERY_MS);
  await jobs.repeat('carddav.due', {}, carddavDueEveryMs(opts.carddavIntervalMs));
}
