/**
 * Proving identities (docs/security.md, "E-mail addresses and contact links"): my e-mail's verification status
 * and link, the admin's invites and vouching, and the questions about contact links that rest on unproven
 * addresses. Typed SDK calls.
 */
import { kith, unwrap } from './client';
import type { Contact, LinkQuestion } from './types';

export const verificationApi = {
  /** Whether my e-mail is verified and whether this server can send the link (KITH_SMTP_URL). */
  emailStatus: async () => unwrap(kith.GET('/api/me/email-verification')),
  /** E-mails me a one-time link (24 h). */
  sendEmailLink: async () => unwrap(kith.POST('/api/me/email-verification')),
  /** Admin: vouch for an account's current e-mail (servers without SMTP). */
  markEmailVerified: async (username: string) =>
    (await unwrap(kith.POST('/api/admin/accounts/{username}/email-verification', { params: { path: { username } } }))).account,
  /** Admin: a one-time invite code (sign-up needs one after the first account). */
  createInvite: async (): Promise<string> => (await unwrap(kith.POST('/api/invites'))).code,

  linkQuestions: async (): Promise<LinkQuestion[]> => (await unwrap(kith.GET('/api/contacts/link-questions'))).questions,
  answerLinkQuestion: async (contactId: string, accountId: string, answer: 'yes' | 'no'): Promise<Contact> =>
    (
      await unwrap(
        kith.POST('/api/contacts/{id}/link-questions/{accountId}', { params: { path: { id: contactId, accountId } }, body: { answer } }),
      )
    ).contact,
};
