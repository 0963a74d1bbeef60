import type { TokenScope } from './token-scopes.js';

/**
 * The caller a service acts for: attached to each request by the auth hook (`http/auth.ts`), or built
 * with `principalFor` when the server acts for an account itself (jobs, inbox deliveries, public pages).
 * Services authorise on `accountId` only; `username` is for messages and may be empty.
 */
export interface Principal {
  accountId: string;
  username: string;
  /** `site-key`: an anonymous visitor acting for the key's owner (region sharing only). */
  via: 'session' | 'token' | 'site-key';
  /**
   * What the credential may do (common/token-scopes.ts): an API token's scope. Absent for a session,
   * a site key, and the server acting for the account itself (jobs, inbox): those are checked elsewhere or are `full`.
   */
  scope?: TokenScope;
}

/**
 * The one way to build a principal outside the auth hook. Defaults describe the server acting for the
 * account itself: `via: 'session'`, no scope (as full as the owner), empty username.
 *
 * @param accountId the account the work is done for (`account.id`)
 * @param how `username` for messages; `via` and `scope` when the caller holds a token or a site key
 */
export function principalFor(accountId: string, how: { username?: string; via?: Principal['via']; scope?: TokenScope } = {}): Principal {
  const principal: Principal = { accountId, username: how.username ?? '', via: how.via ?? 'session' };
  if (how.scope) principal.scope = how.scope;
  return principal;
}
