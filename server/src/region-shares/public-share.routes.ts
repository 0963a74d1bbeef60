import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { prefersJson } from '../http/content-negotiation.js';
import { binaryResponse } from '../http/common.schema.js';
import { AppError, errors } from '../common/errors.js';
import { renderShareNotFoundPage } from './share-page.js';
import { shareIdParams } from './region-shares.schema.js';
import type { RegionSharesService } from './region-shares.service.js';

/** The built embed script (`npm run build -w embed`). */
export const EMBED_SCRIPT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../embed/dist/region-share.js');

/**
 * The share page's error handler: a visitor who opens a bad or unknown share link sees an HTML 404 page, not the API's
 * JSON error; a client that asks for JSON (Accept) gets the usual `{ code, message }` (404 `not_found`, 400
 * `invalid_request` for an id that is not 16 base64url characters). Other errors go to the global handler.
 */
function sharePageErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const missing = (error instanceof AppError && error.statusCode === 404) || error.validation !== undefined;
  if (!missing || prefersJson(request.headers.accept)) throw error;
  void reply.status(404).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(renderShareNotFoundPage());
}

/**
 * Public, unauthenticated routes: the share page `/s/{id}`, its crop, and the embed script.
 * Anyone with the link sees the share (the link is the capability: 96 random bits).
 * Rate-limited per address; the crop and script may be loaded cross-origin (CORP).
 */
export function publicShareRoutes(shares: RegionSharesService): FastifyPluginAsyncZod {
  return async (app) => {
    const limit = { rateLimit: { max: 300, timeWindow: '1 minute' } };

    app.get(
      '/s/:id',
      {
        config: limit,
        schema: {
          tags: ['region-shares'],
          summary: 'Public share page (HTML with Open Graph and Twitter card meta)',
          description:
            'A person opening the link gets HTML, a missing or malformed id included (404 page); a client whose Accept ' +
            'prefers application/json gets 404 `not_found` or 400 `invalid_request` as JSON.',
          params: shareIdParams,
        },
        errorHandler: sharePageErrors,
      },
      async (request, reply) =>
        reply
          .type('text/html; charset=utf-8')
          .header('cache-control', 'public, max-age=300')
          .send(await shares.sharePage(request.params.id)),
    );

    app.get(
      '/s/:id/image.png',
      {
        config: limit,
        schema: {
          tags: ['region-shares'],
          summary: 'The shared crop (PNG), public',
          params: shareIdParams,
          response: { 200: binaryResponse('The crop', 'image/png') },
        },
      },
      async (request, reply) => {
        const { asset } = await shares.publicShare(request.params.id);
        return reply
          .type(asset.mime)
          .header('cross-origin-resource-policy', 'cross-origin')
          .header('cache-control', 'public, max-age=31536000, immutable')
          .header('content-length', asset.bytes)
          .send((await shares.blobStream(asset.sha256)) as never); // a byte stream; the schema only documents it
      },
    );

    app.get(
      '/embed/region-share.js',
      { config: limit, schema: { tags: ['region-shares'], summary: 'The region-share script sites embed (and the bookmarklet injects)' } },
      async (_request, reply) => {
        if (!fs.existsSync(EMBED_SCRIPT))
          throw errors.unavailable('embed_not_built', 'The embed script is not built; run `npm run build` (it builds web and embed).');
        return reply
          .type('text/javascript; charset=utf-8')
          .header('cross-origin-resource-policy', 'cross-origin')
          .header('cache-control', 'public, max-age=300')
          .send(fs.createReadStream(EMBED_SCRIPT));
      },
    );

    app.get(
      '/embed/relay',
      {
        config: limit,
        schema: {
          tags: ['region-shares'],
          summary: 'Relay window: sends a share from another site with the session cookie, after the user confirms',
        },
      },
      async (_request, reply) =>
        reply
          .type('text/html; charset=utf-8')
          // Helmet's COOP same-origin would cut the window off from the page that opened it.
          .header('cross-origin-opener-policy', 'unsafe-none')
          .send(
            '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Share with Kith</title>' +
              '<meta name="viewport" content="width=device-width,initial-scale=1"><style>body{margin:0;background:#0f1115}</style></head>' +
              '<body><script src="/embed/region-share.js" data-relay></script></body></html>',
          ),
    );
  };
}
