import crypto from 'node:crypto';
import { hash as argon2Hash, verify as argon2Verify } from '@node-rs/argon2';
import type { Config } from '../config/config.js';
import { errors } from '../common/errors.js';
import type { AccountRow, AccountsRepository } from './accounts.repository.js';
import { createLoginThrottle, type LoginThrottle } from './login-throttle.js';
import type { PasswordsRepository } from './passwords.repository.js';

/** Checks a password against an argon2 PHC string (the library's `verify`; a test may observe it). */
export type VerifyPassword = (hash: string, password: string) => Promise<boolean>;

export interface PasswordsServiceDeps {
  repo: PasswordsRepository;
  accounts: AccountsRepository;
  config: Config;
  /** Defaults to @node-rs/argon2 `verify`. */
  verify?: VerifyPassword;
  throttle?: LoginThrottle;
}

/**
 * Every check of an account password, whichever door it comes through (web log-in, Last.fm
 * `auth.getMobileSession`, password change), and the session ends that go with a password change.
 *
 * - Throttled: one {@link LoginThrottle} per server, per account and per client address.
 * - Same work for unknown usernames: they are verified against a dummy argon2id hash made with the
 *   same parameters as real ones (the library defaults, as sign-up uses), so the answer time does
 *   not tell which usernames exist (OWASP Authentication Cheat Sheet, "Authentication Responses").
 */
export function createPasswordsService({ repo, accounts, config, verify = argon2Verify, throttle }: PasswordsServiceDeps) {
  const limiter = throttle ?? createLoginThrottle(config.loginLimits);
  let dummy: Promise<string> | undefined;
  const dummyHash = () => (dummy ??= argon2Hash(crypto.randomBytes(32).toString('base64url')));
  const check = (hash: string, password: string) => verify(hash, password).catch(() => false);

  return {
    throttle: limiter,

    /**
     * The account whose username and password these are.
     * @param address the client's IP address (Fastify `request.ip`), the throttle's second key.
     * @throws 429 `too_many_login_attempts` (before any check) while the account or address is throttled;
     *   401 `invalid_credentials` for an unknown username or a wrong password (same answer, same work).
     */
    async verify(username: string, password: string, address: string): Promise<AccountRow> {
      limiter.check(username, address);
      const account = await accounts.findByUsername(username.toLowerCase());
      const ok = await check(account?.password_hash ?? (await dummyHash()), password);
      if (!account || !ok) {
        limiter.fail(username, address);
        throw errors.invalidCredentials();
      }
      limiter.succeed(username);
      return account;
    },

    /**
     * Sets a new password after checking the current one (throttled like a log-in), and ends every
     * other session of the account: whoever learnt the old password is logged out. API tokens stay
     * (they are listed with their last use under Settings → API tokens, and revoked one by one).
     * @param keepSessionIdHash SHA-256 of the caller's own session id, which stays; null ends all.
     * @returns how many sessions ended.
     * @throws 401 `invalid_credentials` (current password wrong), 429 `too_many_login_attempts`.
     */
    async change(
      account: { accountId: string; username: string },
      current: string,
      next: string,
      address: string,
      keepSessionIdHash: string | null,
    ): Promise<number> {
      await this.verify(account.username, current, address);
      const hash = await argon2Hash(next);
      // Both or neither: a new password with the old sessions still open would defeat the change.
      return repo.setPasswordEndingSessions(account.accountId, hash, keepSessionIdHash);
    },

    /** "Log out everywhere else": ends every session of the account but `keepSessionIdHash` (all when null). @returns how many ended. */
    endOtherSessions: (accountId: string, keepSessionIdHash: string | null) => repo.deleteSessionsExcept(accountId, keepSessionIdHash),

    /** How many unexpired sessions the account has (the Security section's "signed in on N devices"). */
    countSessions: (accountId: string) => repo.countSessions(accountId, Date.now()),
  };
}

export type PasswordsService = ReturnType<typeof createPasswordsService>;
