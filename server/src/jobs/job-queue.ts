/**
 * Typed background jobs. Every job name maps to its payload here, so producers and
 * handlers cannot disagree. Handlers must be idempotent: a job may run again after a
 * crash or a retry.
 */
export interface JobPayloads {
  /** Make the 250 px thumbnail and 1440 px preview (WebP) of an asset. */
  'asset.derivatives': { assetId: string };
  /** Place an owner's new photos in events and route them into shared event albums (all unplaced photos of the owner). */
  'events.detect': { ownerId: string };
  /** Find and describe the faces of a photo, store them with face-crop thumbnails, and place them in people. */
  'faces.analyse': { assetId: string };
  /** Re-describe an owner's stale reference faces, queue their stale photos, then cluster the unassigned faces. */
  'faces.reindex': { ownerId: string };
  /** Analyse a contact's photo as a reference face (after a vCard import). */
  'faces.contact': { contactId: string };
  /** Post a region share to its Mastodon or webhook target (region-sharing S270); retried with backoff. */
  'region-share.deliver': { shareId: string };
  /** Send one photo to one recognised contact's inbox, on this server or another (server-side routing); retried with backoff. */
  'routing.deliver': { deliveryId: string };
  /** Compose the group photo of an exchange round whose two images are in (exchange synthesis mode). */
  'exchange.compose': { exchangeId: string; n: number };
  /** Delete for ever what has been in the trash longer than KITH_TRASH_DAYS (every owner); scheduled hourly with `repeat`. */
  'trash.purge': Record<string, never>;
  /** Find the connected CardDAV address books due for their scheduled sync and queue `carddav.sync` for each (repeatable). */
  'carddav.due': Record<string, never>;
  /** Sync one connected CardDAV address book (RFC 6578 sync-collection, ETags) into its owner's contacts. */
  'carddav.sync': { bookId: string };
}

export type JobName = keyof JobPayloads;
export type JobHandler<N extends JobName> = (payload: JobPayloads[N]) => Promise<void>;

/**
 * Request jobs: a caller waits for the answer (`JobQueue.request`). They run wherever the jobs run
 * (`kith worker` with BullMQ), so a `kith serve` beside a worker needs no face engine of its own.
 */
export interface RequestPayloads {
  /** Find and describe the faces of one still (the inbox check): `image` is the encoded still, base64. */
  'faces.check': { image: string };
}
/** The answer of each request job: plain JSON (it travels through Redis with BullMQ). */
export interface RequestReplies {
  /** `FaceAnalysis` with each descriptor as a number array (face-check.job.ts), or the engine's refusal. */
  'faces.check': { analysis: unknown } | { refused: { code: string; message: string } };
}
export type RequestName = keyof RequestPayloads;
export type RequestHandler<N extends RequestName> = (payload: RequestPayloads[N]) => Promise<RequestReplies[N]>;

/** Raised by `JobQueue.request` when no answer came in time (no worker running, or all busy for that long). */
export class RequestTimeoutError extends Error {
  constructor(
    readonly job: RequestName,
    readonly timeoutMs: number,
  ) {
    super(`no answer to ${job} within ${timeoutMs} ms`);
  }
}

/**
 * Order among jobs waiting in one process (in-process queue), lowest first; FIFO within a level.
 * Requests come first (someone is waiting), then thumbnails and previews (the library shows them),
 * and face analysis last: it costs about ten times a photo's derivatives (bench/README.md).
 */
export const JOB_PRIORITY: Record<JobName | RequestName, number> = {
  'faces.check': 0,
  'asset.derivatives': 1,
  'routing.deliver': 2,
  'region-share.deliver': 2,
  'exchange.compose': 2,
  'events.detect': 3,
  'faces.contact': 4,
  'carddav.due': 4,
  'carddav.sync': 4,
  'faces.analyse': 5,
  'faces.reindex': 6,
  'trash.purge': 6,
};

export interface JobQueue {
  /** Queues a job; resolves once it is accepted (not when it has run). */
  enqueue<N extends JobName>(name: N, payload: JobPayloads[N]): Promise<void>;
  /**
   * Runs a job every `everyMs` for as long as the deployment lives (a schedule, one per name: calling
   * it again replaces it; `everyMs` 0 removes it). In-process: a timer of this process, first run a minute
   * after the call (or after `everyMs` when shorter). BullMQ: a job scheduler in Redis (first run at once),
   * so the job runs once per period across every worker. Schedules are left out of `drain`.
   */
  repeat<N extends JobName>(name: N, payload: JobPayloads[N], everyMs: number): Promise<void>;
  /** Registers the one handler of a job name. */
  handle<N extends JobName>(name: N, handler: JobHandler<N>): void;
  /**
   * Runs a request job and resolves with its answer (ahead of every waiting job).
   * @throws RequestTimeoutError when no answer came within `timeoutMs`; the job's own error otherwise.
   */
  request<N extends RequestName>(name: N, payload: RequestPayloads[N], opts: { timeoutMs: number }): Promise<RequestReplies[N]>;
  /** Registers the one handler of a request job name (only where jobs run). */
  handleRequest<N extends RequestName>(name: N, handler: RequestHandler<N>): void;
  /** Resolves when no job is queued or running (tests, benchmarks, shutdown). */
  drain(): Promise<void>;
  close(): Promise<void>;
}
