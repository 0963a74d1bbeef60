import type { Principal } from '../common/principal.js';
import { errors } from '../common/errors.js';
import type { ContactsService } from './contacts.service.js';
import type { ContactAccess } from './contact.access.js';
import type { LinkQuestionsRepository, LinkQuestionView } from './link-questions.repository.js';

/**
 * Questions to a contact's owner about links resting on an unproven e-mail or phone ("Is Dad @mallory on this
 * server?", docs/security.md). Nothing flows to the account until the owner answers Yes; a No is kept, so the
 * pair is never asked about (nor linked by those addresses) again.
 */
export function createLinkQuestionsService(deps: { repo: LinkQuestionsRepository; access: ContactAccess; contacts: ContactsService }) {
  const { repo, access, contacts } = deps;
  return {
    /** The caller's pending questions, oldest first. */
    list: (principal: Principal): Promise<LinkQuestionView[]> => repo.listPending(principal.accountId),

    /**
     * Answers the pending question about (contact, account) and relinks the contact: Yes links it (unless a
     * better-proven account now matches), No keeps it unlinked from that account for good.
     * @returns the contact as it now is.
     * @throws 404 `not_found` when the contact is not the caller's, or the caller has no pending question about that pair.
     */
    async answer(principal: Principal, contactId: string, accountId: string, answer: 'yes' | 'no') {
      await access.requireContact(principal, contactId);
      if (!(await repo.answer(principal.accountId, contactId, accountId, answer, Date.now()))) throw errors.notFound('link question');
      const contact = await contacts.get(principal, contactId);
      await contacts.linker.relinkRows([contact]);
      return contacts.get(principal, contactId);
    },
  };
}

export type LinkQuestionsService = ReturnType<typeof createLinkQuestionsService>;
