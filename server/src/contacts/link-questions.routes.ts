import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePrincipal } from '../http/auth.js';
import { errorResponses } from '../http/common.schema.js';
import { iso } from '../common/time.js';
import { toContactDto } from './contacts.mapper.js';
import { contactSchema } from './contacts.schema.js';
import type { LinkQuestionsService } from './link-questions.service.js';

const linkQuestionSchema = z
  .object({
    contactId: z.uuid(),
    contactName: z.string(),
    account: z.object({ id: z.uuid(), username: z.string(), displayName: z.string() }),
    matchedOn: z.enum(['email', 'phone']).describe('Which of the contact’s identifiers the account claims without having proven it'),
    createdAt: z.string(),
  })
  .meta({ id: 'LinkQuestion' });

/**
 * Link questions (docs/security.md, "E-mail addresses and contact links"): a contact whose e-mail or phone an
 * account claims but has not verified stays unlinked, and its owner is asked. Every route needs a login and
 * touches only the caller's own questions.
 */
export function linkQuestionsRoutes(questions: LinkQuestionsService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/contacts/link-questions',
      {
        schema: {
          tags: ['contacts'],
          summary: 'Pending link questions ("Is Dad @mallory on this server?")',
          description:
            'Contacts that match an account only by an e-mail or phone that account has not verified, oldest first. ' +
            'Nothing (photos, plays, event albums) reaches that account until the owner answers Yes.',
          response: { 200: z.object({ questions: z.array(linkQuestionSchema) }), ...errorResponses },
        },
      },
      async (request) => ({
        questions: (await questions.list(requirePrincipal(request))).map((q) => ({
          contactId: q.contact_id,
          contactName: q.contact_name,
          account: { id: q.account_id, username: q.username, displayName: q.display_name },
          matchedOn: q.matched_on,
          createdAt: iso(q.created_at),
        })),
      }),
    );

    app.post(
      '/api/contacts/:id/link-questions/:accountId',
      {
        schema: {
          tags: ['contacts'],
          summary: 'Answer a link question',
          description:
            '`yes`: the contact is that account; it links (unless an account that verified the address matches). ' +
            '`no`: it is not; the pair is never linked by those addresses nor asked about again. ' +
            'Answers the contact as it now is. Errors: 404 `not_found` (no pending question of yours about that pair).',
          params: z.object({ id: z.uuid({ error: 'must be a UUID' }), accountId: z.uuid({ error: 'must be a UUID' }) }),
          body: z.object({ answer: z.enum(['yes', 'no']) }),
          response: { 200: z.object({ contact: contactSchema }), ...errorResponses },
        },
      },
      async (request) => ({
        contact: toContactDto(
          await questions.answer(requirePrincipal(request), request.params.id, request.params.accountId, request.body.answer),
        ),
      }),
    );
  };
}
