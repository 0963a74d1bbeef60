import { descriptorFromBytes } from '@kith/faces';
import type { Db } from '../db/database.js';
import { referenceId, type ReferenceCandidate } from './reference-descriptors.js';

/**
 * An account's own registered reference faces (`reference_face`) of `modelVersion` as candidates `account:<id>`:
 * what the album inbox checks incoming pictures against (seed CN103369031A claim 6, [0082]).
 * A plain function of `db` as well as a repository method: the album inbox calls it with its own handle.
 */
export async function loadOwnReferenceFaces(db: Db, accountId: string, modelVersion: string): Promise<ReferenceCandidate[]> {
  const rows = await db
    .selectFrom('reference_face')
    .select(['id', 'descriptor'])
    .where('account_id', '=', accountId)
    .where('model_version', '=', modelVersion)
    .where('descriptor', 'is not', null)
    .execute();
  return rows.map((r) => ({
    id: referenceId({ accountId }),
    descriptor: descriptorFromBytes(r.descriptor!),
    kind: 'own_reference_face' as const,
    refId: r.id,
  }));
}

/** All SQL reading the reference descriptors faces are matched against (reference_face, contact_face, contact). */
export function createReferenceDescriptorsRepository(db: Db) {
  return {
    /** See `loadOwnReferenceFaces`. */
    ownReferenceFaces: (accountId: string, modelVersion: string) => loadOwnReferenceFaces(db, accountId, modelVersion),

    /**
     * The known faces an owner's photos are matched against (face-routed sharing, seed [0052]:
     * "compare it with known faces"):
     * - the owner's own reference faces → `account:<ownerId>`;
     * - each contact's photo in the owner's book → `contact:<contactId>`;
     * - the reference faces of the account a contact is linked to → `contact:<contactId>` as well
     *   (a friend's own registered face recognises them best, but only the friend vouches for it).
     * Only descriptors of `modelVersion` are returned: other models' distances mean nothing.
     */
    async candidatesOf(ownerId: string, modelVersion: string): Promise<ReferenceCandidate[]> {
      const own = await loadOwnReferenceFaces(db, ownerId, modelVersion);
      const contactPhotos = await db
        .selectFrom('contact_face')
        .select(['contact_id', 'descriptor'])
        .where('owner_id', '=', ownerId)
        .where('model_version', '=', modelVersion)
        .where('descriptor', 'is not', null)
        .execute();
      const linkedReferenceFaces = await db
        .selectFrom('contact')
        .innerJoin('reference_face as r', 'r.account_id', 'contact.linked_account_id')
        .select(['contact.id as contact_id', 'r.id', 'r.descriptor'])
        .where('contact.owner_id', '=', ownerId)
        .where('contact.linked_account_id', '!=', ownerId)
        .where('r.model_version', '=', modelVersion)
        .where('r.descriptor', 'is not', null)
        .execute();
      return [
        ...own,
        ...contactPhotos.map((r) => ({
          id: referenceId({ contactId: r.contact_id }),
          descriptor: descriptorFromBytes(r.descriptor!),
          kind: 'contact_photo' as const,
          refId: r.contact_id,
        })),
        ...linkedReferenceFaces.map((r) => ({
          id: referenceId({ contactId: r.contact_id }),
          descriptor: descriptorFromBytes(r.descriptor!),
          kind: 'linked_reference_face' as const,
          refId: r.id,
        })),
      ];
    },
  };
}

export type ReferenceDescriptorsRepository = ReturnType<typeof createReferenceDescriptorsRepository>;
