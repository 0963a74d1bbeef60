import nodemailer from 'nodemailer';
import type { Config } from '../config/config.js';

/** One plain-text message (RFC 5322) to one recipient. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/** Sends e-mail; undefined where no transport is configured. */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
  close(): void;
}

/**
 * The SMTP transport (RFC 5321) from `KITH_SMTP_URL`, through nodemailer (https://nodemailer.com/smtp/):
 * `smtp://` upgrades with STARTTLS (RFC 3207) when the server offers it, `smtps://` is implicit TLS (RFC 8314).
 * Pooled, so a burst of sends shares a connection. Returns undefined without `KITH_SMTP_URL`.
 */
export function createMailer(config: Pick<Config, 'smtpUrl' | 'smtpFrom'>): Mailer | undefined {
  if (!config.smtpUrl) return undefined;
  const url = new URL(config.smtpUrl);
  url.searchParams.set('pool', 'true');
  const transport = nodemailer.createTransport(url.toString());
  return {
    async send(message) {
      await transport.sendMail({ from: config.smtpFrom, ...message });
    },
    close: () => transport.close(),
  };
}
