import type { Principal } from './principal.js';
import { scopeGrants } from './token-scopes.js';

/** The web app's session cookie: its value is the session id (stored as SHA-256, accounts/accounts.service.ts). */
export const SESSION_COOKIE = 'kith_session';

/**
 * What the transports (the HTTP auth hook, the socket.io handshake) need to turn a credential into a
 * principal; `AccountsService` is one. Both answer `undefined` for an unknown, expired or revoked credential.
 */
export interface Authenticator {
  /** The `kith_session` cookie's value → the session's account. */
  authenticateSession(sessionId: string): Promise<Principal | undefined>;
  /** A `kith_…` API token (without `Bearer `) → its account, with the token's `scope`. */
  authenticateToken(token: string): Promise<Principal | undefined>;
}

/** Resolves a socket.io handshake (cookie header or `auth.token`) to a principal; a token must grant `read` (its events are reads). */
export async function authenticateHandshake(
  accounts: Authenticator,
  cookieHeader: string | undefined,
  token: unknown,
): Promise<Principal | undefined> {
  if (typeof token === 'string' && token) {
    const principal = await accounts.authenticateToken(token.replace(/^Bearer /, ''));
    return principal?.scope && scopeGrants(principal.scope, 'read') ? principal : undefined;
  }
  const match = cookieHeader
    ?.split(';')
    .map((c) => c.trim())
    .find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  return match ? accounts.authenticateSession(decodeURIComponent(match.slice(SESSION_COOKIE.length + 1))) : undefined;
}
