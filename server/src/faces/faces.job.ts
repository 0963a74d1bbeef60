import type { JobHandler } from '../jobs/job-queue.js';
import type { FacesService } from './faces.service.js';

/**
 * `faces.analyse`: finds and describes the faces of a photo, stores them with their crops, places them in
 * people and publishes `faces.placed`; queued after every upload and by a re-index (faces.service.ts
 * `analysePhoto`, face-analysis.job.ts). A no-op with KITH_FACE_ANALYSIS=off.
 */
export const facesAnalyseJob =
  (faces: Pick<FacesService, 'analysePhoto'>): JobHandler<'faces.analyse'> =>
  ({ assetId }) =>
    faces.analysePhoto(assetId);

/** `faces.contact`: a contact's photo becomes a reference face (queued on `contacts.photos-imported`, app/subscriptions.ts). */
export const facesContactJob =
  (faces: Pick<FacesService, 'contactFaces'>): JobHandler<'faces.contact'> =>
  ({ contactId }) =>
    faces.contactFaces.analyseContact(contactId);

/** `faces.reindex`: an owner's library analysed again with the current model (faces.service.ts `reindexOwner`). */
export const facesReindexJob =
  (faces: Pick<FacesService, 'reindexOwner'>): JobHandler<'faces.reindex'> =>
  ({ ownerId }) =>
    faces.reindexOwner(ownerId);
