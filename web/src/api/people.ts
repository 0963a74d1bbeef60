/** Faces and people: analysis progress, re-index, people and their edits (typed SDK calls). */
import { kith, request, unwrap } from './client';
import type { Schemas } from '@kith/sdk';
import type { Asset, Contact, Face, FacePerson, FaceStatus } from './types';

const id = (personId: string) => ({ params: { path: { id: personId } } });

export interface PersonPatch {
  name?: string | null;
  hidden?: boolean;
  contactId?: string | null;
  accountId?: string | null;
}

/** A "Same person?" pair: two of my people whose face centroids are within the match threshold. */
export type MergeSuggestion = Schemas['MergeSuggestion'];

export const peopleApi = {
  list: async (hidden = false): Promise<FacePerson[]> =>
    (await unwrap(kith.GET('/api/people', { params: { query: { hidden: hidden ? 'true' : 'false' } } }))).people,
  get: async (personId: string): Promise<FacePerson> => (await unwrap(kith.GET('/api/people/{id}', id(personId)))).person,
  /** Newest capture first; pass the previous page's `nextCursor` to continue. */
  photos: (personId: string, cursor?: string | null, limit = 100): Promise<{ items: Asset[]; nextCursor: string | null }> =>
    unwrap(kith.GET('/api/people/{id}/photos', { params: { path: { id: personId }, query: { limit, ...(cursor ? { cursor } : {}) } } })),
  /** Names imported with the person's photos (Google Takeout), most photos first: suggestions, never applied by themselves. */
  nameSuggestions: async (personId: string): Promise<Array<{ name: string; photos: number }>> =>
    (await unwrap(kith.GET('/api/people/{id}/name-suggestions', id(personId)))).suggestions,
  faces: async (personId: string): Promise<Face[]> => (await unwrap(kith.GET('/api/people/{id}/faces', id(personId)))).faces,
  update: async (personId: string, patch: PersonPatch): Promise<FacePerson> =>
    (await unwrap(kith.PATCH('/api/people/{id}', { ...id(personId), body: patch }))).person,
  merge: async (targetId: string, personIds: string[]): Promise<FacePerson> =>
    (await unwrap(kith.POST('/api/people/{id}/merge', { ...id(targetId), body: { personIds } }))).person,
  split: async (personId: string, faceIds: string[], name?: string): Promise<FacePerson> =>
    (await unwrap(kith.POST('/api/people/{id}/split', { ...id(personId), body: { faceIds, ...(name ? { name } : {}) } }))).person,
  /** "Same person?" pairs, closest first. */
  mergeSuggestions: async (): Promise<MergeSuggestion[]> => (await unwrap(kith.GET('/api/people/merge-suggestions'))).suggestions,
  /** "No, different people": the pair is not suggested again. */
  dismissSuggestion: async (personId: string, otherId: string): Promise<void> =>
    void (await unwrap(kith.POST('/api/people/{id}/not-same', { ...id(personId), body: { personId: otherId } }))),
  status: (): Promise<FaceStatus> => unwrap(kith.GET('/api/faces/status')),
  reindex: async (): Promise<number> => (await unwrap(kith.POST('/api/faces/reindex'))).queued,
  /** Faces of a photo (boxes for the viewer). */
  ofAsset: async (assetId: string): Promise<Face[]> => (await unwrap(kith.GET('/api/assets/{id}/faces', id(assetId)))).faces,
  /** A contact's reference photo (multipart; plain fetch as the document has no multipart body schema). */
  setContactPhoto: async (contactId: string, file: File): Promise<{ contact: Contact; warning: string | null }> => {
    const form = new FormData();
    form.append('photo', file);
    return request('PUT', `/api/contacts/${encodeURIComponent(contactId)}/photo`, form);
  },
};
