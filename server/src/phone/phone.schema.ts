import { z } from 'zod';
import { personSchema } from '../assets/assets.schema.js';

export const phoneStatusSchema = z
  .object({
    phone: z.string().nullable().describe('My number in E.164, or null'),
    verified: z.boolean().describe('Kith knows this number is mine (SMS code, or an admin); only then does it link me to friends'),
    verified_at: z.string().nullable(),
    sms_gateway: z
      .boolean()
      .describe('Whether this server can send codes by SMS (KITH_SMS_*); if not, contacts confirm or an admin verifies'),
    pending_code: z
      .object({ sent_to: z.string().describe('Masked number'), expires_at: z.string(), attempts_left: z.number().int() })
      .nullable(),
    notice: z
      .object({ phone: z.string(), removed_at: z.string() })
      .nullable()
      .describe('My claim of `phone` was removed because another account verified that number'),
  })
  .meta({ id: 'PhoneStatus' });

export const verifyCodeBody = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'must be the 6 digits of the text message'),
});

export const codeSentSchema = z.object({ sent_to: z.string(), expires_at: z.string() });

export const adminVerifiedSchema = z.object({ account_id: z.string(), phone: z.string(), verified_at: z.string() });

export const confirmationSchema = z
  .object({
    account: personSchema,
    phone_hint: z.string().nullable().describe('The number that account claims, masked'),
    verified: z.boolean().describe('That account verified its number (no confirmation needed)'),
    confirmed_at: z.string().nullable().describe('When I confirmed it as my contact with that number; null: not confirmed'),
  })
  .meta({ id: 'NowPlayingConfirmation' });

export const confirmBody = z.object({
  account_id: z.uuid({ error: 'must be a UUID' }),
  phone: z.string().trim().min(3).max(40).describe('The number as written in my address book'),
  region: z
    .string()
    .regex(/^[A-Z]{2}$/, 'must be an ISO 3166 alpha-2 region')
    .optional(),
});
