import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A real SMTP server (RFC 5321, npm `smtp-server`) on loopback that keeps every message it receives, parsed. */
export interface SmtpSink {
  /** `smtp://127.0.0.1:<port>`, for KITH_SMTP_URL. */
  url: string;
  messages: ParsedMail[];
  /** Resolves with the next message not yet taken (waits for it to arrive). */
  next(): Promise<ParsedMail>;
  close(): Promise<void>;
}

/**
 * Starts the sink. It accepts any sender and recipient (but those `rejectRecipients` matches: 550) without authentication and does not offer STARTTLS
 * (loopback only), so nodemailer talks plain SMTP to it, as it would to a local relay.
 */
export async function startSmtpSink(opts: { rejectRecipients?: RegExp } = {}): Promise<SmtpSink> {
  const messages: ParsedMail[] = [];
  const waiting: Array<(m: ParsedMail) => void> = [];
  let taken = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (opts.rejectRecipients?.test(address.address))
        return callback(Object.assign(new Error('mailbox unavailable'), { responseCode: 550 }));
      callback();
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          messages.push(mail);
          const w = waiting.shift();
          if (w) {
            taken++;
            w(mail);
          }
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    next: () => {
      const message = messages[taken];
      if (!message) return new Promise((resolve) => waiting.push(resolve));
      taken++;
      return Promise.resolve(message);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
