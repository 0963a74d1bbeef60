import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AccountsService, Principal } from '../accounts/accounts.service.js';
import { errors } from './errors.js';
import { crossOriginRefused, isUnsafeMethod, type OriginPolicy } from './origin-policy.js';

export const SESSION_COOKIE = 'kith_session';

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}

/**
 * Reads the caller's credential on every request: the `kith_session` cookie
 * (web app) or `Authorization: Bearer kith_…` (CLI, scripts; RFC 6750).
 * A bad credential is not an error here; routes that need one call {@link requirePrincipal}.
 *
 * A cookie travels with any request the browser makes, whoever's page made it, so an unsafe request
 * (POST, PUT, PATCH, DELETE) authenticated by the session cookie, and every unsafe request to
 * `/api/auth/` (login CSRF: a page logging the victim into the attacker's account, whose uploads then
 * flow to the attacker), must come from an allowed origin ({@link OriginPolicy}).
 * Bearer tokens are not sent by browsers on their own, so token requests are not checked.
 * @throws 403 `cross_origin_refused` when the request comes from another origin (docs/security.md).
 */
export function installAuth(app: FastifyInstance, accounts: AccountsService, origins: OriginPolicy): void {
  app.decorateRequest('principal', undefined);
  app.addHook('onRequest', async (request) => {
    const header = request.headers.authorization;
    if (header?.startsWith('Bearer ')) {
      request.principal = await accounts.authenticateToken(header.slice(7).trim());
      return;
    }
    const sessionId = request.cookies?.[SESSION_COOKIE];
    if (sessionId) request.principal = await accounts.authenticateSession(sessionId);
    if (!isUnsafeMethod(request.method)) return;
    if (request.principal?.via !== 'session' && !request.routeOptions.url?.startsWith('/api/auth/')) return;
    const refusal = origins.refusal(request.headers, request.protocol);
    if (refusal) throw crossOriginRefused(refusal, origins);
  });
}

/** The caller, or 401 `unauthorized` when the session is missing, expired or the token unknown. */
export function requirePrincipal(request: FastifyRequest): Principal {
  if (!request.principal) throw errors.unauthorized();
  return request.principal;
}

/** Resolves a socket.io handshake (cookie header or `auth.token`) to a principal. */
export async function authenticateHandshake(
  accounts: AccountsService,
  cookieHeader: string | undefined,
  token: unknown,
): Promise<Principal | undefined> {
  if (typeof token === 'string' && token) return accounts.authenticateToken(token.replace(/^Bearer /, ''));
  const match = cookieHeader
    ?.split(';')
    .map((c) => c.trim())
    .find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  return match ? accounts.authenticateSession(decodeURIComponent(match.slice(SESSION_COOKIE.length + 1))) : undefined;
}
