import { descriptorFromBytes, type MatchCandidate } from '@kith/faces';
import type { Db } from '../db/database.js';

/** Candidate ids of reference faces: `account:<id>` or `contact:<id>`. */
export type ReferenceLink = { accountId: string; contactId?: undefined } | { contactId: string; accountId?: undefined };

export const referenceId = (link: ReferenceLink) => (link.accountId ? `account:${link.accountId}` : `contact:${link.contactId}`);

export function parseReferenceId(id: string): ReferenceLink {
  const [kind, value] = [id.slice(0, id.indexOf(':')), id.slice(id.indexOf(':') + 1)];
  return kind === 'account' ? { accountId: value } : { contactId: value };
}

/**
 * Who supplied a reference face: the owner (`own_portrait`, `contact_photo`: the photo in the
 * owner's contact card) or the account a contact is linked to (`linked_portrait`: a reference face that
 * account registered, a claim the owner never checked; docs/security.md "Faces and automatic sharing").
 */
export type ReferenceKind = 'own_portrait' | 'contact_photo' | 'linked_portrait';

/**
 * A reference descriptor. `id` is the link (`account:` / `contact:`), so `match`'s margin rule
 * compares people, not reference faces; `kind` and `refId` (reference_face id, or the contact id of a
 * `contact_face`) say which row it is, for the evidence placement records.
 */
export interface ReferenceCandidate extends MatchCandidate {
  kind: ReferenceKind;
  refId: string;
}

/**
 * The known faces an owner's photos are matched against (face-routed sharing, seed [0052]:
 * "compare it with known faces"):
 * - the owner's own reference faces → `account:<ownerId>`;
 * - each contact's photo in the owner's book → `contact:<contactId>`;
 * - the reference faces of the account a contact is linked to → `contact:<contactId>` as well
 *   (a friend's own registered face recognises them best, but only the friend vouches for it).
 * Only descriptors of `modelVersion` are returned: other models' distances mean nothing.
 */
export async function loadReferenceCandidates(db: Db, ownerId: string, modelVersion: string): Promise<ReferenceCandidate[]> {
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
      kind: 'linked_portrait' as const,
      refId: r.id,
    })),
  ];
}

/**
 * An account's own registered reference faces (`reference_face`) of `modelVersion` as candidates `account:<id>`:
 * what the album inbox checks incoming pictures against (seed CN103369031A claim 6, [0082]).
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
    kind: 'own_portrait' as const,
    refId: r.id,
  }));
}
