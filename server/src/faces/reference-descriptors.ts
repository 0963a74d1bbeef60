import type { MatchCandidate } from '@kith/faces';

/** Candidate ids of reference faces: `account:<id>` or `contact:<id>`. */
export type ReferenceLink = { accountId: string; contactId?: undefined } | { contactId: string; accountId?: undefined };

export const referenceId = (link: ReferenceLink) => (link.accountId ? `account:${link.accountId}` : `contact:${link.contactId}`);

export function parseReferenceId(id: string): ReferenceLink {
  const [kind, value] = [id.slice(0, id.indexOf(':')), id.slice(id.indexOf(':') + 1)];
  return kind === 'account' ? { accountId: value } : { contactId: value };
}

/**
 * Who supplied a reference face: the owner (`own_reference_face`, `contact_photo`: the photo in the
 * owner's contact card) or the account a contact is linked to (`linked_reference_face`: a reference face that
 * account registered, a claim the owner never checked; docs/security.md "Faces and automatic sharing").
 */
export type ReferenceKind = 'own_reference_face' | 'contact_photo' | 'linked_reference_face';

/**
 * A reference descriptor. `id` is the link (`account:` / `contact:`), so `match`'s margin rule
 * compares people, not reference faces; `kind` and `refId` (reference_face id, or the contact id of a
 * `contact_face`) say which row it is, for the evidence placement records.
 */
export interface ReferenceCandidate extends MatchCandidate {
  kind: ReferenceKind;
  refId: string;
}

// The album inbox (another domain) imports the own reference faces reader from here.
export { loadOwnReferenceFaces } from './reference-descriptors.repository.js';
