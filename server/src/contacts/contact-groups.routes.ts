import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePrincipal } from '../http/auth.js';
import { errorResponses, idParams } from '../http/common.schema.js';
import { iso } from '../common/time.js';
import type { GroupSummary } from './contact-groups.repository.js';
import type { ContactsService } from './contacts.service.js';

const contactGroupSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    uid: z.string().nullable().describe("The group card's UID as imported (`urn:uuid:…`), or null"),
    memberCount: z.number().int().describe('Contacts in the group; list them with GET /api/contacts?group={id}'),
    createdAt: z.string(),
  })
  .meta({ id: 'ContactGroup' });

const toGroupDto = (g: GroupSummary) => ({ id: g.id, name: g.name, uid: g.uid, memberCount: g.member_count, createdAt: iso(g.created_at) });

/**
 * Contact groups, made by importing group cards: vCard 4.0 `KIND:group` with `MEMBER` (RFC 6350 §6.1.4,
 * §6.6.5) and Apple's `X-ADDRESSBOOKSERVER-KIND:group` with `X-ADDRESSBOOKSERVER-MEMBER`. Read-only here;
 * every route needs a login and sees only the caller's groups.
 */
export function contactGroupsRoutes(contacts: ContactsService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/contact-groups',
      {
        schema: {
          tags: ['contacts'],
          summary: 'My contact groups, by name',
          description: 'Each with its member count. Groups come from imported group cards (see POST /api/contacts/import).',
          response: { 200: z.object({ groups: z.array(contactGroupSchema) }), ...errorResponses },
        },
      },
      async (request) => ({ groups: (await contacts.groups.list(requirePrincipal(request))).map(toGroupDto) }),
    );

    app.get(
      '/api/contact-groups/:id',
      {
        schema: {
          tags: ['contacts'],
          summary: 'One of my contact groups',
          description: 'Its members: GET /api/contacts?group={id}. Errors: 404 `not_found`.',
          params: idParams,
          response: { 200: z.object({ group: contactGroupSchema }), ...errorResponses },
        },
      },
      async (request) => ({ group: toGroupDto(await contacts.groups.get(requirePrincipal(request), request.params.id)) }),
    );
  };
}
