import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Principal } from '../common/principal.js';
import { SESSION_COOKIE, type Authenticator } from '../common/credentials.js';
import { routeNeed, scopeGrants, type ScopeNeed } from '../common/token-scopes.js';
import { errors } from '../common/errors.js';
import { crossOriginRefused, isUnsafeMethod, type OriginPolicy } from '../common/origin-policy.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
  interface FastifyContextConfig {
    /** What an API token must be scoped for to call this route; by default `read` for GET/HEAD, `full` otherwise (common/token-scopes.ts). */
    scope?: ScopeNeed;
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
 *
 * The one place token scopes are enforced for the API: a valid token whose scope does not grant the
 * route's need (its `config.scope`, or `read`/`full` by method) is answered 403 `insufficient_scope`
 * (RFC 6750 §3.1) before the route runs, whether or not the route needs a caller at all.
 */
export function installAuth(app: FastifyInstance, accounts: Authenticator, origins: OriginPolicy): void {
  app.decorateRequest('principal', undefined);
  app.addHook('onRequest', async (request) => {
    const header = request.headers.authorization;
    if (header?.startsWith('Bearer ')) {
      const principal = await accounts.authenticateToken(header.slice(7).trim());
      const need = routeNeed(request.method, request.routeOptions.config?.scope);
      // Unmatched URLs fall through to the 404 handler: there is nothing there to grant or refuse.
      if (principal?.scope && request.routeOptions.url !== undefined && !scopeGrants(principal.scope, need))
        throw errors.forbidden(
          'insufficient_scope',
          `This API token's scope "${principal.scope}" does not allow this request (it needs "${need}"); ` +
            'make a token with that scope under Settings → API tokens.',
        );
      request.principal = principal;
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
