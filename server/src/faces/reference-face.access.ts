import type { Principal } from '../common/principal.js';
import { errors } from '../common/errors.js';
import type { ReferenceFaceRow, ReferenceFacesRepository } from './reference-faces.repository.js';

/**
 * The one access check for reference faces (the model is Immich's `requireAccess`): only the account
 * that gave a reference face ever sees or deletes it, so every service method that takes a reference face id
 * calls `requireReferenceFace` first. Someone else's reference face answers like one that does not exist.
 */
export function createReferenceFaceAccess(referenceFaces: ReferenceFacesRepository) {
  return {
    /** @throws 404 `not_found` when it does not exist or belongs to someone else. */
    async requireReferenceFace(principal: Principal, id: string): Promise<ReferenceFaceRow> {
      const r = await referenceFaces.find(principal.accountId, id);
      if (!r) throw errors.notFound('reference face');
      return r;
    },
  };
}

export type ReferenceFaceAccess = ReturnType<typeof createReferenceFaceAccess>;
