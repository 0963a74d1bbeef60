import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePrincipal } from '../http/auth.js';
import { SESSION_COOKIE } from '../common/credentials.js';
import { errorResponses, errorSchema } from '../http/common.schema.js';
import { sha256 } from './accounts.service.js';
import type { PasswordsService } from './passwords.service.js';

const tags = ['accounts'];

export const changePasswordBody = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().min(8, 'use at least 8 characters').max(256),
});

const endedSchema = z.object({ ended: z.number().int().describe('How many other sessions were ended') });

/** SHA-256 of the caller's own session id, the one session these actions keep; null for an API token. */
const ownSessionHash = (request: FastifyRequest) => {
  const sid = request.principal?.via === 'session' ? request.cookies[SESSION_COOKIE] : undefined;
  return sid ? sha256(sid) : null;
};

/**
 * The Security section of Settings: password change, the number of signed-in sessions, and
 * "log out everywhere else". Each needs a session or a `full` API token (the default need of writes;
 * 403 `insufficient_scope` otherwise).
 */
export function securityRoutes(passwords: PasswordsService): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/me/password',
      {
        schema: {
          tags,
          summary: 'Change my password (current password required)',
          description:
            'Checks `currentPassword` like a log-in (it counts against the same throttle: 401 `invalid_credentials`, ' +
            '429 `too_many_login_attempts` with Retry-After), stores `newPassword` (argon2id, RFC 9106), and ends every other ' +
            'session of the account: whoever knew the old password is logged out. This session stays. API tokens stay too; ' +
            'revoke them under Settings → API tokens. Answers the number of sessions ended.',
          body: changePasswordBody,
          response: { 200: endedSchema, 429: errorSchema, ...errorResponses },
        },
      },
      async (request) => {
        const principal = requirePrincipal(request);
        const { currentPassword, newPassword } = request.body;
        return { ended: await passwords.change(principal, currentPassword, newPassword, request.ip, ownSessionHash(request)) };
      },
    );

    app.get(
      '/api/me/sessions',
      {
        schema: {
          tags,
          summary: 'How many browsers are logged in to my account',
          description: 'Counts unexpired sessions, this one included (for an API token caller, all of them).',
          response: { 200: z.object({ sessions: z.number().int() }), ...errorResponses },
        },
      },
      async (request) => ({ sessions: await passwords.countSessions(requirePrincipal(request).accountId) }),
    );

    app.post(
      '/api/me/sessions/end-others',
      {
        schema: {
          tags,
          summary: 'Log out everywhere else',
          description:
            'Ends every session of my account except the one making this request (all of them when called with an API token). ' +
            'API tokens are not sessions and stay. Answers the number of sessions ended.',
          response: { 200: endedSchema, ...errorResponses },
        },
      },
      async (request) => ({ ended: await passwords.endOtherSessions(requirePrincipal(request).accountId, ownSessionHash(request)) }),
    );
  };
}
