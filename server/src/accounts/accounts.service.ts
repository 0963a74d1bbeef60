import crypto from 'node:crypto';
import type { DomainEventPublisher } from '../common/domain-events.js';
import { hash as argon2Hash } from '@node-rs/argon2';
import { LRUCache } from 'lru-cache';
import type { Config } from '../config/config.js';
import { errors } from '../common/errors.js';
import { normalisePhone } from '@kith/address-book';
import type { AccountRow, AccountsRepository } from './accounts.repository.js';
import type { PasswordsService } from './passwords.service.js';
import type { TokenScope } from '../common/token-scopes.js';
import { principalFor, type Principal } from '../common/principal.js';

/** SHA-256 hex: how session ids, API tokens and invite codes are stored. */
export const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');
const randomSecret = () => crypto.randomBytes(32).toString('base64url');

export interface SignupInput {
  username: string;
  password: string;
  displayName?: string;
  email?: string;
  phone?: string;
  inviteCode?: string;
}

export interface AccountsServiceDeps {
  repo: AccountsRepository;
  config: Config;
  /**
   * Publishes `account.created` (sign-up), `email.changed` and, without `claimPhone`, `phone.changed`,
   * so contacts elsewhere can link to the account.
   */
  domainEvents?: DomainEventPublisher;
  /**
   * Sets the account's claimed number (E.164 or null) everywhere it is one identity (the account and
   * its now-playing profile); a different number starts unverified. Default: the account row only.
   */
  claimPhone?: (accountId: string, phone: string | null) => Promise<void>;
  /** Password checks (throttled, constant work); one per server, shared with the scrobbler protocols. */
  passwords: PasswordsService;
}

/**
 * Sign-up, log-in, sessions and personal API tokens.
 *
 * Passwords are hashed with argon2id (RFC 9106). Session ids and API tokens are
 * 256-bit random secrets; only their SHA-256 is stored, so a database leak does
 * not leak credentials. Tokens are shown once, at creation.
 */
export function createAccountsService({ repo, config, domainEvents, claimPhone, passwords }: AccountsServiceDeps) {
  // Verified API tokens, by SHA-256, for config.tokenCacheMs (KITH_TOKEN_CACHE_SECONDS, 10 s): scripts and
  // players call many times a second, and a hash plus a lookup per request showed in the now-playing
  // profile. Unknown tokens are never kept (a guess costs a lookup, never memory). Revoking drops the
  // entry here at once; another instance forgets it within the TTL.
  const tokenCache =
    config.tokenCacheMs > 0
      ? new LRUCache<string, { principal: Principal; tokenId: string; lastUsedAt: number | null }>({
          max: 10_000,
          ttl: config.tokenCacheMs,
        })
      : undefined;
  const TOUCH_EVERY_MS = 60_000; // one last_used_at write a minute at most per token

  async function issueSession(accountId: string): Promise<{ sessionId: string; expiresAt: number }> {
    const sessionId = randomSecret();
    const now = Date.now();
    const expiresAt = now + config.sessionTtlMs;
    await repo.insertSession(sha256(sessionId), accountId, now, expiresAt);
    await repo.deleteExpiredSessions(now); // housekeeping on log-in, not on every request
    return { sessionId, expiresAt };
  }

  return {
    passwords,

    /** The account of this username (lower-case), if any: for the scrobbler protocols' user lookups. */
    findByUsername: (username: string) => repo.findByUsername(username),

    /**
     * Creates an account and a session for it.
     * The first account on a server becomes its admin.
     * @throws 403 `signup_closed`, 403 `invite_required`/`invalid_invite`, 409 `username_taken`, 400 `invalid_phone`.
     */
    async signup(input: SignupInput): Promise<{ account: AccountRow; sessionId: string; expiresAt: number }> {
      const username = input.username.toLowerCase();
      const isFirst = (await repo.count()) === 0;
      if (!isFirst && config.signup === 'closed') throw errors.forbidden('signup_closed', 'This server does not accept new accounts.');
      if (!isFirst && config.signup === 'invite' && !input.inviteCode)
        throw errors.forbidden('invite_required', 'This server needs an invite code to sign up; ask its admin for one.');
      if (await repo.findByUsername(username))
        throw errors.conflict('username_taken', `The username "${username}" is taken; choose another.`);
      const phone = input.phone ? normalisePhone(input.phone, config.defaultPhoneRegion) : null;
      if (input.phone && !phone) throw errors.badRequest('invalid_phone', `"${input.phone}" is not a phone number we can read.`);
      const account: AccountRow = {
        id: crypto.randomUUID(),
        username,
        display_name: input.displayName?.trim() || username,
        password_hash: await argon2Hash(input.password),
        email: input.email?.toLowerCase() ?? null,
        phone,
        // Claims until proven (docs/security.md): nothing links or reaches an audience on them yet.
        email_verified_at: null,
        phone_verified_at: null,
        is_admin: isFirst ? 1 : 0,
        allow_event_gathering: 1,
        created_at: Date.now(),
      };
      const inviteHash = !isFirst && config.signup === 'invite' ? sha256(input.inviteCode!) : null;
      const outcome = await repo.insertWithInvite(account, inviteHash, Date.now());
      if (outcome === 'username_taken') throw errors.conflict('username_taken', `The username "${username}" is taken; choose another.`);
      if (outcome === 'invalid_invite') throw errors.forbidden('invalid_invite', 'That invite code is unknown or already used.');
      await domainEvents?.publish('account.created', { accountId: account.id });
      return { account, ...(await issueSession(account.id)) };
    },

    /**
     * Checks the password (passwords.service.ts: throttled per account and address, same work for unknown users) and starts a session.
     * @param address the client's IP address.
     * @throws 401 `invalid_credentials` for an unknown user or a wrong password (same answer for both), 429 `too_many_login_attempts`.
     */
    async login(
      usernameIn: string,
      password: string,
      address: string,
    ): Promise<{ account: AccountRow; sessionId: string; expiresAt: number }> {
      const account = await passwords.verify(usernameIn, password, address);
      return { account, ...(await issueSession(account.id)) };
    },

    async logout(sessionId: string): Promise<void> {
      await repo.deleteSession(sha256(sessionId));
    },

    /** Resolves a session id (cookie) to its principal; undefined when unknown or expired. */
    async authenticateSession(sessionId: string): Promise<Principal | undefined> {
      const session = await repo.findSession(sha256(sessionId));
      if (!session || session.expires_at < Date.now()) return undefined;
      const account = await repo.findById(session.account_id);
      return account ? principalFor(account.id, { username: account.username, scope: 'full' }) : undefined;
    },

    /**
     * Resolves a personal API token (Bearer) to its principal; undefined when unknown or revoked.
     * One indexed lookup (token joined with its account), skipped for `config.tokenCacheMs` after a
     * success; `last_used_at` is written at most once a minute.
     */
    async authenticateToken(token: string): Promise<Principal | undefined> {
      const hash = sha256(token);
      let entry = tokenCache?.get(hash);
      if (!entry) {
        const row = await repo.findTokenPrincipal(hash);
        if (!row) return undefined;
        entry = {
          principal: Object.freeze(principalFor(row.account_id, { username: row.username, via: 'token', scope: row.scope })),
          tokenId: row.token_id,
          lastUsedAt: row.last_used_at,
        };
        tokenCache?.set(hash, entry);
      }
      const now = Date.now();
      if (!entry.lastUsedAt || now - entry.lastUsedAt > TOUCH_EVERY_MS) {
        entry.lastUsedAt = now;
        await repo.touchToken(entry.tokenId, now);
      }
      return entry.principal;
    },

    /**
     * Creates a personal API token of `scope`; the secret is returned once and only its SHA-256 is kept, plus, for a
     * `scrobble` token only, the unsalted md5 the Audioscrobbler 1.2 handshake needs (so a leaked database opens scrobbling, nothing more).
     */
    async createToken(principal: Principal, name: string, scope: TokenScope) {
      const token = `kith_${randomSecret()}`;
      const row = {
        scope,
        scrobble_md5: scope === 'scrobble' ? crypto.createHash('md5').update(token, 'utf8').digest('hex') : null,
        id: crypto.randomUUID(),
        account_id: principal.accountId,
        name,
        token_hash: sha256(token),
        prefix: token.slice(0, 10),
        created_at: Date.now(),
        last_used_at: null,
      };
      await repo.insertToken(row);
      return { row, token };
    },

    listTokens: (principal: Principal) => repo.listTokens(principal.accountId),

    /** Deletes one of the caller's tokens; it stops working at once on this instance. @throws 404 `not_found` when the token is not the caller's. */
    async revokeToken(principal: Principal, id: string): Promise<void> {
      if (!(await repo.deleteToken(principal.accountId, id))) throw errors.notFound('token');
      if (tokenCache) for (const [hash, entry] of tokenCache.entries()) if (entry.tokenId === id) tokenCache.delete(hash);
    },

    /** @throws 401 when the account vanished since the session was issued. */
    async me(principal: Principal): Promise<AccountRow> {
      const account = await repo.findById(principal.accountId);
      if (!account) throw errors.unauthorized();
      return account;
    },

    /** Updates the caller's profile and settings. @throws 400 `invalid_phone`. */
    async updateMe(
      principal: Principal,
      patch: { displayName?: string; email?: string | null; phone?: string | null; allowEventGathering?: boolean },
    ): Promise<AccountRow> {
      const phone = patch.phone ? normalisePhone(patch.phone, config.defaultPhoneRegion) : patch.phone;
      if (patch.phone && !phone) throw errors.badRequest('invalid_phone', `"${patch.phone}" is not a phone number we can read.`);
      const before = await this.me(principal);
      const email = patch.email === undefined ? undefined : (patch.email?.toLowerCase() ?? null);
      const emailChanged = email !== undefined && email !== before.email;
      const phoneChanged = patch.phone !== undefined && (phone ?? null) !== before.phone;
      await repo.update(principal.accountId, {
        ...(patch.displayName !== undefined ? { display_name: patch.displayName } : {}),
        // A changed identifier is a new claim: its verification starts over. The same address sent again keeps it.
        ...(emailChanged ? { email, email_verified_at: null } : {}),
        ...(phoneChanged && !claimPhone ? { phone: phone ?? null, phone_verified_at: null } : {}),
        ...(patch.allowEventGathering !== undefined ? { allow_event_gathering: patch.allowEventGathering ? 1 : 0 } : {}),
      });
      // The same number again keeps its verification; another one is a new claim.
      if (patch.phone !== undefined && claimPhone) await claimPhone(principal.accountId, phone ?? null);
      const account = await this.me(principal);
      // Links rest on the e-mail and phone alone. A claimed number is published by claimPhone's own
      // service (phone.changed), so publishing it here too would relink twice.
      if (emailChanged) await domainEvents?.publish('email.changed', { accountId: account.id });
      if (phoneChanged && !claimPhone) await domainEvents?.publish('phone.changed', { accountIds: [account.id] });
      return account;
    },

    /** Creates a one-time invite code (admins only). @throws 403 `admin_only`. */
    async createInvite(principal: Principal): Promise<string> {
      const account = await this.me(principal);
      if (!account.is_admin) throw errors.forbidden('admin_only', 'Only the server admin can create invites.');
      const code = crypto.randomBytes(9).toString('base64url');
      await repo.insertInvite(sha256(code), account.id, Date.now());
      return code;
    },
  };
}

export type AccountsService = ReturnType<typeof createAccountsService>;
