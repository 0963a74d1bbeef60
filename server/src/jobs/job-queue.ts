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
  /** Send one photo to one recognised contact's inbox, on this server or another (issue 4 routing); retried with backoff. */
  'routing.deliver': { deliveryId: string };
  /** Compose the group photo of an exchange round whose two images are in (synthesis mode, issue 5). */
  'exchange.compose': { exchangeId: string; n: number };
  /** Save a finished exchange round (both images and the composite) into each account's "Exchanges" album. */
}

export type JobName = keyof JobPayloads;
export type JobHandler<N extends JobName> = (payload: JobPayloads[N]) => Promise<void>;

export interface JobQueue {
  /** Queues a job; resolves once it is accepted (not when it has run). */
  enqueue<N extends JobName>(name: N, payload: JobPayloads[N]): Promise<void>;
  /** Registers the one handler of a job name. */
  handle<N extends JobName>(name: N, handler: JobHandler<N>): void;
  /** Resolves when no job is queued or running (tests, benchmarks, shutdown). */
  drain(): Promise<void>;
  close(): Promise<void>;
}
