import { z } from 'zod';

export const routingModeSchema = z
  .enum(['auto', 'suggest', 'off'])
  .describe('`auto`: send at once; `suggest`: ask first ("Send to Bob and Carol?"); `off`: never');

export const routingSettingsSchema = z.object({ mode: routingModeSchema }).meta({ id: 'RoutingSettings' });

export const deliveryStatusSchema = z
  .enum(['suggested', 'queued', 'sending', 'delivered', 'refused', 'failed', 'dismissed'])
  .describe(
    '`suggested`: waiting for the owner; `queued`/`sending`: on its way (retried with backoff); `delivered`: in their inbox; ' +
      "`refused`: the recipient's server said no (final, see `code`); `failed`: retries ran out; `dismissed`: the owner said no",
  );

export const deliverySchema = z
  .object({
    id: z.uuid(),
    assetId: z.uuid(),
    contact: z.object({ id: z.uuid(), name: z.string() }),
    destination: z.enum(['local', 'remote']).describe('`local`: an account on this server; `remote`: another Kith server'),
    address: z.string().describe('`bob` (this server) or `bob@host:port` (another Kith server)'),
    status: deliveryStatusSchema,
    code: z
      .string()
      .nullable()
      .describe(
        'Why it was refused or failed: the recipient inbox code (`face_not_found`, `unknown_account`, `inbox_closed`…) or `unreachable`',
      ),
    message: z.string().nullable(),
    attempts: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
    deliveredAt: z.string().nullable(),
  })
  .meta({ id: 'Delivery' });

export const evidenceSchema = z
  .object({
    kind: z
      .enum(['contact_photo', 'linked_reference_face', 'own_reference_face', 'person'])
      .nullable()
      .describe(
        '`contact_photo`: matched the photo in your contact card; `linked_reference_face`: matched the reference face the contact ' +
          'registered on their account (their claim: only ever a suggestion); `person`: resembles earlier faces of a ' +
          'person linked to the contact; null: recognised before evidence was recorded',
      ),
    label: z.string().describe('"Matched the photo in your contact card", "Matched Bob\'s own reference face"'),
    yours: z.boolean().describe('Evidence you control (your contact photo, or a person you linked or confirmed): what `auto` sends on'),
    distance: z
      .number()
      .nullable()
      .describe('Calibrated face distance to what it matched (smaller is closer; a match is under the threshold)'),
    faceUrl: z.string().nullable().describe('The matched face crop in this photo (160 px WebP)'),
    matchedUrl: z.string().nullable().describe('The image it matched: your contact photo, their reference face, or your earlier face crop'),
  })
  .meta({ id: 'RoutingEvidence' });

export const suggestionSchema = z
  .object({
    assetId: z.uuid(),
    thumbnailUrl: z.string(),
    originalName: z.string(),
    contacts: z.array(z.object({ id: z.uuid(), name: z.string(), address: z.string(), evidence: evidenceSchema })),
    prompt: z.string().describe('"Send to Bob and Carol?"'),
    createdAt: z.string(),
  })
  .meta({ id: 'RoutingSuggestion' });

export const assetIdParams = z.object({ assetId: z.uuid({ error: 'must be a UUID' }) });

export const sendSuggestionBody = z
  .object({
    contactIds: z
      .array(z.uuid())
      .max(100)
      .optional()
      .describe('Send to these suggested contacts only; the others stay suggested. Default: all of them'),
  })
  .default({});
