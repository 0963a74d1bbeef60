import crypto from 'node:crypto';
import type { DomainEventPublisher } from '../common/domain-events.js';
import type { Config } from '../config/config.js';
import { errors } from '../common/errors.js';
import type { Mailer } from '../mail/mailer.js';
import type { AccountRow, AccountsRepository } from './accounts.repository.js';
import type { Principal } from '../common/principal.js';
import type { EmailVerificationRepository } from './email-verification.repository.js';

/** A verification link is good for this long after it was sent, ms. */
export const EMAIL_LINK_TTL_MS = 24 * 3600_000;
/** Links one account may be sent per hour (each one is an e-mail to an address the user typed). */
export const EMAIL_SENDS_PER_HOUR = 3;

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');

export interface EmailVerificationDeps {
  repo: EmailVerificationRepository;
  accounts: AccountsRepository;
  config: Config;
  mailer?: Mailer;
  /** Publishes `email.verified` once an account's e-mail became verified, so contacts that hold it link (contact-links.ts). */
  domainEvents?: DomainEventPublisher;
}

/** What the Settings screen shows about the caller's e-mail. */
export interface EmailVerificationStatus {
  email: string | null;
  verified: boolean;
  /** Whether this server can send the link (`KITH_SMTP_URL` set). */
  canSend: boolean;
}

/**
 * E-mail verification (docs/security.md, "E-mail addresses and contact links"). An e-mail on an account is a
 * claim until its holder follows a one-time link sent to it over SMTP: a 256-bit random token of which only the
 * SHA-256 is stored (like sessions and API tokens), valid for 24 h, and verifying only the address it was sent
 * to. Without SMTP an admin vouches for an address instead.
 */
export function createEmailVerificationService({ repo, accounts, config, mailer, domainEvents }: EmailVerificationDeps) {
  async function verified(accountId: string): Promise<AccountRow> {
    const account = (await accounts.findById(accountId))!;
    await domainEvents?.publish('email.verified', { accountId });
    return account;
  }

  return {
    async status(principal: Principal): Promise<EmailVerificationStatus> {
      const a = await accounts.findById(principal.accountId);
      if (!a) throw errors.unauthorized();
      return { email: a.email, verified: a.email !== null && a.email_verified_at !== null, canSend: !!mailer };
    },

    /**
     * E-mails the caller a verification link to `<publicUrl>/verify-email?token=…`.
     * @returns the address and when the link expires (ms).
     * @throws 400 `no_email`, 409 `email_already_verified`, 409 `smtp_not_configured` (no KITH_SMTP_URL),
     *   429 `rate_limited` (more than 3 links an hour), 502 `email_send_failed` (the SMTP server refused it).
     */
    async send(principal: Principal): Promise<{ email: string; expiresAt: number }> {
      const account = await accounts.findById(principal.accountId);
      if (!account) throw errors.unauthorized();
      if (!account.email) throw errors.badRequest('no_email', 'Add an e-mail address to your profile first.');
      if (account.email_verified_at !== null) throw errors.conflict('email_already_verified', `${account.email} is already verified.`);
      if (!mailer)
        throw errors.conflict(
          'smtp_not_configured',
          'This server cannot send e-mail (no KITH_SMTP_URL); ask its admin to mark your address verified.',
        );
      const now = Date.now();
      await repo.deleteExpired(now);
      if ((await repo.countSince(account.id, now - 3600_000)) >= EMAIL_SENDS_PER_HOUR)
        throw errors.tooManyRequests(
          'rate_limited',
          `At most ${EMAIL_SENDS_PER_HOUR} verification e-mails an hour; check your inbox and spam folder, or try later.`,
        );
      const token = crypto.randomBytes(32).toString('base64url');
      const expiresAt = now + EMAIL_LINK_TTL_MS;
      await repo.insert({
        token_hash: sha256(token),
        account_id: account.id,
        email: account.email,
        created_at: now,
        expires_at: expiresAt,
      });
      const link = `${config.publicUrl}/verify-email?token=${token}`;
      try {
        await mailer.send({
          to: account.email,
          subject: 'Verify your e-mail address on Kith',
          text:
            `Hello ${account.display_name},\n\n` +
            `Someone (we hope you) added this address to the Kith account "${account.username}" at ${config.publicUrl}.\n` +
            `Open this link to prove it is yours:\n\n${link}\n\n` +
            'Until then Kith links nobody’s address book to you by this address. The link works once, for 24 hours.\n' +
            'If this was not you, ignore this message: nothing changes.\n',
        });
      } catch (e) {
        await repo.deleteOne(sha256(token)); // not sent: it must not count, nor linger as a usable token
        // The SMTP reply code (RFC 5321 §4.2) helps the admin; the relay's own text may name internal hosts.
        const code = (e as { responseCode?: number }).responseCode;
        throw errors.badGateway(
          'email_send_failed',
          `The mail server did not accept the message${code ? ` (SMTP ${code})` : ''}; check the address, or try again later.`,
        );
      }
      return { email: account.email, expiresAt };
    },

    /**
     * Follows a link: verifies the account's e-mail if it still is the address the link was sent to.
     * Works logged in or not (the token is the proof). Spends every link of the account.
     * @throws 400 `invalid_token` (unknown or already used), 410 `token_expired`, 409 `email_changed`.
     */
    async confirm(token: string): Promise<AccountRow> {
      const row = await repo.find(sha256(token));
      if (!row)
        throw errors.badRequest('invalid_token', 'This link is unknown or was already used; ask for a new one in Settings → Profile.');
      const now = Date.now();
      if (row.expires_at < now) {
        await repo.deleteOne(row.token_hash);
        throw errors.gone('token_expired', 'This link has expired (links work for 24 hours); ask for a new one in Settings → Profile.');
      }
      if (!(await repo.markVerified(row.account_id, row.email, now))) {
        await repo.deleteOne(row.token_hash);
        throw errors.conflict('email_changed', `The account no longer uses ${row.email}, so this link verifies nothing.`);
      }
      await repo.deleteForAccount(row.account_id);
      return verified(row.account_id);
    },

    /**
     * An admin vouches for an account's current e-mail (servers without SMTP).
     * @throws 403 `admin_only`, 404 `not_found` (no such account), 400 `no_email`.
     */
    async markVerifiedByAdmin(principal: Principal, username: string): Promise<AccountRow> {
      const admin = await accounts.findById(principal.accountId);
      if (!admin?.is_admin) throw errors.forbidden('admin_only', 'Only the server admin can mark an e-mail address verified.');
      const account = await accounts.findByUsername(username.toLowerCase());
      if (!account) throw errors.notFound('account');
      if (!account.email) throw errors.badRequest('no_email', `${account.username} has no e-mail address to verify.`);
      if (account.email_verified_at === null) await repo.markVerified(account.id, account.email, Date.now());
      return verified(account.id);
    },
  };
}

export type EmailVerificationService = ReturnType<typeof createEmailVerificationService>;
