import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { usernameSchema } from '../accounts/accounts.schema.js';
import { requirePrincipal } from '../http/auth.js';
import { errorResponses, errorSchema } from '../http/common.schema.js';
import type { PhoneVerificationService } from './phone-verification.service.js';
import { adminVerifiedSchema, codeSentSchema, phoneStatusSchema, verifyCodeBody } from './phone.schema.js';

const tags = ['accounts'];

/**
 * My phone number's verification (docs/security.md "Phone numbers and now playing"). The number
 * itself is set by `PATCH /api/me` or `PUT /api/now-playing/association` (one identity).
 */
export function phoneRoutes(phones: PhoneVerificationService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/me/phone',
      {
        schema: {
          tags,
          summary: 'My phone number: verified or not, a pending code, a removed claim',
          description: 'Friends see my plays only once Kith knows this number is mine.',
          response: { 200: phoneStatusSchema, ...errorResponses },
        },
      },
      async (request) => phones.status(requirePrincipal(request).accountId),
    );

    app.post(
      '/api/me/phone/code',
      {
        schema: {
          tags,
          summary: 'Text me a 6-digit code that proves my number',
          description:
            'Sent through the SMS gateway (KITH_SMS_*; Twilio Messaging API wire format). The code lasts 10 minutes and ' +
            'allows 5 attempts; a new code voids the previous one. At most one code a minute and 5 an hour per account, ' +
            'and 5 an hour per number. Errors: 409 `no_phone` / `already_verified`, 429 `too_many_codes` ' +
            '(details.retry_after_seconds), 503 `sms_unavailable` (no gateway: ask a contact to confirm you, or the admin), ' +
            '502 `sms_failed`.',
          response: { 202: codeSentSchema, 409: errorSchema, 429: errorSchema, 502: errorSchema, 503: errorSchema, ...errorResponses },
        },
      },
      async (request, reply) => reply.status(202).send(await phones.sendCode(requirePrincipal(request).accountId)),
    );

    app.post(
      '/api/me/phone/verify',
      {
        schema: {
          tags,
          summary: 'Prove my number with the code from the text message',
          description:
            'The right code marks my number verified and removes every other account’s claim of it (they are told in ' +
            'Settings). Errors: 400 `no_code` / `code_expired` / `invalid_code` (details.attempts_left), ' +
            '429 `too_many_attempts`, 409 `phone_changed` / `phone_verified_elsewhere`.',
          body: verifyCodeBody,
          response: { 200: phoneStatusSchema, 409: errorSchema, 429: errorSchema, ...errorResponses },
        },
      },
      async (request) => phones.verifyCode(requirePrincipal(request).accountId, request.body.code),
    );

    app.delete(
      '/api/me/phone/notice',
      {
        schema: {
          tags,
          summary: 'Dismiss the "your number was verified by another account" notice',
          response: { 204: z.null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        await phones.dismissNotice(requirePrincipal(request).accountId);
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/api/admin/accounts/:username/phone-verified',
      {
        schema: {
          tags: ['admin'],
          summary: 'Mark an account’s current phone number verified (admins only)',
          description:
            'For servers without an SMS gateway, or a number the admin checked in person. Other accounts’ claims of the ' +
            'number are removed. Errors: 403 `admin_only`, 404 `not_found`, 409 `no_phone`.',
          params: z.object({ username: usernameSchema }),
          response: { 200: adminVerifiedSchema, 403: errorSchema, 409: errorSchema, ...errorResponses },
        },
      },
      async (request) => phones.adminMarkVerified(requirePrincipal(request), request.params.username),
    );
  };
}
