import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for Twilio's Programmable Messaging API, allowed only because the real one cannot be
 * reached here. A real HTTP server on 127.0.0.1 that speaks the documented wire format
 * (https://www.twilio.com/docs/messaging/api/message-resource#create-a-message-resource):
 * `POST /2010-04-01/Accounts/{AccountSid}/Messages.json`, HTTP Basic `AccountSid:AuthToken`,
 * `application/x-www-form-urlencoded` `To`/`From`/`Body`; `201` with the Message resource
 * (`sid` "SM…", `status` "queued"); errors as Twilio's JSON `{ code, message, more_info, status }`
 * (20003 authentication, 21211 invalid To, 21602 missing Body, 21603 missing From).
 */
export interface FakeSmsGateway {
  /** Base URL for KITH_SMS_URL. */
  url: string;
  accountSid: string;
  authToken: string;
  from: string;
  /** Every message accepted, in order. */
  messages: Array<{ sid: string; to: string; from: string; body: string }>;
  /** Requests refused, as `status code` (e.g. `401 20003`). */
  refused: string[];
  /** Answer the next N sends with Twilio's 21211 error (the number cannot receive). */
  failNext: number;
  /** The 6-digit code in the newest message sent to `to`. */
  codeFor(to: string): string;
  close(): Promise<void>;
}

const E164 = /^\+[1-9]\d{6,14}$/;

export async function startFakeSmsGateway(): Promise<FakeSmsGateway> {
  const accountSid = `AC${crypto.randomBytes(16).toString('hex')}`;
  const authToken = crypto.randomBytes(16).toString('hex');
  const from = '+15005550006';
  const fake = { messages: [] as FakeSmsGateway['messages'], refused: [] as string[], failNext: 0 };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const answer = (status: number, body: Record<string, unknown>) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      const fail = (status: number, code: number, message: string) => {
        fake.refused.push(`${status} ${code}`);
        answer(status, { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status });
      };
      if (req.method !== 'POST' || req.url !== `/2010-04-01/Accounts/${accountSid}/Messages.json`)
        return fail(404, 20404, 'The requested resource was not found');
      const expected = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
      if (req.headers.authorization !== expected) return fail(401, 20003, 'Authenticate');
      if (!String(req.headers['content-type']).startsWith('application/x-www-form-urlencoded'))
        return fail(400, 21620, 'Invalid content type');
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      const to = form.get('To') ?? '';
      const sender = form.get('From');
      const body = form.get('Body');
      if (!sender) return fail(400, 21603, "A 'From' phone number is required.");
      if (!body) return fail(400, 21602, 'Message body is required.');
      if (!E164.test(to)) return fail(400, 21211, `The 'To' number ${to} is not a valid phone number.`);
      if (fake.failNext > 0) {
        fake.failNext--;
        return fail(400, 21211, `The 'To' number ${to} is not a valid phone number.`);
      }
      const sid = `SM${crypto.randomBytes(16).toString('hex')}`;
      fake.messages.push({ sid, to, from: sender, body });
      const now = new Date().toUTCString();
      answer(201, {
        sid,
        account_sid: accountSid,
        to,
        from: sender,
        body,
        status: 'queued',
        num_segments: '1',
        direction: 'outbound-api',
        date_created: now,
        date_updated: now,
        uri: `/2010-04-01/Accounts/${accountSid}/Messages/${sid}.json`,
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return Object.assign(fake, {
    url,
    accountSid,
    authToken,
    from,
    codeFor(to: string) {
      const m = [...fake.messages].reverse().find((x) => x.to === to);
      const code = m?.body.match(/\b(\d{6})\b/)?.[1];
      if (!code) throw new Error(`no code was sent to ${to}`);
      return code;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

/** The config overrides that point a test app at the fake (loopback allowed through the SSRF guard's allow-list). */
export const smsConfigFor = (fake: FakeSmsGateway) => ({
  fetchAllow: ['127.0.0.1/32'],
  sms: { url: fake.url, accountSid: fake.accountSid, authToken: fake.authToken, from: fake.from },
});
