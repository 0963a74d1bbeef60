import type { SmsSettings } from '../config/sms-config.js';
import { AppError, errors } from '../common/errors.js';
import type { GuardedResponse } from '../net/guarded-fetch.js';

/** Sends one text message; resolves with the gateway's message id. */
export interface SmsGateway {
  send(to: string, body: string): Promise<{ sid: string; status: string }>;
}

/** The SSRF-guarded POST the gateway goes through (container: `guardedFetch` with the server's address policy). */
export type SmsPost = (url: string, init: { method: 'POST'; headers: Record<string, string>; body: string }) => Promise<GuardedResponse>;

const smsFailed = (message: string, details: Record<string, unknown> = {}) =>
  errors.badGateway(
    'sms_failed',
    `The SMS gateway did not send the code: ${message}. Try again later, or ask a contact to confirm you.`,
    details,
  );

/**
 * A client of Twilio's Programmable Messaging API ("Create a Message resource"):
 * `POST {url}/2010-04-01/Accounts/{AccountSid}/Messages.json`, HTTP Basic auth `AccountSid:AuthToken`,
 * an `application/x-www-form-urlencoded` body with `To`, `From` and `Body`. Success is `201` with the
 * Message resource as JSON (`sid`, `status` such as `queued`); an error is a 4xx/5xx JSON body
 * `{ code, message, more_info, status }` (https://www.twilio.com/docs/usage/twilios-response#response-formats-exceptions).
 *
 * @throws 502 `sms_failed` with `details.gateway_status` and `details.gateway_code` when the gateway
 *         refuses, or `details.reason` when it cannot be reached (`blocked_address`: KITH_SMS_URL leads
 *         to a private address that KITH_FETCH_ALLOW does not allow; the SSRF guard, docs/security.md).
 */
export function createTwilioGateway(settings: SmsSettings, post: SmsPost): SmsGateway {
  const endpoint = `${settings.url}/2010-04-01/Accounts/${encodeURIComponent(settings.accountSid)}/Messages.json`;
  const authorization = `Basic ${Buffer.from(`${settings.accountSid}:${settings.authToken}`).toString('base64')}`;
  return {
    async send(to, body) {
      let res: GuardedResponse;
      try {
        res = await post(endpoint, {
          method: 'POST',
          headers: { authorization, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
          body: new URLSearchParams({ To: to, From: settings.from, Body: body }).toString(),
        });
      } catch (e) {
        // The guard's refusal names an image fetch; the admin needs to know which setting to change.
        if (e instanceof AppError && e.code === 'blocked_address')
          throw smsFailed(
            `KITH_SMS_URL leads to ${String(e.details?.address)}, a ${String(e.details?.range)} address that outbound requests may not reach (KITH_FETCH_ALLOW)`,
            {
              reason: 'blocked_address',
            },
          );
        throw smsFailed((e as Error).message, { reason: e instanceof AppError ? e.code : 'unreachable' });
      }
      let json: { sid?: unknown; status?: unknown; code?: unknown; message?: unknown } = {};
      try {
        json = JSON.parse(res.body.toString('utf8'));
      } catch {
        // A non-JSON answer (a proxy's error page) is reported by its status below.
      }
      if (res.status !== 201 || typeof json.sid !== 'string')
        throw smsFailed(typeof json.message === 'string' ? json.message.slice(0, 300) : `HTTP ${res.status}`, {
          gateway_status: res.status,
          ...(typeof json.code === 'number' ? { gateway_code: json.code } : {}),
        });
      return { sid: json.sid, status: typeof json.status === 'string' ? json.status : 'queued' };
    },
  };
}
