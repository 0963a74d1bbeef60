import type { Principal } from '../common/principal.js';
import { errors } from '../common/errors.js';
import type { ContactGroupsRepository, GroupSummary } from './contact-groups.repository.js';

/**
 * The one access check for contact groups (the model is Immich's `requireAccess`): a group, like the
 * contacts in it, is its owner's alone, so every service method that takes a group id (reading it,
 * listing its members) calls `requireContactGroup` first. Someone else's group answers like one that
 * does not exist.
 */
export function createContactGroupAccess(groups: Pick<ContactGroupsRepository, 'find'>) {
  return {
    /**
     * @returns the caller's group with its member count.
     * @throws 404 `not_found` when it does not exist or belongs to someone else.
     */
    async requireContactGroup(principal: Principal, id: string): Promise<GroupSummary> {
      const group = await groups.find(principal.accountId, id);
      if (!group) throw errors.notFound('contact group');
      return group;
    },
  };
}

export type ContactGroupAccess = ReturnType<typeof createContactGroupAccess>;
