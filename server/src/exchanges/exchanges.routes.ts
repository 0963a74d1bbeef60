import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../config/config.js';
import { requirePrincipal } from '../http/auth.js';
import { binaryResponse, errorResponses, errorSchema } from '../http/common.schema.js';
import { sendBytes } from '../http/send-bytes.js';
import { readCapture } from './capture-upload.js';
import type { ExchangesModule } from './exchanges.module.js';
import {
  createExchangeBody,
  exchangeIdParams,
  exchangeReportSchema,
  exchangeInviteSchema,
  exchangeSchema,
  imageParams,
  reactionBody,
  reportBody,
  roundParams,
  saveResultSchema,
  settingsSchema,
} from './exchanges.schema.js';

const tags = ['exchanges'];
const one = z.object({ exchange: exchangeSchema });
const actionErrors = { 403: errorSchema, 409: errorSchema, ...errorResponses };

/**
 * Exchanges, the account side (seed image-exchange-and-synthesis step 101, [0083]–[0098]): ask a Kith user or
 * make an invite link, accept/decline/end/block/report, capture, more rounds, reactions, downloads.
 * Realtime: `exchange.requested`, `exchange.updated`, `exchange.reaction` (realtime-events.ts).
 */
export function exchangesRoutes(x: ExchangesModule, config: Config): FastifyPluginAsyncZod {
  const { service } = x;
  const byAccount = (req: FastifyRequest) => req.principal?.accountId ?? req.ip;

  return async (app) => {
    app.get(
      '/api/exchanges/settings',
      { schema: { tags, summary: 'Who may ask me for an exchange', response: { 200: settingsSchema, ...errorResponses } } },
      async (request) => service.policy(requirePrincipal(request)),
    );
    app.put(
      '/api/exchanges/settings',
      {
        schema: {
          tags,
          summary: 'Set who may ask me for an exchange: anyone, contacts (default: accounts my contacts link to) or nobody',
          body: settingsSchema,
          response: { 200: settingsSchema, ...errorResponses },
        },
      },
      async (request) => service.setPolicy(requirePrincipal(request), request.body.policy),
    );

    app.post(
      '/api/exchanges',
      {
        config: { rateLimit: { max: config.exchangeLimits.requestsPerHour, timeWindow: '1 hour', keyGenerator: byAccount } },
        schema: {
          tags,
          summary: 'Ask a Kith user for an exchange, or make a one-time invite link (with QR code) for a stranger',
          description:
            'Give exactly one of `to` (username or `user@host` of this server), `contactId` (a contact linked to an account) or ' +
            '`invite: true`. The request expires after KITH_EXCHANGE_REQUEST_MINUTES (default 10) unless accepted; the invite ' +
            'link with it. Rate-limited per account (KITH_EXCHANGE_REQUESTS_PER_HOUR, default 30). Errors: 404 `unknown_user`, ' +
            '`not_found` (contact); 403 `exchange_blocked`, `exchange_not_allowed` (the responder’s policy); 422 ' +
            '`remote_user_unsupported` (another server: send an invite link), `contact_not_on_kith`, `cannot_exchange_with_self`; 429 `rate_limited`.',
          body: createExchangeBody,
          response: {
            201: z.object({ exchange: exchangeSchema, invite: exchangeInviteSchema.optional() }),
            403: errorSchema,
            422: errorSchema,
            429: errorSchema,
            ...errorResponses,
          },
        },
      },
      async (request, reply) => reply.status(201).send(await service.create(requirePrincipal(request), request.body)),
    );

    app.get(
      '/api/exchanges/reports',
      {
        schema: {
          tags,
          summary: 'Abuse reports about exchanges, newest first (200 at most); the server admin only. Errors: 403 `admin_only`.',
          response: { 200: z.object({ reports: z.array(exchangeReportSchema) }), 403: errorSchema, ...errorResponses },
        },
      },
      async (request) => ({ reports: await service.reports(requirePrincipal(request)) }),
    );

    app.get(
      '/api/exchanges',
      {
        schema: {
          tags,
          summary: 'My exchanges in both roles: incoming pending requests first, then the most recent (200 at most)',
          response: { 200: z.object({ exchanges: z.array(exchangeSchema) }), ...errorResponses },
        },
      },
      async (request) => ({ exchanges: await service.list(requirePrincipal(request)) }),
    );

    app.get(
      '/api/exchanges/:id',
      { schema: { tags, summary: 'One of my exchanges', params: exchangeIdParams, response: { 200: one, ...errorResponses } } },
      async (request) => ({ exchange: await service.get(requirePrincipal(request), request.params.id) }),
    );

    const actions = {
      accept: 'Accept a request made to me (explicit consent). Errors: 403 `not_responder`, 409 `exchange_not_open`.',
      decline: 'Decline a request made to me; the requester hears it at once. Errors: 403 `not_responder`, 409 `exchange_not_open`.',
      end: 'End the exchange (or withdraw my pending request); both sides hear it. Errors: 409 `exchange_not_open`.',
      block: 'Block the other person from asking me again (403 `exchange_blocked` for them) and close the exchange.',
    } as const;
    for (const [action, summary] of Object.entries(actions) as Array<[keyof typeof actions, string]>)
      app.post(
        `/api/exchanges/:id/${action}`,
        { schema: { tags, summary, params: exchangeIdParams, response: { 200: one, ...actionErrors } } },
        async (request) => ({ exchange: await x.core.view(await service[action](requirePrincipal(request), request.params.id)) }),
      );

    app.post(
      '/api/exchanges/:id/report',
      {
        schema: {
          tags,
          summary: 'Report abuse in an exchange to the server’s admins',
          params: exchangeIdParams,
          body: reportBody,
          response: { 204: z.null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        await service.report(requirePrincipal(request), request.params.id, request.body.reason);
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/api/exchanges/:id/captures',
      {
        config: { rateLimit: { max: config.exchangeLimits.capturesPerMinute, timeWindow: '1 minute', keyGenerator: byAccount } },
        schema: {
          tags,
          summary: 'Send my image for the current round (multipart `image`: JPEG, PNG or WebP)',
          description:
            'Re-encoded without metadata (EXIF GPS stripped), at most 2048 px on its long side. When both images are in: ' +
            'exchange mode shows each side the other’s; synthesis mode composes the group photo (phase `composing`, then `done`). ' +
            'Errors: 409 `exchange_not_active`, `already_captured`; 413 `payload_too_large` (over KITH_EXCHANGE_MAX_BYTES, default 15 MB); ' +
            '415 `unsupported_media_type`; 422 `invalid_image`, `image_too_large` (over KITH_MAX_IMAGE_PIXELS); 429 `rate_limited`.',
          consumes: ['multipart/form-data'],
          params: exchangeIdParams,
          response: {
            200: one,
            409: errorSchema,
            413: errorSchema,
            415: errorSchema,
            422: errorSchema,
            429: errorSchema,
            ...errorResponses,
          },
        },
      },
      async (request) => {
        const exchange = await service.capture(requirePrincipal(request), request.params.id, () =>
          readCapture(request, config.exchangeMaxBytes),
        );
        return { exchange };
      },
    );

    app.post(
      '/api/exchanges/:id/rounds',
      {
        schema: {
          tags,
          summary: 'Start another round (when the current one is done or failed). Errors: 409 `round_in_progress`, `exchange_not_active`.',
          params: exchangeIdParams,
          response: { 200: one, 409: errorSchema, ...errorResponses },
        },
      },
      async (request) => ({ exchange: await service.nextRound(requirePrincipal(request), request.params.id) }),
    );

    app.post(
      '/api/exchanges/:id/rounds/:n/reactions',
      {
        schema: {
          tags,
          summary: 'React to a finished round with one of 👍 ❤️ 😂 😮 🎉. Errors: 409 `round_not_done`.',
          params: roundParams,
          body: reactionBody,
          response: { 200: one, 409: errorSchema, ...errorResponses },
        },
      },
      async (request) => ({
        exchange: await service.react(requirePrincipal(request), request.params.id, request.params.n, request.body.emoji),
      }),
    );

    app.get(
      '/api/exchanges/:id/rounds/:n/:which',
      {
        schema: {
          tags,
          summary: 'An image of a round (JPEG, no metadata): mine, the partner’s once both are in, or the composite',
          params: imageParams,
          response: { 200: binaryResponse('The round image', 'image/jpeg'), ...errorResponses },
        },
      },
      async (request, reply) =>
        sendBytes(reply, await service.image(requirePrincipal(request), request.params.id, request.params.n, request.params.which), 3600),
    );

    app.post(
      '/api/exchanges/:id/rounds/:n/:which/save',
      {
        schema: {
          tags,
          summary: 'Save an image of a round into my library (album "Exchanges")',
          description:
            'Exchange images stay in the exchange until saved. Saving is idempotent: the same image twice gives the same photo ' +
            '(`already_saved`), and an image I sent from a photo already in my library files that photo instead of a copy ' +
            '(`original`). Errors: 404 `not_found` (no such round, or an image I may not see yet).',
          params: imageParams,
          response: { 200: saveResultSchema, ...errorResponses },
        },
      },
      async (request) => {
        const { asset, outcome } = await service.saveImage(
          requirePrincipal(request),
          request.params.id,
          request.params.n,
          request.params.which,
        );
        return { assetId: asset.id, outcome };
      },
    );
  };
}
