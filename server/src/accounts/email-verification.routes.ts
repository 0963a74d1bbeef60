import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../config/config.js';
import { requirePrincipal } from '../http/auth.js';
import { errorResponses, errorSchema } from '../http/common.schema.js';
import { iso } from '../common/time.js';
import { AppError, errors } from '../common/errors.js';
import { toAccountDto } from './accounts.mapper.js';
import { accountSchema, usernameSchema } from './accounts.schema.js';
import { renderVerificationPage } from './email-verification-page.js';
import type { EmailVerificationService } from './email-verification.service.js';

const tokenSchema = z
  .string()
  .min(20)
  .max(100)
  .regex(/^[A-Za-z0-9_-]+$/, 'must be the token from the link');

/**
 * E-mail verification (docs/security.md, "E-mail addresses and contact links"): the caller's status, sending the
 * link, following it (public, per-IP rate-limited: the token is the proof), and an admin vouching for an address.
 */
export function emailVerificationRoutes(verification: EmailVerificationService, config: Config): FastifyPluginAsyncZod {
  return async (app) => {
    const publicLimit = { rateLimit: { max: 20, timeWindow: '1 minute' } };

    app.get(
      '/api/me/email-verification',
      {
        schema: {
          tags: ['accounts'],
          summary: 'Whether my e-mail is verified, and whether this server can send the link',
          response: {
            200: z.object({
              email: z.string().nullable(),
              verified: z.boolean(),
              canSend: z.boolean().describe('false when the server has no KITH_SMTP_URL: ask the admin to mark the address verified'),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) => verification.status(requirePrincipal(request)),
    );

    app.post(
      '/api/me/email-verification',
      {
        config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
        schema: {
          tags: ['accounts'],
          summary: 'E-mail me a verification link',
          description:
            'Sends a one-time link (24 h) to my e-mail over SMTP; following it verifies the address if the account still ' +
            'holds it. At most 3 an hour. Errors: 400 `no_email`, 409 `email_already_verified`, 409 `smtp_not_configured`, ' +
            '429 `rate_limited`, 502 `email_send_failed`.',
          response: {
            202: z.object({ email: z.string(), expiresAt: z.string() }),
            409: errorSchema,
            429: errorSchema,
            502: errorSchema,
            ...errorResponses,
          },
        },
      },
      async (request, reply) => {
        const sent = await verification.send(requirePrincipal(request));
        return reply.status(202).send({ email: sent.email, expiresAt: iso(sent.expiresAt) });
      },
    );

    app.post(
      '/api/email-verification/confirm',
      {
        config: publicLimit,
        schema: {
          tags: ['accounts'],
          summary: 'Verify an e-mail with the token from the link (public)',
          description: 'Errors: 400 `invalid_token`, 410 `token_expired`, 409 `email_changed`, 429 `rate_limited`.',
          body: z.object({ token: tokenSchema }),
          response: {
            200: z.object({ email: z.string(), verified: z.literal(true) }),
            409: errorSchema,
            410: errorSchema,
            429: errorSchema,
            400: errorSchema,
          },
        },
      },
      async (request) => ({ email: (await verification.confirm(request.body.token)).email!, verified: true as const }),
    );

    app.get(
      '/verify-email',
      {
        config: publicLimit,
        schema: {
          tags: ['accounts'],
          summary: 'The page the e-mailed link opens (HTML): "E-mail verified", or why not',
          querystring: z.object({ token: z.string().max(200).optional() }),
        },
      },
      async (request, reply) => {
        const token = request.query.token ?? '';
        let page: string;
        let status = 200;
        try {
          if (!tokenSchema.safeParse(token).success)
            throw errors.badRequest('invalid_token', 'This link is incomplete; open the whole link from the e-mail.');
          page = renderVerificationPage({ ok: true, email: (await verification.confirm(token)).email! });
        } catch (e) {
          if (!(e instanceof AppError)) throw e;
          status = e.statusCode;
          const title =
            e.code === 'token_expired'
              ? 'This link has expired'
              : e.code === 'invalid_token'
                ? 'This link can’t be used'
                : 'E-mail not verified';
          page = renderVerificationPage({ ok: false, title, message: e.message });
        }
        return reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(page);
      },
    );

    app.post(
      '/api/admin/accounts/:username/email-verification',
      {
        schema: {
          tags: ['accounts'],
          summary: "Mark an account's e-mail verified (admin)",
          description:
            'For servers without SMTP (KITH_SMTP_URL): the admin vouches that the address belongs to the account; ' +
            'contacts holding it link at once. Errors: 403 `admin_only`, 404 `not_found`, 400 `no_email`.',
          params: z.object({ username: usernameSchema }),
          response: { 200: z.object({ account: accountSchema }), 403: errorSchema, ...errorResponses },
        },
      },
      async (request) => ({
        account: toAccountDto(await verification.markVerifiedByAdmin(requirePrincipal(request), request.params.username), config.publicUrl),
      }),
    );
  };
}
