import type { Principal } from '../common/principal.js';
import { errors } from '../common/errors.js';
import type { FaceSummaryRow, FacesRepository } from './faces.repository.js';

/**
 * The one access check for faces (the model is Immich's `requireAccess`): a face belongs to the owner
 * of the photo it was found in (`face.owner_id`), and so does the person it is placed in, so every
 * service method that takes a face id calls `requireFace` first. Someone else's face answers like one
 * that does not exist, so ids cannot be probed.
 */
export function createFaceAccess(faces: Pick<FacesRepository, 'findOwned'>) {
  return {
    /**
     * @returns the caller's face without its descriptor and landmarks (`FaceSummaryRow`).
     * @throws 404 `not_found` when it does not exist or belongs to someone else.
     */
    async requireFace(principal: Principal, id: string): Promise<FaceSummaryRow> {
      const face = await faces.findOwned(principal.accountId, id);
      if (!face) throw errors.notFound('face');
      return face;
    },
  };
}

export type FaceAccess = ReturnType<typeof createFaceAccess>;
