import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePrincipal } from '../http/auth.js';
import { errorResponses, idParams } from '../http/common.schema.js';
import {
  assetFlagsBody,
  assetSchema,
  bulkAssetFlagsBody,
  bulkAssetFlagsResponse,
  timelineBucketsQuery,
  timelineBucketsSchema,
} from './assets.schema.js';
import type { LibraryViewsService } from './library-views.service.js';

/** Favourite/archive flags and the timeline's per-month counts (the timeline pages are `GET /api/assets`). */
export function libraryViewsRoutes(views: LibraryViewsService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/assets/timeline-buckets',
      {
        schema: {
          tags: ['assets'],
          summary: 'Photo counts per month of my timeline (the date scrubber)',
          description:
            'Months (YYYY-MM, counted in `utcOffset` minutes east of UTC) that hold timeline photos, newest first, with how many: ' +
            'what a date scrubber needs to draw years and months and jump with `GET /api/assets?from=YYYY-MM` (as Immich’s timeline buckets). ' +
            'Archived photos and the trash do not count. Errors: 400 `invalid_request` (offset outside ±840).',
          querystring: timelineBucketsQuery,
          response: { 200: timelineBucketsSchema, ...errorResponses },
        },
      },
      async (request) => views.buckets(requirePrincipal(request), request.query.utcOffset),
    );

    app.get(
      '/api/assets/:id/place',
      {
        schema: {
          tags: ['assets'],
          summary: 'The place name of a photo, from its GPS position',
          description:
            'The most populous GeoNames place (≥ 1,000 inhabitants, looked up offline) within 25 km of the photo’s own GPS position (WGS 84), ' +
            'as the viewer’s Details panel shows it; `place` is null for a photo without a position or far from any place. ' +
            'Anyone who can see the photo may ask (its owner, members of an album holding it). Errors: 404 `not_found`.',
          params: idParams,
          response: {
            200: z.object({ place: z.string().nullable().describe('Place name as GeoNames spells it, e.g. "Lisbon"') }),
            ...errorResponses,
          },
        },
      },
      async (request) => views.placeOf(requirePrincipal(request), request.params.id),
    );

    app.patch(
      '/api/assets/:id',
      {
        schema: {
          tags: ['assets'],
          summary: 'Favourite or archive one of my photos',
          description:
            'Body: `favorite` and/or `archived`, booleans. An archived photo leaves the timeline, events and automatic sharing ' +
            'and stays in albums (Google Photos’ Archive); favourites are listed by `GET /api/assets?view=favorites`. Answers the photo as it is now. ' +
            'Errors: 400 `invalid_request` (neither field), 404 `not_found` (not my photo, even one I see through an album).',
          params: idParams,
          body: assetFlagsBody,
          response: { 200: z.object({ asset: assetSchema }), ...errorResponses },
        },
      },
      async (request) => ({ asset: await views.setFlagsOne(requirePrincipal(request), request.params.id, request.body) }),
    );

    app.post(
      '/api/assets/bulk-update',
      {
        schema: {
          tags: ['assets'],
          summary: 'Favourite or archive many of my photos at once (the selection bar)',
          description:
            'Body: `ids` (1–10,000 of my photos) and `favorite` and/or `archived`. All or nothing: ' +
            'errors: 400 `invalid_request` (no ids, not UUIDs, neither field), 404 `not_found` when any id is not my photo (nothing changes).',
          body: bulkAssetFlagsBody,
          response: { 200: bulkAssetFlagsResponse, ...errorResponses },
        },
      },
      async (request) => {
        const { ids, favorite, archived } = request.body;
        return { updated: await views.setFlags(requirePrincipal(request), ids, { favorite, archived }) };
      },
    );
  };
}
