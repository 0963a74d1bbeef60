import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePrincipal } from '../http/auth.js';
import { errorResponses, idParams } from '../http/common.schema.js';
import { toFacePersonDto } from './faces.mapper.js';
import { facePersonSchema } from './faces.schema.js';
import type { MergeSuggestionsService } from './merge-suggestions.service.js';

const suggestionSchema = z
  .object({
    a: facePersonSchema,
    b: facePersonSchema,
    distance: z.number().describe("Distance between the two people's face centroids in the engine's metric; below the match threshold"),
  })
  .meta({ id: 'MergeSuggestion', description: 'Two of my people who are probably one person' });

/** "Same person?" suggestions on People (as Immich and Google Photos offer). Every route needs a login. */
export function mergeSuggestionsRoutes(suggestions: MergeSuggestionsService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/people/merge-suggestions',
      {
        schema: {
          tags: ['people'],
          summary: 'Same person? Pairs of my people whose face centroids are within the match threshold, closest first (up to 20)',
          description:
            'Pairs that share a photo, pairs linked to two different contacts or accounts, hidden people and pairs I dismissed are left out. ' +
            'Merge with `POST /api/people/{id}/merge`; dismiss with `POST /api/people/{id}/not-same`.',
          response: { 200: z.object({ suggestions: z.array(suggestionSchema) }), ...errorResponses },
        },
      },
      async (request) => {
        const principal = requirePrincipal(request);
        const rows = await suggestions.list(principal);
        return {
          suggestions: rows.map((s) => ({
            a: toFacePersonDto(s.a, principal.accountId),
            b: toFacePersonDto(s.b, principal.accountId),
            distance: s.distance,
          })),
        };
      },
    );

    app.post(
      '/api/people/:id/not-same',
      {
        schema: {
          operationId: 'dismissMergeSuggestion',
          tags: ['people'],
          summary: 'Not the same person: stop suggesting to merge this person with another',
          description: 'Errors: 404 `not_found` (either person), 400 `invalid_request` (the same person twice).',
          params: idParams,
          body: z.object({ personId: z.uuid().describe('The other person of the suggestion') }),
          response: { 204: z.null().describe('Remembered'), ...errorResponses },
        },
      },
      async (request, reply) => {
        await suggestions.dismiss(requirePrincipal(request), request.params.id, request.body.personId);
        return reply.status(204).send(null);
      },
    );
  };
}
