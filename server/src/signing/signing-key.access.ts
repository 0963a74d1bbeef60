import { requireOwned } from '../common/owned-access.js';
import type { SigningKeyRow, SigningKeysRepository } from './signing-keys.repository.js';

/**
 * The one access check for signing keys (the model is Immich's `requireAccess`): a key is its
 * account's alone, so every service method that takes a key id calls `requireSigningKey` first.
 * Someone else's key answers like one that does not exist. (Published keys are read by username
 * through `/.well-known/kith-keys/{user}`, not by id.)
 */
export function createSigningKeyAccess(keys: Pick<SigningKeysRepository, 'findOwn'>) {
  return {
    /**
     * @returns the caller's key, revoked or not.
     * @throws 404 `not_found` when it does not exist or belongs to someone else.
     */
    requireSigningKey: requireOwned<SigningKeyRow>((ownerId, id) => keys.findOwn(ownerId, id), 'signing key'),
  };
}

export type SigningKeyAccess = ReturnType<typeof createSigningKeyAccess>;
