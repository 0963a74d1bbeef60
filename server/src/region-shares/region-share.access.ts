import type { Principal } from '../common/principal.js';
import { errors } from '../common/errors.js';
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
    async requireRegionShare(principal: Principal, id: string): Promise<RegionShareRow> {
      const row = await shares.findById(id);
      if (row?.owner_id !== principal.accountId) throw errors.notFound('region share');
      return row;
    },
  };
}

export type RegionShareAccess = ReturnType<typeof createRegionShareAccess>;
