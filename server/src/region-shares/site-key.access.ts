import type { Principal } from '../common/principal.js';
import { errors } from '../common/errors.js';
import type { RegionSharesRepository, SiteKeyRow } from './region-shares.repository.js';

/**
 * The one access check for site keys (the model is Immich's `requireAccess`): a key is its owner's to
 * manage, so every service method that takes a site key id calls `requireSiteKey` first. Someone else's
 * key answers like one that does not exist. (Visitors present the key itself, checked against its
 * origins by site-keys.service.ts `authorise`; that is not access by id.)
 */
export function createSiteKeyAccess(keys: Pick<RegionSharesRepository, 'findSiteKey'>) {
  return {
    /** @throws 404 `not_found` when it does not exist or belongs to someone else. */
    async requireSiteKey(principal: Principal, id: string): Promise<SiteKeyRow> {
      const row = await keys.findSiteKey(principal.accountId, id);
      if (!row) throw errors.notFound('site key');
      return row;
    },
  };
}

export type SiteKeyAccess = ReturnType<typeof createSiteKeyAccess>;
