import type { JobHandler } from '../jobs/job-queue.js';
import type { RegionSharesService } from './region-shares.service.js';

/**
 * `region-share.deliver`: posts a region share to its Mastodon or webhook target (region-sharing S270),
 * queued when the share is made; a failure is recorded on the share and retried with backoff
 * (region-shares.service.ts `deliver`).
 */
export const regionShareDeliverJob =
  (regionShares: Pick<RegionSharesService, 'deliver'>): JobHandler<'region-share.deliver'> =>
  ({ shareId }) =>
    regionShares.deliver(shareId);
