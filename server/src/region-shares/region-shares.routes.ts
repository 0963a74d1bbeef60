import cors from '@fastify/cors';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../config/config.js';
import { requirePrincipal } from '../http/auth.js';
import { errorResponses, errorSchema } from '../http/common.schema.js';
import { errors } from '../common/errors.js';
import { toRegionShareDto } from './region-shares.mapper.js';
import { createRegionShareBody, regionShareSchema, shareIdParams, targetSchema } from './region-shares.schema.js';
import type { Actor, RegionSharesService } from './region-shares.service.js';
import type { SiteKeysService } from './site-keys.service.js';
import { readShareUpload, SHARE_FIELD_MAX_BYTES } from './share-upload.js';
import { principalFor } from '../common/principal.js';

export const SITE_KEY_HEADER = 'x-kith-site-key';

/**
 * The embed script's API: the targets list and the share request. Cross-origin by design,
 * so this plugin (encapsulated) carries strict CORS: the Kith origin itself with
 * credentials; a site key's own origins without credentials; nobody else.
 */
export function regionSharesRoutes(shares: RegionSharesService, siteKeys: SiteKeysService, config: Config): FastifyPluginAsyncZod {
  const kithOrigin = new URL(config.publicUrl).origin;
  // The CORS check and the handler both need the request's key authorised: looked up once.
  const authorised = new WeakMap<FastifyRequest, ReturnType<SiteKeysService['authorise']>>();
  const authoriseKey = (request: FastifyRequest, key: string) => {
    let found = authorised.get(request);
    if (!found) authorised.set(request, (found = siteKeys.authorise(key, request.headers.origin)));
    return found;
  };

  /**
   * Site key → the key owner acting anonymously; else the logged-in user. A session cookie
   * is only honoured from Kith's own origin (or no Origin), against cross-site request forgery.
   * @throws 401 `unauthorized`/`invalid_site_key`, 403 `origin_not_allowed`.
   */
  async function actorOf(request: FastifyRequest): Promise<Actor> {
    const key = request.headers[SITE_KEY_HEADER];
    const origin = request.headers.origin;
    if (typeof key === 'string' && key) {
      const row = await authoriseKey(request, key);
      return { principal: principalFor(row.owner_id, { via: 'site-key' }), siteKey: row };
    }
    const principal = requirePrincipal(request);
    if (principal.via === 'session' && origin && origin !== kithOrigin)
      throw errors.forbidden('origin_not_allowed', `A Kith session cannot be used from ${origin}; embed the script with a site key.`);
    return { principal };
  }

  return async (app) => {
    await app.register(cors, {
      hook: 'onRequest',
      delegator: async (req: FastifyRequest) => {
        const origin = req.headers.origin;
        const base = { methods: ['GET', 'POST'], allowedHeaders: ['content-type', SITE_KEY_HEADER], maxAge: 600 };
        if (!origin || !req.url.startsWith('/api/region-shares')) return { origin: false };
        if (origin === kithOrigin) return { ...base, origin, credentials: true };
        const key = req.headers[SITE_KEY_HEADER];
        const allowed =
          req.method === 'OPTIONS'
            ? await siteKeys.anyKeyAllows(origin)
            : typeof key === 'string' &&
              (await authoriseKey(req, key).then(
                () => true,
                () => false,
              ));
        return allowed ? { ...base, origin, credentials: false } : { origin: false };
      },
    });

    // Public (site-key visitors): limited per key and address.
    const keyed = (req: FastifyRequest) => `${String(req.headers[SITE_KEY_HEADER] ?? 'user')}|${req.ip}`;
    const shareLimit = { rateLimit: { max: 30, timeWindow: '1 minute', keyGenerator: keyed } };
    const shareResponses = {
      201: z.object({ share: regionShareSchema, rectSource: z.enum(['pixels', 'fractions']) }),
      403: errorSchema,
      413: errorSchema,
      415: errorSchema,
      422: errorSchema,
      ...errorResponses,
    };

    app.get(
      '/api/region-shares/targets',
      {
        config: { rateLimit: { max: 120, timeWindow: '1 minute', keyGenerator: keyed } },
        schema: {
          tags: ['region-shares'],
          summary: 'Share targets enabled for me, or for this site key (the overlay’s platform icons)',
          description: 'Send the site key as `X-Kith-Site-Key` (with a matching Origin) or log in. Errors: 401, 403 `origin_not_allowed`.',
          response: {
            200: z.object({ targets: z.array(targetSchema), via: z.enum(['session', 'token', 'site-key']) }),
            403: errorSchema,
            ...errorResponses,
          },
        },
      },
      async (request) => {
        const actor = await actorOf(request);
        return { targets: await shares.targetsFor(actor), via: actor.principal.via };
      },
    );

    app.post(
      '/api/region-shares',
      {
        // Base64 images grow by 4/3; the decoded size is checked again against KITH_FETCH_MAX_BYTES.
        bodyLimit: Math.ceil((config.fetchMaxBytes * 4) / 3) + 64 * 1024,
        config: shareLimit,
        schema: {
          tags: ['region-shares'],
          summary: 'Share a region of a web image: fetch, crop, store, publish /s/{id}, post to the target',
          description:
            'Region-sharing claims 1, 22–24 and S250–S270. Without `imageData` the server fetches `imageUrl` through the SSRF guard. ' +
            'Errors: 422 `blocked_address` (the URL leads to a loopback/private/link-local/CGNAT/multicast/unspecified address), ' +
            '`image_unreachable` (no answer within KITH_FETCH_TIMEOUT_MS, default 10 s, or an error status: send the bytes), ' +
            '`unsupported_url`, `too_many_redirects`, `invalid_region`, `invalid_image`, `target_unavailable`; ' +
            '413 `payload_too_large` (image over KITH_FETCH_MAX_BYTES, default 20 MB, fetched or sent); 415 `unsupported_media_type`; 401 `invalid_site_key`; 403 `origin_not_allowed`; 429 `rate_limited`.',
          body: createRegionShareBody,
          response: shareResponses,
        },
      },
      async (request, reply) => {
        const actor = await actorOf(request);
        const { imageData, ...input } = request.body;
        const bytes = imageData ? Buffer.from(imageData, 'base64') : undefined;
        const { row, rectSource } = await shares.create(actor, input, bytes);
        return reply.status(201).send({ share: toRegionShareDto(row, config.publicUrl), rectSource });
      },
    );

    app.post(
      '/api/region-shares/upload',
      {
        config: shareLimit,
        schema: {
          tags: ['region-shares'],
          summary: 'Share a region of an image the client sends (multipart): crop, store, publish /s/{id}, post to the target',
          description:
            'For when the server cannot fetch `imageUrl` (behind a login, blob: URLs) and the client has the bytes: the same share ' +
            'as `POST /api/region-shares` with `imageData`, without base64. multipart/form-data with a `share` text field holding ' +
            `the JSON share request (at most ${SHARE_FIELD_MAX_BYTES / 1024} KB; \`imageData\` is not used) and the image in an \`image\` file ` +
            'part, at most KITH_FETCH_MAX_BYTES (default 20 MB). The share says `imageSource: uploaded`. ' +
            'Errors: 400 `no_file`, 400 `invalid_request` (`details.fields` as `share.<path>`), 413 `payload_too_large`, ' +
            '415 `unsupported_media_type` (not multipart, or not an image Kith reads), 422 `invalid_region`, `invalid_image`, ' +
            '`target_unavailable`; 401 `invalid_site_key`; 403 `origin_not_allowed`; 429 `rate_limited`.',
          consumes: ['multipart/form-data'],
          response: shareResponses,
        },
      },
      async (request, reply) => {
        const actor = await actorOf(request); // before reading up to 20 MB of image
        const { input, bytes } = await readShareUpload(request, config.fetchMaxBytes);
        const { row, rectSource } = await shares.create(actor, input, bytes);
        return reply.status(201).send({ share: toRegionShareDto(row, config.publicUrl), rectSource });
      },
    );

    app.get(
      '/api/region-shares',
      {
        schema: {
          tags: ['region-shares'],
          summary: 'My region shares, newest first (200 at most)',
          response: { 200: z.object({ shares: z.array(regionShareSchema) }), ...errorResponses },
        },
      },
      async (request) => ({
        shares: (await shares.list(requirePrincipal(request))).map((r) => toRegionShareDto(r, config.publicUrl)),
      }),
    );

    app.get(
      '/api/region-shares/:id',
      {
        schema: {
          tags: ['region-shares'],
          summary: 'One of my region shares, with its delivery status',
          params: shareIdParams,
          response: { 200: z.object({ share: regionShareSchema }), ...errorResponses },
        },
      },
      async (request) => ({
        share: toRegionShareDto(await shares.get(requirePrincipal(request), request.params.id), config.publicUrl),
      }),
    );
  };
}
