import type { AssetsRepository } from '../assets/assets.repository.js';
import type { JobHandler } from '../jobs/job-queue.js';
import type { EventSharingService } from './event-sharing.service.js';
import type { EventsService } from './events.service.js';

/**
 * `events.detect` (queued by ingest, and when a sidecar dates a photo): place an owner's new photos in events, then let them join the
 * event albums they belong to.
 *
 * Jobs for one owner are coalesced: one run places every unplaced photo of the owner, so
 * while a run is going, later jobs only ask for one more run and return at once. They would
 * otherwise wait on the per-owner lock while holding a queue slot that thumbnail jobs need
 * (a 200-photo upload queues 200 of them).
 */
export function eventsDetectJob(
  events: Pick<EventsService, 'detect'>,
  sharing: Pick<EventSharingService, 'routeNewAssets'>,
  assets: Pick<AssetsRepository, 'findByIds'>,
): JobHandler<'events.detect'> {
  const rerun = new Map<string, boolean>();
  return async ({ ownerId }) => {
    if (rerun.has(ownerId)) {
      rerun.set(ownerId, true);
      return;
    }
    try {
      do {
        rerun.set(ownerId, false);
        const placed = await events.detect(ownerId);
        await sharing.routeNewAssets(ownerId, await assets.findByIds(placed));
      } while (rerun.get(ownerId));
    } finally {
      rerun.delete(ownerId);
    }
  };
}
