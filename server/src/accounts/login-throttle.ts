import { LRUCache } from 'lru-cache';
import type { Config } from '../config/config.js';
import { AppError } from '../common/errors.js';

/** 429 `too_many_login_attempts`, with `details.retryAfterSeconds` (sent as `Retry-After`, RFC 9110 §10.2.3). */
export class LoginThrottledError extends AppError {
  constructor(public readonly retryAfterSeconds: number) {
    super(
      429,
      'too_many_login_attempts',
      `Too many wrong passwords for this account or from this address; try again in ${retryAfterSeconds} s, or reset the password.`,
      { retryAfterSeconds },
    );
  }
}

interface Window {
  failures: number;
  /** When this window ends (ms since the epoch). */
  resetAt: number;
}

/**
 * Failed-password counters shared by every method that takes a password (web log-in, Last.fm
 * `auth.getMobileSession`, the Audioscrobbler 1.2 handshake, password change), so a guess made on
 * one counts on all of them (OWASP Authentication Cheat Sheet, "Protect against automated attacks").
 *
 * Two counters a guess adds to: its account (by the username typed, known or not, so a 429 does not
 * tell which usernames exist) and its client address. Past `failuresPerAccount` or
 * `failuresPerAddress` failures inside `windowMs`, every attempt there is refused before any password
 * is checked, right ones included, until the window ends. A success clears the account's counter,
 * never the address's (one real account must not launder guesses at others). Counters live in this
 * process's memory like the other public rate limits (docs/architecture.md "Still per instance").
 */
export function createLoginThrottle(limits: Config['loginLimits'], now: () => number = Date.now) {
  const windows = new LRUCache<string, Window>({ max: 100_000, ttl: limits.windowMs });
  const accountKey = (username: string) => `account|${username.toLowerCase()}`;
  const addressKey = (address: string) => `address|${address}`;

  const retryAfter = (key: string, max: number): number | undefined => {
    const w = windows.get(key);
    return w && w.failures >= max && w.resetAt > now() ? Math.max(1, Math.ceil((w.resetAt - now()) / 1000)) : undefined;
  };
  const bump = (key: string) => {
    const w = windows.get(key);
    if (w && w.resetAt > now()) w.failures++;
    else windows.set(key, { failures: 1, resetAt: now() + limits.windowMs });
  };

  return {
    /** Before checking a password. @throws {@link LoginThrottledError} (429 `too_many_login_attempts`) while either counter is full. */
    check(username: string, address: string): void {
      const wait =
        retryAfter(accountKey(username), limits.failuresPerAccount) ?? retryAfter(addressKey(address), limits.failuresPerAddress);
      if (wait !== undefined) throw new LoginThrottledError(wait);
    },
    /** After a wrong password (or unknown username): one more failure on both counters. */
    fail(username: string, address: string): void {
      bump(accountKey(username));
      bump(addressKey(address));
    },
    /** After a right password: the account's counter starts over. */
    succeed(username: string): void {
      windows.delete(accountKey(username));
    },
  };
}

export type LoginThrottle = ReturnType<typeof createLoginThrottle>;
