import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePrincipal } from '../http/auth.js';
import { errorResponses, errorSchema, idParams } from '../http/common.schema.js';
import { iso } from '../common/time.js';
import {
  deletedResponse,
  deletionImpactSchema,
  restoreBody,
  restoredResponse,
  trashedResponse,
  trashIdsBody,
  trashPageQuery,
  trashPageSchema,
} from './trash.schema.js';
import type { TrashService } from './trash.service.js';

/**
 * The trash (docs/trash.md), modelled on Immich's `/api/trash` and `DELETE /api/assets`: moving
 * photos to it, the pre-delete check of shared albums, listing, restoring, deleting for ever and emptying.
 * Every body is validated (400 `invalid_request`); ids that are not the caller's photos answer 404 `not_found`.
 */
export function trashRoutes(trash: TrashService): FastifyPluginAsyncZod {
  return async (app) => {
    app.delete(
      '/api/assets',
      {
        schema: {
          tags: ['trash'],
          summary: 'Move my photos to the trash',
          description:
            'They leave the library, albums, events, People, public shares and routing at once, and are deleted for ever KITH_TRASH_DAYS later ' +
            '(`purgeAt`) unless restored. Photos already in the trash keep their date. Errors: 404 `not_found` when any id is not one of my photos.',
          body: trashIdsBody,
          response: { 200: trashedResponse, ...errorResponses },
        },
      },
      async (request) => {
        const r = await trash.moveToTrash(requirePrincipal(request), request.body.assetIds);
        return { trashed: r.trashed, purgeAt: iso(r.purgeAfter) };
      },
    );

    app.post(
      '/api/assets/deletion-impact',
      {
        schema: {
          tags: ['trash'],
          summary: 'What deleting my photos would take from others',
          description:
            'The albums other people belong to that hold any of the photos, and how many people see them there: the warning to show before a delete. ' +
            'Errors: 404 `not_found` when any id is not one of my photos.',
          body: trashIdsBody,
          response: { 200: deletionImpactSchema, ...errorResponses },
        },
      },
      async (request) => trash.deletionImpact(requirePrincipal(request), request.body.assetIds),
    );

    app.get(
      '/api/trash',
      {
        schema: {
          tags: ['trash'],
          summary: 'My trash, most recently deleted first',
          description: 'Paged: pass `nextCursor` as `cursor` for the next page. Errors: 400 `invalid_cursor`.',
          querystring: trashPageQuery,
          response: { 200: trashPageSchema, ...errorResponses },
        },
      },
      async (request) => trash.page(requirePrincipal(request), request.query.limit, request.query.cursor),
    );

    app.post(
      '/api/trash/restore',
      {
        schema: {
          tags: ['trash'],
          summary: 'Bring photos back from my trash (all of it without `assetIds`)',
          description:
            'They return to the library, their albums, events and People as they were. Ids of photos in the library are accepted and left as they are. ' +
            'Errors: 404 `not_found` when any id is not one of my photos.',
          body: restoreBody,
          response: { 200: restoredResponse, ...errorResponses },
        },
      },
      async (request) => {
        const principal = requirePrincipal(request);
        const ids = request.body.assetIds;
        return ids ? trash.restore(principal, ids) : trash.restoreAll(principal);
      },
    );

    app.post(
      '/api/trash/empty',
      {
        schema: {
          tags: ['trash'],
          summary: 'Delete everything in my trash for ever',
          description:
            'Frees each original, thumbnail, preview and face crop nothing else references (another account may hold the same bytes).',
          response: { 200: deletedResponse, ...errorResponses },
        },
      },
      async (request) => trash.empty(requirePrincipal(request)),
    );

    app.delete(
      '/api/trash',
      {
        schema: {
          tags: ['trash'],
          summary: 'Delete photos of my trash for ever',
          description:
            'Errors: 404 `not_found` when any id is not one of my photos; 409 `not_in_trash` when any is still in the library (nothing is deleted then).',
          body: trashIdsBody,
          response: { 200: deletedResponse, 409: errorSchema, ...errorResponses },
        },
      },
      async (request) => trash.deleteForever(requirePrincipal(request), request.body.assetIds),
    );

    app.delete(
      '/api/trash/:id',
      {
        schema: {
          tags: ['trash'],
          summary: 'Delete one photo of my trash for ever',
          description: 'Errors: 404 `not_found`; 409 `not_in_trash` when it is in the library.',
          params: idParams,
          response: { 204: z.null(), 409: errorSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        await trash.deleteForever(requirePrincipal(request), [request.params.id]);
        return reply.status(204).send(null);
      },
    );
  };
}
