import crypto from 'node:crypto';
import { keyedHash } from '../../config/server-secret.js';
import type { Config } from '../../config/config.js';
import { sha256, type AccountsService } from '../../accounts/accounts.service.js';
import { principalFor, type Principal } from '../../common/principal.js';
import { scopeGrants } from '../../common/token-scopes.js';
import type { ScrobblerTokensRepository } from './scrobbler-tokens.repository.js';

const md5 = (s: string) => crypto.createHash('md5').update(s, 'utf8').digest('hex');
/** Constant-time comparison; lengths are compared in UTF-8 bytes (a client may send any text, e.g. "é" × 32). */
const safeEqual = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
};

/** Audioscrobbler sessions last a day; clients handshake again on BADSESSION (protocol 1.2 §Handshake). */
const SESSION_TTL_MS = 24 * 3600_000;
/** Last.fm session keys Kith derives from a scrobbler token (never a prefix of a minted API token). */
const SESSION_KEY_PREFIX = 'lfm.';
/** BADTIME when the client clock is further off than this (the spec leaves the bound to the server). */
export const HANDSHAKE_SKEW_S = 30 * 60;

/**
 * Credentials of the scrobbling protocols, mapped onto Kith API tokens.
 *
 * Kith passwords are argon2id hashes, so the Audioscrobbler 1.2 handshake's
 * `a = md5(md5(password) + timestamp)` cannot be checked against them. Instead a user makes a
 * *scrobbler token* (a Kith API token of scope `scrobble`, revocable in Settings, whose md5 is also
 * kept) and enters it as the player's password. The same token is the ListenBrainz user token
 * (`Authorization: Token …`) and the Last.fm password / session key. Every protocol here accepts
 * only `scrobble` tokens (the `protocol` need of common/token-scopes.ts) and issues only those.
 * Handshakes that check a password-like secret count against the shared log-in throttle.
 */
export function createScrobblerAuth({
  repo,
  config,
  secret,
  accounts,
}: {
  repo: ScrobblerTokensRepository;
  config: Config;
  secret: string;
  accounts: AccountsService;
}) {
  const lastfm = config.lastfm ?? {
    apiKey: keyedHash(secret, 'lastfm-api-key', 'v1').slice(0, 32),
    sharedSecret: keyedHash(secret, 'lastfm-shared-secret', 'v1').slice(0, 32),
  };

  const scrobblerTokens = (accountId: string) => repo.ofAccount(accountId);

  /**
   * The Last.fm session key of one scrobbler token: `lfm.<tokenId>.<hmac>`, the same every time the client logs in
   * with that token (so sessions do not pile up tokens), checkable without storing it, and void once the token is revoked.
   */
  const sessionKeyOf = (tokenId: string, scrobbleMd5: string) =>
    `${SESSION_KEY_PREFIX}${tokenId}.${keyedHash(secret, 'lastfm-session-key', `${tokenId}.${scrobbleMd5}`).slice(0, 32)}`;

  /** A session key from {@link sessionKeyOf} → its token's principal and id, or undefined (unknown, forged or revoked). */
  async function resolveSessionKey(key: string): Promise<{ principal: Principal; tokenId: string } | undefined> {
    const [tokenId, mac] = key.slice(SESSION_KEY_PREFIX.length).split('.');
    if (!tokenId || !mac || tokenId.length > 64) return undefined;
    const row = await repo.find(tokenId);
    if (!row || !safeEqual(sessionKeyOf(row.id, row.scrobble_md5!), key)) return undefined;
    return { principal: principalFor(row.account_id, { username: row.username, via: 'token', scope: 'scrobble' }), tokenId: row.id };
  }

  /** A Kith API token (or a Last.fm session key of one) → its principal, only when its scope lets it speak the scrobbler protocols. */
  const authenticateToken = async (token: string): Promise<Principal | undefined> => {
    if (token.startsWith(SESSION_KEY_PREFIX)) return (await resolveSessionKey(token))?.principal;
    const principal = await accounts.authenticateToken(token);
    return principal?.scope && scopeGrants(principal.scope, 'protocol') ? principal : undefined;
  };

  return {
    lastfm,
    authenticateToken,

    /** Makes a `scrobble` token for the caller; the secret is returned once. */
    async createToken(principal: Principal, name: string): Promise<{ id: string; token: string; name: string }> {
      const { row, token } = await accounts.createToken(principal, name, 'scrobble');
      return { id: row.id, token, name };
    },

    /**
     * Audioscrobbler 1.2 handshake check: `a` must equal md5(md5(token) + t) for one of the user's
     * `scrobble` tokens. Throttled like a log-in, per username and client `address`.
     * @returns the principal and token id, or undefined (→ BADAUTH).
     * @throws 429 `too_many_login_attempts` (→ `FAILED`) while the username or address is throttled.
     */
    async verifyHandshake(
      username: string,
      t: string,
      a: string,
      address: string,
    ): Promise<{ principal: Principal; tokenId: string } | undefined> {
      const throttle = accounts.passwords.throttle;
      throttle.check(username, address);
      const account = await repo.accountByUsername(username.toLowerCase());
      const want = a.toLowerCase();
      const hit = account && (await scrobblerTokens(account.id)).find((tok) => safeEqual(md5(tok.scrobble_md5! + t), want));
      if (!account || !hit) {
        throttle.fail(username, address);
        return undefined;
      }
      throttle.succeed(username);
      return { principal: principalFor(account.id, { username: account.username, via: 'token', scope: 'scrobble' }), tokenId: hit.id };
    },

    /**
     * Last.fm's legacy `auth.getMobileSession` check: `authToken` must equal md5(username + md5(token))
     * for one of the account's `scrobble` tokens. The caller throttles it like a password.
     */
    async verifyLegacyAuthToken(account: { id: string; username: string }, authToken: string): Promise<{ sessionKey: string } | undefined> {
      const want = authToken.toLowerCase();
      const hit = (await scrobblerTokens(account.id)).find((tok) => safeEqual(md5(account.username + tok.scrobble_md5!), want));
      // The session key belongs to the token the client proved: pylast and other clients log in like this at every
      // start, and a new token each time would pile up under Settings → API tokens.
      return hit ? { sessionKey: sessionKeyOf(hit.id, hit.scrobble_md5!) } : undefined;
    },

    /**
     * Audioscrobbler 1.2.1 web-service variant: `a = md5(shared_secret + t)` with `api_key` and `sk`
     * (a session key from Last.fm `auth.getMobileSession`, i.e. a Kith API token).
     */
    async verifyTokenHandshake(
      apiKey: string,
      sk: string,
      t: string,
      a: string,
    ): Promise<{ principal: Principal; tokenId: string } | undefined> {
      if (apiKey !== lastfm.apiKey || !safeEqual(md5(lastfm.sharedSecret + t), a.toLowerCase())) return undefined;
      if (sk.startsWith(SESSION_KEY_PREFIX)) return resolveSessionKey(sk);
      const principal = await authenticateToken(sk);
      const row = principal && (await repo.tokenIdByHash(sha256(sk)));
      return principal && row ? { principal, tokenId: row.id } : undefined;
    },

    /**
     * A stateless session id `<accountId>.<tokenId>.<issued>.<hmac>`: every instance can check it
     * without a shared table. The token is looked up on use, so revoking it ends the session.
     */
    issueSession(accountId: string, tokenId: string): string {
      const body = `${accountId}.${tokenId}.${Date.now().toString(36)}`;
      return `${body}.${keyedHash(secret, 'as-session', body).slice(0, 32)}`;
    },

    /** @returns the account of a valid, unexpired session whose `scrobble` token still exists; undefined → BADSESSION. */
    async verifySession(s: string): Promise<Principal | undefined> {
      const parts = s.split('.');
      if (parts.length !== 4) return undefined;
      const [accountId, tokenId, issued, mac] = parts;
      const body = `${accountId}.${tokenId}.${issued}`;
      if (!safeEqual(keyedHash(secret, 'as-session', body).slice(0, 32), mac)) return undefined;
      if (Date.now() - parseInt(issued, 36) > SESSION_TTL_MS) return undefined;
      const row = await repo.accountOf(accountId, tokenId);
      return row ? principalFor(row.id, { username: row.username, via: 'token', scope: 'scrobble' }) : undefined;
    },

    /**
     * Last.fm request signature (https://www.last.fm/api/authspec §8 "Signing Calls"): every
     * parameter except `format`, `callback` and `api_sig`, sorted by name, concatenated as
     * `<name><value>`, then the shared secret; md5 of that (UTF-8), hex.
     */
    lastfmSignature(params: Record<string, string>): string {
      const keys = Object.keys(params)
        .filter((k) => k !== 'format' && k !== 'callback' && k !== 'api_sig')
        .sort();
      return md5(keys.map((k) => k + params[k]).join('') + lastfm.sharedSecret);
    },

    verifyLastfmSignature(params: Record<string, string>): boolean {
      return typeof params.api_sig === 'string' && safeEqual(this.lastfmSignature(params), params.api_sig.toLowerCase());
    },
  };
}

export type ScrobblerAuth = ReturnType<typeof createScrobblerAuth>;
