import { requireOwned } from '../common/owned-access.js';
import type { ContactsRepository, ContactView } from './contacts.repository.js';

/**
 * The one access check for contacts (the model is Immich's `requireAccess`): a contact is its
 * owner's alone, so every service method that takes a contact id calls `requireContact` first.
 * Someone else's contact answers like one that does not exist, so ids cannot be probed.
 */
export function createContactAccess(contacts: ContactsRepository) {
  return {
    /**
     * @returns the caller's contact (with its link fields, `ContactView`).
     * @throws 404 `not_found` when it does not exist or belongs to someone else.
     */
    requireContact: requireOwned<ContactView>((ownerId, id) => contacts.findById(ownerId, id), 'contact'),
  };
}

export type ContactAccess = ReturnType<typeof createContactAccess>;
