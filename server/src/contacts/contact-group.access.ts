import { requireOwned } from '../common/owned-access.js';
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
    requireContactGroup: requireOwned<GroupSummary>((ownerId, id) => groups.find(ownerId, id), 'contact group'),
  };
}

export type ContactGroupAccess = ReturnType<typeof createContactGroupAccess>;
