import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AccountsService } from '../../accounts/accounts.service.js';
import type { Principal } from '../../common/principal.js';
import type { NowPlayingService } from '../now-playing.service.js';
import type { ScrobblerAuth } from './scrobbler-auth.js';
import { listenBrainzReadRoutes } from './listenbrainz-read.routes.js';
import { ListenBrainzError, toListenInput, toPlayInput, validateSubmission } from './listenbrainz-validate.js';

const tags = ['compat-listenbrainz'];
const lbError = z.object({ code: z.number().int(), error: z.string() }).meta({ id: 'ListenBrainzError' });
const errorResponses = { 400: lbError, 401: lbError, 404: lbError, 429: lbError };

/**
 * ListenBrainz-compatible API (https://listenbrainz.readthedocs.io/en/latest/users/api/core.html), so
 * existing clients report into Kith unchanged: point their API root at Kith's public URL and use a
 * Kith `scrobble` token as the user token (`Authorization: Token <token>`; tokens of other scopes are
 * refused as invalid, common/token-scopes.ts). Errors use ListenBrainz's `{ code, error }` body, not Kith's.
 */
export function listenBrainzRoutes(nowPlaying: NowPlayingService, accounts: AccountsService, auth: ScrobblerAuth): FastifyPluginAsyncZod {
  return async (app) => {
    // This plugin's own error handler: JSON parse failures and limits answer in ListenBrainz's shape.
    app.setErrorHandler((error: Error & { statusCode?: number }, request, reply) => {
      if (error instanceof ListenBrainzError) return reply.status(error.status).send({ code: error.status, error: error.message });
      const status = error.statusCode && error.statusCode < 500 ? error.statusCode : 500;
      if (status >= 500) request.log.error({ err: error }, 'listenbrainz request failed');
      const message =
        status === 500
          ? 'Something went wrong. Please try again.'
          : error.name === 'SyntaxError' || (error as any).code === 'FST_ERR_CTP_INVALID_JSON_BODY'
            ? `Cannot parse JSON document: ${error.message}`
            : error.message;
      return reply.status(status).send({ code: status, error: message });
    });
    // Some clients post JSON without a JSON content type; ListenBrainz reads the body regardless.
    app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => {
      try {
        done(null, JSON.parse(body as string));
      } catch (e) {
        done(new ListenBrainzError(400, `Cannot parse JSON document: ${(e as Error).message}`), undefined);
      }
    });

    /** `Authorization: Token <token>` → principal. @throws 401 with ListenBrainz's messages. */
    async function tokenUser(request: FastifyRequest): Promise<Principal> {
      const header = request.headers.authorization;
      if (!header) throw new ListenBrainzError(401, 'You need to provide an Authorization header.');
      const token = header.split(' ')[1];
      if (!token) throw new ListenBrainzError(401, 'Provided Authorization header is invalid.');
      const principal = await auth.authenticateToken(token.trim());
      if (!principal) throw new ListenBrainzError(401, 'Invalid authorization token.');
      return principal;
    }

    app.post(
      '/1/submit-listens',
      {
        bodyLimit: 10_240_000,
        config: { rateLimit: { max: 600, timeWindow: '1 minute' } },
        schema: {
          tags,
          summary: 'ListenBrainz: submit listens (playing_now, single, import)',
          description:
            '`playing_now` carries exactly one listen without `listened_at` and becomes my now-playing (pushed to friends); ' +
            '`single` (one) and `import` (up to 1000) add to my listens. Validation and messages follow ListenBrainz ' +
            '(https://listenbrainz.readthedocs.io/en/latest/users/json.html). 400 bad document, 401 bad token.',
          body: z.unknown(),
          response: { 200: z.object({ status: z.literal('ok') }), ...errorResponses },
        },
      },
      async (request) => {
        const principal = await tokenUser(request);
        const raw = Number(request.headers['content-length'] ?? JSON.stringify(request.body ?? null).length);
        const { listenType, payload } = validateSubmission(request.body, raw);
        if (listenType === 'playing_now')
          await nowPlaying.submit(principal.accountId, toPlayInput(payload[0]), 'listenbrainz', { autoScrobble: false });
        else await nowPlaying.scrobble(principal.accountId, payload.map(toListenInput), 'listenbrainz');
        return { status: 'ok' as const };
      },
    );

    app.get(
      '/1/validate-token',
      {
        config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
        schema: {
          tags,
          summary: 'ListenBrainz: is this user token valid?',
          description:
            'Token from `Authorization: Token …`, else the `token` query parameter (redacted from the log). 200 in both cases, ' +
            '`valid: true` only for a `scrobble` token; 400 when none was sent.',
          querystring: z.object({ token: z.string().optional() }),
          response: {
            200: z.object({ code: z.literal(200), message: z.string(), valid: z.boolean(), user_name: z.string().optional() }),
            ...errorResponses,
          },
        },
      },
      async (request) => {
        const token = request.headers.authorization?.split(' ')[1] ?? request.query.token;
        if (!token) throw new ListenBrainzError(400, 'You need to provide an Authorization token.');
        const principal = await auth.authenticateToken(token.trim());
        return principal
          ? { code: 200 as const, message: 'Token valid.', valid: true, user_name: principal.username }
          : { code: 200 as const, message: 'Token invalid.', valid: false };
      },
    );

    // Reading a user's plays, and the ListenBrainz-shaped 404 for paths Kith does not implement.
    await app.register(listenBrainzReadRoutes(nowPlaying, accounts, tokenUser));
  };
}
