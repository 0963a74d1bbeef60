import { requireOwned } from '../common/owned-access.js';
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
    requireFace: requireOwned<FaceSummaryRow>((ownerId, id) => faces.findOwned(ownerId, id), 'face'),
  };
}

export type FaceAccess = ReturnType<typeof createFaceAccess>;
