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
 * Pooled, so a burst of sends shares a connection; 10 s to connect and greet, 30 s of socket silence at most
 * (the URL's own query options win). Returns undefined without `KITH_SMTP_URL`.
 */
export function createMailer(config: Pick<Config, 'smtpUrl' | 'smtpFrom'>): Mailer | undefined {
  if (!config.smtpUrl) return undefined;
  const url = new URL(config.smtpUrl);
  url.searchParams.set('pool', 'true');
  // nodemailer waits 2 min for a connection by default; a request must not hang that long on a dead relay.
  for (const [k, v] of [
    ['connectionTimeout', '10000'],
    ['greetingTimeout', '10000'],
    ['socketTimeout', '30000'],
  ])
    if (!url.searchParams.has(k)) url.searchParams.set(k, v);
  const transport = nodemailer.createTransport(url.toString());
  return {
    async send(message) {
      await transport.sendMail({ from: config.smtpFrom, ...message });
    },
    close: () => transport.close(),
  };
}
