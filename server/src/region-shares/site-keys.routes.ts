import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePrincipal } from '../http/auth.js';
import { errorResponses, idParams } from '../http/common.schema.js';
import { toSiteKeyDto } from './region-shares.mapper.js';
import { createSiteKeyBody, siteKeySchema } from './region-shares.schema.js';
import type { SiteKeysService } from './site-keys.service.js';

/** Site keys: a site owner lets anonymous visitors share regions into their Kith from listed origins. */
export function siteKeysRoutes(siteKeys: SiteKeysService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/site-keys',
      {
        schema: {
          tags: ['region-shares'],
          summary: 'My site keys',
          response: { 200: z.object({ siteKeys: z.array(siteKeySchema) }), ...errorResponses },
        },
      },
      async (request) => ({ siteKeys: (await siteKeys.list(requirePrincipal(request))).map(toSiteKeyDto) }),
    );
    app.post(
      '/api/site-keys',
      {
        schema: {
          tags: ['region-shares'],
          summary: 'Create a site key bound to origins (for `data-site-key` on my site)',
          description: 'Errors: 400 `invalid_origin` (write origins as https://host[:port]), 404 `not_found` (album not mine).',
          body: createSiteKeyBody,
          response: { 201: z.object({ siteKey: siteKeySchema }), ...errorResponses },
        },
      },
      async (request, reply) =>
        reply.status(201).send({ siteKey: toSiteKeyDto(await siteKeys.create(requirePrincipal(request), request.body)) }),
    );
    app.delete(
      '/api/site-keys/:id',
      {
        schema: {
          tags: ['region-shares'],
          summary: 'Delete a site key (visitors of its sites can no longer share)',
          params: idParams,
          response: { 204: z.null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        await siteKeys.remove(requirePrincipal(request), request.params.id);
        return reply.status(204).send(null);
      },
    );
  };
}
