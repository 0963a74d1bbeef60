import { requireOwned } from '../common/owned-access.js';
import type { RegionShareRow, RegionSharesRepository } from './region-shares.repository.js';

/**
 * The one access check for region shares (the model is Immich's `requireAccess`): a share's record
 * (delivery status, target) is its owner's alone, so every service method that takes a share id for
 * its owner calls `requireRegionShare` first. Someone else's share answers like one that does not
 * exist. The public page `/s/{id}` is the link's own capability and shows only the crop.
 */
export function createRegionShareAccess(shares: Pick<RegionSharesRepository, 'findById'>) {
  return {
    /** @throws 404 `not_found` when it does not exist or belongs to someone else. */
    requireRegionShare: requireOwned<RegionShareRow>(async (ownerId, id) => {
      const row = await shares.findById(id);
      return row?.owner_id === ownerId ? row : undefined;
    }, 'region share'),
  };
}

export type RegionShareAccess = ReturnType<typeof createRegionShareAccess>;
