import type { JobHandler } from '../jobs/job-queue.js';
import type { AssetsService } from './assets.service.js';

/**
 * `asset.derivatives`: the 250 px thumbnail and 1440 px preview (WebP) of a new asset, queued by ingest
 * (asset-commit.ts); pushes `asset.ready` when done. Idempotent (assets.service.ts `completeDerivatives`).
 */
export const assetDerivativesJob =
  (assets: Pick<AssetsService, 'completeDerivatives'>): JobHandler<'asset.derivatives'> =>
  ({ assetId }) =>
    assets.completeDerivatives(assetId);
