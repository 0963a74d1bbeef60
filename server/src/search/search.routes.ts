import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requirePrincipal } from '../http/auth.js';
import { errorResponses } from '../http/common.schema.js';
import { searchPageSchema, searchQuery } from './search.schema.js';
import { MAX_QUERY_CHARS, PLACE_RADIUS_KM, type SearchService } from './search.service.js';

/** Search over my photos and those shared with me (docs/features/search.md). */
export function searchRoutes(search: SearchService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/search',
      {
        schema: {
          tags: ['search'],
          summary: 'Search my photos and those shared with me: people, places, dates and words together',
          description:
            'API tokens: `read` or `full` scope. The query is split into terms, longest phrase first: one of my People by name (or its first name), ' +
            `a place name from GeoNames (offline; a photo within ${PLACE_RADIUS_KM} km of a place of that name, or in one of my events named after it) where I have photos, ` +
            'a date phrase ("2026", "June 2026", "2026-06-12", "12 June 2026", "this year", "last year", "last summer"; UTC), else a word matched as a prefix ' +
            'of words in file names, captions, the titles of albums I belong to and of my events. Every term must match: "Carol Lisbon" is photos of Carol taken in Lisbon. ' +
            'Photos in the trash are never found. Paged like the timeline, newest capture first: pass `nextCursor` as `cursor`. ' +
            `Errors: 400 \`empty_query\` (no letter or digit), 400 \`query_too_long\` (over ${MAX_QUERY_CHARS} characters), 400 \`invalid_cursor\`.`,
          querystring: searchQuery,
          response: { 200: searchPageSchema, ...errorResponses },
        },
      },
      async (request) => {
        const { q, limit, cursor } = request.query;
        return search.search(requirePrincipal(request), q, limit, cursor);
      },
    );
  };
}
