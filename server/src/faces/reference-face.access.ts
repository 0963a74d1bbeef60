import { requireOwned } from '../common/owned-access.js';
import type { ReferenceFaceRow, ReferenceFacesRepository } from './reference-faces.repository.js';

/**
 * The one access check for reference faces (the model is Immich's `requireAccess`): only the account
 * that gave a reference face ever sees or deletes it, so every service method that takes a reference face id
 * calls `requireReferenceFace` first. Someone else's reference face answers like one that does not exist.
 */
export function createReferenceFaceAccess(referenceFaces: ReferenceFacesRepository) {
  return {
    /** @throws 404 `not_found` when it does not exist or belongs to someone else. */
    requireReferenceFace: requireOwned<ReferenceFaceRow>((ownerId, id) => referenceFaces.find(ownerId, id), 'reference face'),
  };
}

export type ReferenceFaceAccess = ReturnType<typeof createReferenceFaceAccess>;
