import { z } from 'zod';

/** The quick reactions a round accepts (quick emoji reactions on a result). */
export const REACTIONS = ['👍', '❤️', '😂', '😮', '🎉'] as const;

export const exchangeModeSchema = z.enum(['exchange', 'synthesis']);
export const exchangePolicySchema = z.enum(['anyone', 'contacts', 'nobody']).meta({ id: 'ExchangePolicy' });
const side = z.enum(['requester', 'responder']);

export const exchangeRoundSchema = z
  .object({
    n: z.number().int().describe('Round number, 1, 2, …'),
    phase: z.enum(['waiting', 'composing', 'done', 'failed']),
    requesterCaptured: z.boolean(),
    responderCaptured: z.boolean(),
    resultMode: z.enum(['exchange', 'synthesis', 'diptych']).describe('`diptych`: synthesis found no person, the two side by side'),
    note: z.string().nullable(),
    images: z
      .object({ requester: z.string().optional(), responder: z.string().optional(), result: z.string().optional() })
      .describe('Download paths (JPEG, no metadata), present only once the viewer may see them: the partner’s once both are in'),
    reactions: z.array(z.object({ by: side, emoji: z.string() })),
  })
  .meta({ id: 'ExchangeRound' });

const exchangeShape = {
  id: z.uuid(),
  mode: exchangeModeSchema,
  status: z.enum(['pending', 'active', 'declined', 'expired', 'blocked', 'ended']),
  role: side.describe('The viewer’s side'),
  partner: z.object({
    kind: z.enum(['account', 'guest']),
    username: z.string().nullable(),
    displayName: z.string(),
  }),
  expiresAt: z.string().describe('ISO 8601: the request expires then unless accepted'),
  createdAt: z.string(),
  rounds: z.array(exchangeRoundSchema),
};
export const exchangeSchema = z.object(exchangeShape).meta({ id: 'Exchange' });

export const guestExchangeSchema = z
  .object({
    ...exchangeShape,
    requester: z.object({ username: z.string(), displayName: z.string() }),
    displayName: z.string().nullable().describe('The guest’s own name, null before joining'),
    joined: z.boolean(),
    downloadsUntil: z.string().nullable().describe('ISO 8601: the guest link and its downloads work until then'),
  })
  .meta({ id: 'GuestExchange' });

export const exchangeInviteSchema = z
  .object({
    url: z.string().describe('`<public url>/x/<token>`: one-time, the first guest to join binds it'),
    expiresAt: z.string(),
    qrSvg: z.string().describe('SVG document of the link’s QR code'),
  })
  .meta({ id: 'ExchangeInvite' });

export const createExchangeBody = z
  .object({
    mode: exchangeModeSchema.default('exchange'),
    to: z.string().trim().min(1).max(200).optional().describe('A username, or `user@host` of this server'),
    contactId: z.uuid().optional().describe('One of my contacts linked to a Kith account'),
    invite: z.boolean().optional().describe('true: make a one-time invite link for a stranger'),
  })
  .refine((b) => [b.to !== undefined, b.contactId !== undefined, b.invite === true].filter(Boolean).length === 1, {
    message: 'give exactly one of `to`, `contactId` or `invite: true`',
  });

export const exchangeIdParams = z.object({ id: z.uuid({ error: 'must be a UUID' }) });
export const roundParams = exchangeIdParams.extend({ n: z.coerce.number().int().min(1) });
export const imageParams = roundParams.extend({ which: z.enum(['requester', 'responder', 'result']) });
// Any string: a malformed token is answered like an unknown one (404), telling nothing.
const token = z.string().min(1).max(100);
export const tokenParams = z.object({ token });
export const guestRoundParams = tokenParams.extend({ n: z.coerce.number().int().min(1) });
export const guestImageParams = guestRoundParams.extend({ which: z.enum(['requester', 'responder', 'result']) });

export const reactionBody = z.object({ emoji: z.enum(REACTIONS) });
export const reportBody = z.object({ reason: z.string().trim().min(1).max(1000) });
export const joinBody = z.object({ displayName: z.string().trim().min(1).max(60) });
export const settingsSchema = z.object({ policy: exchangePolicySchema });

export const exchangeReportSchema = z
  .object({
    id: z.uuid(),
    exchangeId: z.uuid(),
    reporter: z.string().nullable().describe('Username; null: the guest'),
    reported: z.string().nullable().describe('Username; null: the guest'),
    reason: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'ExchangeReport' });

export const saveResultSchema = z
  .object({
    assetId: z.uuid().describe('The library photo that holds the image'),
    outcome: z
      .enum(['saved', 'already_saved', 'original'])
      .describe('saved: a new library photo; already_saved: saved before; original: the photo as sent was already in the library'),
  })
  .meta({ id: 'ExchangeSaveResult' });
