import crypto from 'node:crypto';
import type { DomainEventPublisher } from '../common/domain-events.js';
import type { Config } from '../config/config.js';
import { keyedHash } from '../config/server-secret.js';
import type { AccountsRepository } from '../accounts/accounts.repository.js';
import type { Principal } from '../common/principal.js';
import { errors } from '../common/errors.js';
import { phoneHash } from './phone-hash.js';
import { type PhoneIdentityRepository, isUniqueViolation } from './phone-identity.repository.js';
import type { SmsGateway } from './sms-gateway.js';

/** Verification code limits (docs/security.md "Phone numbers and now playing"). */
export const PHONE_CODE = {
  digits: 6,
  ttlMs: 10 * 60_000,
  attempts: 5,
  /** Per account: one code a minute, five an hour. Per number: five an hour, whoever asks. */
  accountGapMs: 60_000,
  perHour: 5,
} as const;
const HOUR_MS = 3_600_000;

export interface PhoneVerificationDeps {
  repo: PhoneIdentityRepository;
  accounts: AccountsRepository;
  config: Config;
  secret: string;
  /** Undefined when no SMS gateway is configured: codes cannot be sent, admins and contacts verify. */
  sms?: SmsGateway;
  /** Publishes `phone.changed` with every account whose number (or its verification) changed (contacts relink). */
  domainEvents?: DomainEventPublisher;
  /** Runs an identity change of `accountIds` and pushes who gains or loses sight of plays (now-playing-identity-fanout.ts). */
  around?: <T>(accountIds: string[], change: () => Promise<T>) => Promise<T>;
}

const iso = (ms: number | null | undefined) => (ms == null ? null : new Date(ms).toISOString());
/** `+49•••••••0002`: enough for the owner to recognise a number, not to read it off a screen. */
export const maskPhone = (e164: string) => `${e164.slice(0, 3)}${'•'.repeat(Math.max(0, e164.length - 7))}${e164.slice(-4)}`;

/**
 * Proves that an account holds its phone number, as Signal or WhatsApp do at registration: a
 * 6-digit code by SMS (through the configured gateway), valid 10 minutes, 5 attempts, sends limited
 * per account and per number. An admin may mark a number verified instead (a server without a
 * gateway). Verifying evicts every other account's claim of the number, and tells them.
 */
export function createPhoneVerificationService({
  repo,
  accounts,
  secret,
  sms,
  domainEvents,
  around = (_ids, change) => change(),
}: PhoneVerificationDeps) {
  const codeHash = (accountId: string, phone: string, code: string) => keyedHash(secret, 'phone-code', `${accountId}\n${phone}\n${code}`);

  async function account(accountId: string) {
    const a = await accounts.findById(accountId);
    if (!a) throw errors.notFound('account');
    return a;
  }

  async function markVerified(accountId: string, phone: string): Promise<void> {
    const hash = phoneHash(secret, phone);
    const claimants = await repo.claimantsOf(phone, hash, accountId);
    const evicted = await around([accountId, ...claimants], () => repo.markVerified(accountId, phone, hash, Date.now())).catch(
      (e: unknown) => {
        // Two accounts proving one number at the same moment: the partial unique index lets one win.
        if (isUniqueViolation(e))
          throw errors.conflict('phone_verified_elsewhere', 'Another account verified this number at the same moment; try again.');
        throw e;
      },
    );
    if (evicted == null) throw errors.conflict('phone_changed', 'The number changed since; send a code to the new number.');
    await domainEvents?.publish('phone.changed', { accountIds: [accountId, ...evicted] });
  }

  /** @throws 429 `too_many_codes` with `details.retry_after_seconds` when a send limit is reached. */
  async function checkSendLimits(accountId: string, phone: string, now: number) {
    const limited = (retryAt: number, what: string) =>
      errors.tooManyRequests('too_many_codes', `${what} Try again in ${Math.ceil((retryAt - now) / 60_000)} min.`, {
        retry_after_seconds: Math.ceil((retryAt - now) / 1000),
      });
    const mine = await repo.countSends(`account:${accountId}`, now - HOUR_MS);
    const last = await repo.countSends(`account:${accountId}`, now - PHONE_CODE.accountGapMs);
    if (last.count > 0) throw limited(last.oldest! + PHONE_CODE.accountGapMs, 'A code was sent less than a minute ago.');
    if (mine.count >= PHONE_CODE.perHour) throw limited(mine.oldest! + HOUR_MS, `You asked for ${mine.count} codes this hour.`);
    const number = await repo.countSends(`phone:${phoneHash(secret, phone)}`, now - HOUR_MS);
    if (number.count >= PHONE_CODE.perHour) throw limited(number.oldest! + HOUR_MS, 'This number received too many codes this hour.');
  }

  return {
    /** Whether codes can be sent (KITH_SMS_* configured). */
    gateway: sms != null,

    /**
     * The caller's number and its state, for Settings: `{ phone, verified, verified_at, sms_gateway,
     * pending_code: { sent_to, expires_at, attempts_left } | null, notice: { phone, removed_at } | null }`.
     */
    async status(accountId: string) {
      const [a, code, notice] = await Promise.all([account(accountId), repo.findCode(accountId), repo.findNotice(accountId)]);
      const now = Date.now();
      const pending = code && code.phone === a.phone && code.expires_at > now && code.attempts_left > 0 ? code : null;
      return {
        phone: a.phone,
        verified: a.phone != null && a.phone_verified_at != null,
        verified_at: iso(a.phone ? a.phone_verified_at : null),
        sms_gateway: sms != null,
        pending_code: pending
          ? { sent_to: maskPhone(pending.phone), expires_at: iso(pending.expires_at)!, attempts_left: pending.attempts_left }
          : null,
        notice: notice ? { phone: notice.phone, removed_at: iso(notice.created_at)! } : null,
      };
    },

    /**
     * Sends a fresh 6-digit code to the caller's number (a new code voids the previous one).
     * @returns `{ sent_to, expires_at }` (masked number, ISO time).
     * @throws 409 `no_phone`, 409 `already_verified`, 503 `sms_unavailable` (no gateway configured),
     *         429 `too_many_codes`, 502 `sms_failed` (the gateway refused; nothing is kept).
     */
    async sendCode(accountId: string) {
      const a = await account(accountId);
      if (!a.phone) throw errors.conflict('no_phone', 'Add your phone number first (Settings → Profile, or Friends → your number).');
      if (a.phone_verified_at != null) throw errors.conflict('already_verified', 'This number is already verified.');
      if (!sms)
        throw errors.unavailable(
          'sms_unavailable',
          'This server cannot send text messages (no SMS gateway is configured). Ask a friend who has your number to confirm you, or ask the admin to mark your number verified.',
        );
      const now = Date.now();
      await checkSendLimits(accountId, a.phone, now);
      const code = crypto
        .randomInt(0, 10 ** PHONE_CODE.digits)
        .toString()
        .padStart(PHONE_CODE.digits, '0');
      const expiresAt = now + PHONE_CODE.ttlMs;
      // Counted before sending: a send that fails still spends the limit (it may have reached the phone).
      await repo.recordSend([`account:${accountId}`, `phone:${phoneHash(secret, a.phone)}`], now, now - HOUR_MS);
      await repo.saveCode({
        account_id: accountId,
        phone: a.phone,
        code_hash: codeHash(accountId, a.phone, code),
        expires_at: expiresAt,
        attempts_left: PHONE_CODE.attempts,
        created_at: now,
      });
      try {
        await sms.send(a.phone, `${code} is your Kith code. It proves this number is yours; it expires in 10 minutes. Never share it.`);
      } catch (e) {
        await repo.deleteCode(accountId);
        throw e;
      }
      return { sent_to: maskPhone(a.phone), expires_at: iso(expiresAt)! };
    },

    /**
     * Checks a code; the right one verifies the caller's number (and evicts other claims of it).
     * @throws 400 `no_code` (none pending, or it was for a number the account no longer has),
     *         400 `code_expired`, 400 `invalid_code` with `details.attempts_left`,
     *         429 `too_many_attempts` (the code is void; send a new one), 409 `phone_verified_elsewhere`
     *         (another account verified the number at the same moment).
     */
    async verifyCode(accountId: string, code: string) {
      const a = await account(accountId);
      const row = await repo.findCode(accountId);
      if (!row || !a.phone || row.phone !== a.phone)
        throw errors.badRequest('no_code', 'No code is pending for your number; press "Send code" first.');
      if (row.expires_at <= Date.now()) {
        await repo.deleteCode(accountId);
        throw errors.badRequest('code_expired', 'That code expired (codes last 10 minutes); send a new one.');
      }
      if (row.attempts_left <= 0) {
        await repo.deleteCode(accountId);
        throw errors.tooManyRequests('too_many_attempts', 'Too many wrong codes; this code is void. Send a new one.');
      }
      const given = Buffer.from(codeHash(accountId, row.phone, code.trim()));
      if (!crypto.timingSafeEqual(given, Buffer.from(row.code_hash))) {
        const left = await repo.spendAttempt(accountId);
        if (left <= 0) {
          await repo.deleteCode(accountId);
          throw errors.tooManyRequests('too_many_attempts', 'Too many wrong codes; this code is void. Send a new one.');
        }
        throw errors.badRequest('invalid_code', `That code is not right; ${left} attempt${left === 1 ? '' : 's'} left.`, {
          attempts_left: left,
        });
      }
      await markVerified(accountId, row.phone);
      return this.status(accountId);
    },

    /**
     * An admin marks an account's current number verified (a server without an SMS gateway, or a
     * number the admin checked in person), as an admin may for e-mail.
     * @returns `{ account_id, phone, verified_at }`.
     * @throws 403 `admin_only`, 404 `not_found`, 409 `no_phone`.
     */
    async adminMarkVerified(principal: Principal, username: string) {
      const admin = await account(principal.accountId);
      if (!admin.is_admin) throw errors.forbidden('admin_only', 'Only the server admin can mark numbers verified.');
      const target = await accounts.findByUsername(username);
      if (!target) throw errors.notFound('account');
      const accountId = target.id;
      if (!target.phone) throw errors.conflict('no_phone', 'That account has no phone number to verify.');
      await markVerified(accountId, target.phone);
      const after = await account(accountId);
      return { account_id: accountId, phone: after.phone!, verified_at: iso(after.phone_verified_at)! };
    },

    /** Forgets the "your number was removed" notice. */
    dismissNotice: (accountId: string) => repo.deleteNotice(accountId),

    /**
     * Sets the caller's claimed number (E.164 or null), for `account.phone` and the now-playing
     * profile alike; a different number starts unverified. Callers normalise first.
     */
    async claim(accountId: string, phone: string | null): Promise<void> {
      const changed = await around([accountId], () => repo.claim(accountId, phone, phone ? phoneHash(secret, phone) : null));
      if (changed) await domainEvents?.publish('phone.changed', { accountIds: [accountId] });
    },
  };
}

export type PhoneVerificationService = ReturnType<typeof createPhoneVerificationService>;
