import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../config/config.js';
import { binaryResponse, errorResponses, errorSchema } from '../http/common.schema.js';
import { sendBytes } from '../http/send-bytes.js';
import { readCapture } from './capture-upload.js';
import type { ExchangesModule } from './exchanges.module.js';
import {
  guestExchangeSchema,
  guestImageParams,
  guestRoundParams,
  joinBody,
  reactionBody,
  reportBody,
  tokenParams,
} from './exchanges.schema.js';

const tags = ['exchanges (guest)'];
const one = z.object({ exchange: guestExchangeSchema });
const open = { 409: errorSchema, ...errorResponses };

/**
 * The stranger's side of an exchange (seed image-exchange-and-synthesis: no registration, no app): public routes whose
 * capability is the token in the path, rate-limited per address. Every bad, used or expired token
 * answers 404 `not_found` alike. The web page is the SPA route `/x/{token}`.
 */
export function guestExchangesRoutes(x: ExchangesModule, config: Config): FastifyPluginAsyncZod {
  const { guests } = x;
  const limit = { rateLimit: { max: 120, timeWindow: '1 minute' } };
  const captureLimit = {
    rateLimit: {
      max: config.exchangeLimits.capturesPerMinute,
      timeWindow: '1 minute',
      keyGenerator: (req: FastifyRequest) => `${(req.params as { token?: string }).token ?? ''}|${req.ip}`,
    },
  };

  return async (app) => {
    app.get(
      '/api/guest/exchanges/:token',
      {
        config: limit,
        schema: {
          tags,
          summary: 'What an exchange link shows: the invite before joining, the exchange after (public, the token is the capability)',
          params: tokenParams,
          response: { 200: one, ...errorResponses },
        },
      },
      async (request) => ({ exchange: await guests.view(request.params.token) }),
    );

    app.post(
      '/api/guest/exchanges/:token/join',
      {
        config: limit,
        schema: {
          tags,
          summary: 'Join as the guest under a display name (accepts the request)',
          description:
            'The invite token is one-time: the answer carries `guestToken`, the guest’s own capability for this exchange from now on ' +
            '(guest paths and the socket’s `auth: { guestToken }`); the invite token answers 404 afterwards. Valid ' +
            'KITH_EXCHANGE_GUEST_DOWNLOAD_HOURS (default 24) after the join or the last finished round.',
          params: tokenParams,
          body: joinBody,
          response: { 200: one.extend({ guestToken: z.string() }), ...errorResponses },
        },
      },
      async (request) => guests.join(request.params.token, request.body.displayName),
    );

    app.post(
      '/api/guest/exchanges/:token/decline',
      { config: limit, schema: { tags, summary: 'Decline the invite', params: tokenParams, response: { 200: one, ...errorResponses } } },
      async (request) => ({ exchange: await guests.decline(request.params.token) }),
    );

    app.post(
      '/api/guest/exchanges/:token/report',
      {
        config: limit,
        schema: {
          tags,
          summary: 'Report abuse by the requester to the server’s admins',
          params: tokenParams,
          body: reportBody,
          response: { 204: z.null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        await guests.report(request.params.token, request.body.reason);
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/api/guest/exchanges/:token/end',
      { config: limit, schema: { tags, summary: 'End the exchange', params: tokenParams, response: { 200: one, ...open } } },
      async (request) => ({ exchange: await guests.end(request.params.token) }),
    );

    app.post(
      '/api/guest/exchanges/:token/captures',
      {
        config: captureLimit,
        schema: {
          tags,
          summary: 'Send the guest’s image for the current round (multipart `image`: JPEG, PNG or WebP)',
          description: 'Same rules and errors as `POST /api/exchanges/{id}/captures`.',
          consumes: ['multipart/form-data'],
          params: tokenParams,
          response: { 200: one, 413: errorSchema, 415: errorSchema, 422: errorSchema, 429: errorSchema, ...open },
        },
      },
      async (request) => ({
        exchange: await guests.capture(request.params.token, () => readCapture(request, config.exchangeMaxBytes)),
      }),
    );

    app.post(
      '/api/guest/exchanges/:token/rounds',
      { config: limit, schema: { tags, summary: 'Start another round', params: tokenParams, response: { 200: one, ...open } } },
      async (request) => ({ exchange: await guests.nextRound(request.params.token) }),
    );

    app.post(
      '/api/guest/exchanges/:token/rounds/:n/reactions',
      {
        config: limit,
        schema: {
          tags,
          summary: 'React to a finished round',
          params: guestRoundParams,
          body: reactionBody,
          response: { 200: one, ...open },
        },
      },
      async (request) => ({ exchange: await guests.react(request.params.token, request.params.n, request.body.emoji) }),
    );

    app.get(
      '/api/guest/exchanges/:token/rounds/:n/:which',
      {
        config: limit,
        schema: {
          tags,
          summary: 'Download an image of a round (JPEG, no metadata) while the link is valid',
          params: guestImageParams,
          response: { 200: binaryResponse('The round image', 'image/jpeg'), ...errorResponses },
        },
      },
      async (request, reply) => {
        const image = await guests.image(request.params.token, request.params.n, request.params.which);
        reply.header('content-disposition', `attachment; filename="kith-exchange-${request.params.n}-${request.params.which}.jpg"`);
        return sendBytes(reply, image, 300);
      },
    );
  };
}
