import { requireOwned } from '../common/owned-access.js';
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
    requireSiteKey: requireOwned<SiteKeyRow>((ownerId, id) => keys.findSiteKey(ownerId, id), 'site key'),
  };
}

export type SiteKeyAccess = ReturnType<typeof createSiteKeyAccess>;
