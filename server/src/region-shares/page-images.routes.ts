import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requirePrincipal } from '../http/auth.js';
import { binaryResponse, errorResponses, errorSchema } from '../http/common.schema.js';
import type { PageImagesService } from './page-images.service.js';
import { pageImagesQuery, pageImagesSchema } from './region-shares.schema.js';

/**
 * The pictures of a web page shared to the installed app ("Share → Kith" of a link), so the user can pick
 * one and share a region of it with `POST /api/region-shares`. Logged-in users only, from Kith's own pages
 * (no CORS: the embed script works on the page itself and needs no list).
 */
export function pageImagesRoutes(pages: PageImagesService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/region-shares/page-images',
      {
        // Each call makes the server fetch a page: fewer than the share's own limit.
        config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
        schema: {
          tags: ['region-shares'],
          summary:
            'The pictures of a web page (og:image, twitter:image, <img> src and largest srcset candidate), to pick one to share a region of',
          description:
            'The server fetches `url` through the SSRF guard (at most 5 MB or KITH_FETCH_MAX_BYTES if smaller, within KITH_FETCH_TIMEOUT_MS, ' +
            'default 10 s) and parses its HTML (htmlparser2). Image URLs are resolved against <base href> or the page URL, ' +
            'deduplicated, http(s) only, at most 50. Errors: 400 `invalid_request` (not an http(s) URL), 422 `blocked_address` ' +
            '(the page is on a loopback/private/link-local address), 422 `not_html` (the link is an image, a PDF…), ' +
            '422 `unsupported_url`, 502 `page_unreachable` (DNS, connection, timeout, redirects, error status), 413 `payload_too_large`, 429.',
          querystring: pageImagesQuery,
          response: { 200: pageImagesSchema, 413: errorSchema, 422: errorSchema, 502: errorSchema, ...errorResponses },
        },
      },
      async (request) => {
        requirePrincipal(request);
        return pages.list(request.query.url);
      },
    );

    app.get(
      '/api/region-shares/page-image',
      {
        // A page's grid asks for each of its (at most 50) pictures at once.
        config: { rateLimit: { max: 300, timeWindow: '1 minute' } },
        schema: {
          tags: ['region-shares'],
          summary: 'One picture of a web page, fetched by the server, to show while choosing a region',
          description:
            'Served from Kith’s own origin, so an http picture shows in an https Kith and under its Content-Security-Policy. ' +
            'Fetched through the SSRF guard (at most KITH_FETCH_MAX_BYTES, default 20 MB, within KITH_FETCH_TIMEOUT_MS); ' +
            'Content-Type is what sharp finds (JPEG, PNG, WebP, GIF, AVIF, HEIF), never the remote one. ' +
            'Errors: 400 `invalid_request`, 422 `not_an_image` (HTML, SVG…), `blocked_address`, `unsupported_url`, ' +
            '502 `page_unreachable`, 413 `payload_too_large`, 429.',
          querystring: pageImagesQuery,
          response: {
            200: binaryResponse('The picture, as sharp found it (JPEG, PNG, WebP, GIF, AVIF or HEIF)', 'image/*'),
            413: errorSchema,
            422: errorSchema,
            502: errorSchema,
            ...errorResponses,
          },
        },
      },
      async (request, reply) => {
        requirePrincipal(request);
        const { bytes, mime } = await pages.image(request.query.url);
        // The 200 schema only documents the bytes (a binary string), so the untyped reply sends the Buffer.
        return (reply as FastifyReply)
          .header('content-type', mime)
          .header('cache-control', 'private, max-age=3600')
          .header('x-content-type-options', 'nosniff')
          .header('content-security-policy', "default-src 'none'")
          .send(bytes);
      },
    );
  };
}
