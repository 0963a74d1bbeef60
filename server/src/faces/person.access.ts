import { requireOwned } from '../common/owned-access.js';
import type { PeopleRepository, PersonListRow } from './people.repository.js';

/**
 * The one access check for people (the model is Immich's `requireAccess`): a person is its owner's
 * own grouping of faces, so every service method that takes a person id calls `requirePerson` first.
 * Someone else's person answers like one that does not exist, so ids cannot be probed.
 */
export function createPersonAccess(people: PeopleRepository) {
  return {
    /**
     * @returns the caller's person with its counts and link names (`PersonListRow`).
     * @throws 404 `not_found` when it does not exist or belongs to someone else.
     */
    requirePerson: requireOwned<PersonListRow>((ownerId, id) => people.findView(ownerId, id), 'person'),
  };
}

export type PersonAccess = ReturnType<typeof createPersonAccess>;
