import type { Db } from '../db/database.js';
import { descriptorFromBytes } from '@kith/faces';
import type { SuggestionFace, SuggestionPerson } from './merge-suggestions.js';

/** The SQL behind "Same person?": the faces of an owner's visible people, and the pairs the owner dismissed. */
export function createMergeSuggestionsRepository(db: Db) {
  return {
    /** Visible people with at least one face described by `modelVersion`, and those faces. */
    async facesOfVisiblePeople(ownerId: string, modelVersion: string): Promise<{ people: SuggestionPerson[]; faces: SuggestionFace[] }> {
      const rows = await db
        .selectFrom('face')
        .innerJoin('person', 'person.id', 'face.person_id')
        .select(['face.person_id', 'face.asset_id', 'face.descriptor', 'person.contact_id', 'person.account_id'])
        .where('face.owner_id', '=', ownerId)
        .where('face.model_version', '=', modelVersion)
        .where('person.hidden', '=', 0)
        .execute();
      const people = new Map<string, SuggestionPerson>();
      const faces: SuggestionFace[] = [];
      for (const r of rows) {
        const personId = r.person_id!;
        if (!people.has(personId))
          people.set(personId, {
            id: personId,
            identity: r.contact_id ? `contact:${r.contact_id}` : r.account_id ? `account:${r.account_id}` : null,
          });
        faces.push({ personId, assetId: r.asset_id, descriptor: descriptorFromBytes(r.descriptor) });
      }
      return { people: [...people.values()], faces };
    },

    /** The owner's dismissed pairs as `a:b` keys (a < b). */
    async dismissed(ownerId: string): Promise<Set<string>> {
      const rows = await db.selectFrom('person_not_same').select(['person_a', 'person_b']).where('owner_id', '=', ownerId).execute();
      return new Set(rows.map((r) => `${r.person_a}:${r.person_b}`));
    },

    /** Records "not the same person" once; a repeat is a no-op. */
    async dismiss(ownerId: string, a: string, b: string): Promise<void> {
      const [person_a, person_b] = a < b ? [a, b] : [b, a];
      await db
        .insertInto('person_not_same')
        .values({ owner_id: ownerId, person_a, person_b, created_at: Date.now() })
        .onConflict((oc) => oc.columns(['owner_id', 'person_a', 'person_b']).doNothing())
        .execute();
    },
  };
}

export type MergeSuggestionsRepository = ReturnType<typeof createMergeSuggestionsRepository>;
