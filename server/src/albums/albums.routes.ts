import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePrincipal } from '../http/auth.js';
import { errorResponses, errorSchema, idParams } from '../http/common.schema.js';
import { albumDetailSchema, albumSummarySchema, assetIdsBody, createAlbumBody, renameAlbumBody } from './albums.schema.js';
import type { AlbumsService } from './albums.service.js';

/** Albums: mine, shared with me, and one album's photos with contributor credit. */
export function albumsRoutes(albums: AlbumsService): FastifyPluginAsyncZod {
  return async (app) => {
    const listResponse = { 200: z.object({ albums: z.array(albumSummarySchema) }), ...errorResponses };
    const ownerErrors = { 403: errorSchema, ...errorResponses };

    app.get(
      '/api/albums',
      { schema: { tags: ['albums'], summary: 'Albums I own (user and event albums)', response: listResponse } },
      async (request) => ({
        albums: await albums.summaryDtos(await albums.listMine(requirePrincipal(request))),
      }),
    );

    app.get(
      '/api/albums/shared',
      { schema: { tags: ['albums'], summary: '"Shared with me": albums others shared with me', response: listResponse } },
      async (request) => ({ albums: await albums.summaryDtos(await albums.listShared(requirePrincipal(request))) }),
    );

    app.post(
      '/api/albums',
      {
        schema: {
          tags: ['albums'],
          summary: 'Create an album, optionally with some of my photos',
          description: 'Errors: 404 `not_found` when an asset id is not mine.',
          body: createAlbumBody,
          response: { 201: z.object({ album: albumSummarySchema }), ...errorResponses },
        },
      },
      async (request, reply) => {
        const row = await albums.create(requirePrincipal(request), request.body.name, request.body.assetIds);
        return reply.status(201).send({ album: (await albums.summaryDtos([row]))[0] });
      },
    );

    app.get(
      '/api/albums/:id',
      {
        schema: {
          tags: ['albums'],
          summary: 'One album with its photos (capture order), contributors and members',
          description: 'Errors: 404 `not_found` when the album does not exist or I am not a member.',
          params: idParams,
          response: { 200: z.object({ album: albumDetailSchema }), ...errorResponses },
        },
      },
      async (request) => {
        const summary = await albums.view(requirePrincipal(request), request.params.id);
        return { album: await albums.detailDto(summary) };
      },
    );

    app.patch(
      '/api/albums/:id',
      {
        schema: {
          tags: ['albums'],
          summary: 'Rename an album I own',
          description: 'Errors: 404 `not_found`, 403 `not_album_owner`.',
          params: idParams,
          body: renameAlbumBody,
          response: { 200: z.object({ album: albumSummarySchema }), ...ownerErrors },
        },
      },
      async (request) => {
        const row = await albums.rename(requirePrincipal(request), request.params.id, request.body.name);
        return { album: (await albums.summaryDtos([row]))[0] };
      },
    );

    app.delete(
      '/api/albums/:id',
      {
        schema: {
          tags: ['albums'],
          summary: 'Delete an album I own (the photos stay in their libraries)',
          params: idParams,
          response: { 204: z.null(), ...ownerErrors },
        },
      },
      async (request, reply) => {
        await albums.delete(requirePrincipal(request), request.params.id);
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/api/albums/:id/assets',
      {
        schema: {
          tags: ['albums'],
          summary: 'Add my photos to an album I own',
          description: 'Already-present photos are skipped. Members get `album.updated`. Errors: 404 `not_found`, 403 `not_album_owner`.',
          params: idParams,
          body: assetIdsBody,
          response: { 200: z.object({ added: z.number().int() }), ...ownerErrors },
        },
      },
      async (request) => ({ added: await albums.addAssets(requirePrincipal(request), request.params.id, request.body.assetIds) }),
    );

    app.delete(
      '/api/albums/:id/assets',
      {
        schema: {
          tags: ['albums'],
          summary: 'Remove photos from an album I own',
          params: idParams,
          body: assetIdsBody,
          response: { 200: z.object({ removed: z.number().int() }), ...ownerErrors },
        },
      },
      async (request) => ({ removed: await albums.removeAssets(requirePrincipal(request), request.params.id, request.body.assetIds) }),
    );
  };
}
