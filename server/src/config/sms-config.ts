import { z } from 'zod';
import { httpUrl } from './env-fields.js';

/**
 * The SMS gateway that sends phone verification codes (docs/security.md "Phone numbers and now
 * playing"). Kith speaks Twilio's Programmable Messaging API wire format
 * (https://www.twilio.com/docs/messaging/api/message-resource#create-a-message-resource), which
 * several providers and self-hosted relays also accept. Without a gateway, numbers are verified by
 * an admin or confirmed by contacts who hold them.
 */
export interface SmsConfig {
  /** Undefined when no gateway is configured (KITH_SMS_ACCOUNT_SID, _AUTH_TOKEN and _FROM unset). */
  sms?: SmsSettings;
}

export interface SmsSettings {
  /** Base URL of the API, without a trailing slash (Twilio: `https://api.twilio.com`). */
  url: string;
  accountSid: string;
  authToken: string;
  /** The sender: an E.164 number or an alphanumeric sender id the account owns. */
  from: string;
}

/** The `KITH_SMS_*` variables of {@link SmsConfig}; merged into the main env schema (`env.schema.ts`). */
export const smsEnvShape = {
  KITH_SMS_URL: httpUrl()
    .default('https://api.twilio.com')
    .describe(
      "Base URL of the SMS gateway for phone verification codes (Twilio's Programmable Messaging API wire format); fetched through the SSRF guard.",
    ),
  KITH_SMS_ACCOUNT_SID: z
    .string()
    .regex(/^[A-Za-z0-9]{8,64}$/, 'must be 8–64 letters or digits')
    .optional()
    .meta({
      shownDefault: '(none: no SMS)',
      description:
        'Gateway account (HTTP Basic user). Set all of `KITH_SMS_ACCOUNT_SID`, `_AUTH_TOKEN`, `_FROM` or none; without them, contacts confirm numbers or an admin marks them verified.',
    }),
  KITH_SMS_AUTH_TOKEN: z
    .string()
    .min(8)
    .max(200)
    .optional()
    .meta({ shownDefault: '(none: no SMS)', description: 'Gateway auth token (HTTP Basic password).' }),
  KITH_SMS_FROM: z
    .string()
    .min(3)
    .max(40)
    .optional()
    .meta({ shownDefault: '(none: no SMS)', description: 'Sender: an E.164 number or an alphanumeric sender id the account owns.' }),
};

type SmsEnv = z.output<z.ZodObject<typeof smsEnvShape>>;

const PARTS = ['KITH_SMS_ACCOUNT_SID', 'KITH_SMS_AUTH_TOKEN', 'KITH_SMS_FROM'] as const;

/** A gateway needs all three of account SID, auth token and sender; half a configuration is an error, not "off". */
export function smsConfigProblems(e: SmsEnv): string[] {
  const set = PARTS.filter((k) => e[k]);
  if (set.length === 0 || set.length === PARTS.length) return [];
  return [`KITH_SMS_*: set all of ${PARTS.join(', ')} or none (missing ${PARTS.filter((k) => !e[k]).join(', ')})`];
}

export function toSmsConfig(e: SmsEnv): SmsConfig {
  if (!e.KITH_SMS_ACCOUNT_SID || !e.KITH_SMS_AUTH_TOKEN || !e.KITH_SMS_FROM) return {};
  return {
    sms: {
      url: e.KITH_SMS_URL.replace(/\/$/, ''),
      accountSid: e.KITH_SMS_ACCOUNT_SID,
      authToken: e.KITH_SMS_AUTH_TOKEN,
      from: e.KITH_SMS_FROM,
    },
  };
}
