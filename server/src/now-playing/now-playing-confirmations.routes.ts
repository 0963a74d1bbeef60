import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePrincipal } from '../http/auth.js';
import { errorResponses, errorSchema, idParams } from '../http/common.schema.js';
import { confirmBody, confirmationSchema } from '../phone/phone.schema.js';
import type { ConfirmationsService } from './now-playing-confirmations.service.js';

const tags = ['now-playing'];

/** Confirming contacts: "this Kith account is my contact with that number" (docs/security.md). */
export function nowPlayingConfirmationsRoutes(confirmations: ConfirmationsService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/now-playing/confirmations',
      {
        schema: {
          tags,
          summary: 'Accounts that claim a number in my address book, verified or not, and whether I confirmed them',
          response: { 200: z.object({ confirmations: z.array(confirmationSchema) }), ...errorResponses },
        },
      },
      async (request) => ({ confirmations: await confirmations.list(requirePrincipal(request).accountId) }),
    );

    app.post(
      '/api/now-playing/confirmations',
      {
        schema: {
          tags,
          summary: 'Confirm: this Kith account is my contact with this number',
          description:
            'Counts only for me: my plays may reach that account under my mutual-link rule, and its plays reach me, ' +
            'although its number is not verified. Never for anyone else. Void once its number changes. ' +
            'Errors: 400 `invalid_phone` / `not_in_book` / `cannot_confirm_self`, 404 `not_found`, 409 `number_mismatch` / ' +
            '`phone_verified_elsewhere` (another account verified that number).',
          body: confirmBody,
          response: { 200: z.object({ confirmations: z.array(confirmationSchema) }), 409: errorSchema, ...errorResponses },
        },
      },
      async (request) => ({ confirmations: await confirmations.confirm(requirePrincipal(request).accountId, request.body) }),
    );

    app.delete(
      '/api/now-playing/confirmations/:id',
      {
        schema: {
          tags,
          summary: 'Withdraw my confirmation of an account',
          description: 'Errors: 404 `not_found` when I had not confirmed it.',
          params: idParams,
          response: { 204: z.null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        await confirmations.unconfirm(requirePrincipal(request).accountId, request.params.id);
        return reply.status(204).send(null);
      },
    );
  };
}
