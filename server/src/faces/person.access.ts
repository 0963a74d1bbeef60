import type { Principal } from '../common/principal.js';
import { errors } from '../common/errors.js';
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
    async requirePerson(principal: Principal, id: string): Promise<PersonListRow> {
      const p = await people.findView(principal.accountId, id);
      if (!p) throw errors.notFound('person');
      return p;
    },
  };
}

export type PersonAccess = ReturnType<typeof createPersonAccess>;
