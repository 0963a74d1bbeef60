import { z } from 'zod';
import { assetSchema } from '../assets/assets.schema.js';

export const policySchema = z
  .enum(['open', 'contacts', 'off'])
  .describe('`open` (anyone), `contacts` (verified senders in my contacts: signed packets or this server’s accounts), `off`');

export const accountParams = z.object({ account: z.string().min(1).max(100) });

export const discoverySchema = z
  .object({
    version: z.literal(1),
    inbox: z.string().describe('Path template of the inbox, `/inbox/{account}`'),
    formats: z.array(z.enum(['xml', 'multipart'])),
    maxPacketBytes: z.number().int(),
    maxPictures: z.number().int(),
    maxPictureBytes: z.number().int(),
  })
  .meta({ id: 'InboxDiscovery' });

export const pictureResultSchema = z
  .object({
    name: z.string(),
    status: z.enum(['accepted', 'refused']),
    assetId: z.string().optional(),
    duplicate: z.boolean().optional(),
    code: z.string().optional().describe('Refusals: `face_not_found`, `invalid_image`, `unsupported_media_type`, …'),
    message: z.string().optional(),
  })
  .meta({ id: 'InboxPictureResult' });

export const packetResultSchema = z
  .object({ account: z.string(), accepted: z.number().int(), refused: z.number().int(), pictures: z.array(pictureResultSchema) })
  .meta({ id: 'InboxPacketResult' });

export const settingsSchema = z.object({ policy: policySchema, albumId: z.string().nullable() }).meta({ id: 'InboxSettings' });

export const blockSchema = z
  .object({ id: z.uuid(), kind: z.enum(['sender', 'host']), value: z.string(), createdAt: z.string() })
  .meta({ id: 'InboxBlock' });

export const createBlockBody = z.object({
  kind: z.enum(['sender', 'host']),
  value: z.string().min(1).max(300).describe('`user@host[:port]` (or album URL) for a sender; host name, host:port or IP for a host'),
});

export const droppedSchema = z
  .object({
    counts: z.record(z.string(), z.number().int()).describe('Dropped pictures by refusal code, all time'),
    entries: z.array(
      z.object({
        at: z.string(),
        code: z.string(),
        senderName: z.string().nullable(),
        senderAddress: z.string().nullable(),
        sourceIp: z.string(),
        pictures: z.number().int(),
        senderVerified: z.boolean().describe('false: "unverified sender" (unsigned, or the signature did not prove the address)'),
      }),
    ),
  })
  .meta({ id: 'InboxDropped' });

export const inboxItemSchema = z
  .object({
    assetId: z.uuid(),
    albumId: z.uuid(),
    pictureName: z.string(),
    sender: z.object({
      name: z.string().nullable(),
      address: z.string().nullable(),
      local: z.boolean(),
      verified: z
        .boolean()
        .describe('true when the address was proven (RFC 9421 signature, or this server); false: "unverified sender", a mere claim'),
    }),
    sourceIp: z.string(),
    receivedAt: z.string(),
    width: z.number().int(),
    height: z.number().int(),
    mime: z.string(),
    bytes: z.number().int(),
    ready: z.boolean(),
    thumbnailUrl: z.string(),
    previewUrl: z.string(),
    originalUrl: z.string(),
    asset: assetSchema.describe('The photo as the library and viewer show it'),
  })
  .meta({ id: 'InboxItem' });

export const itemsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(60),
  before: z.string().max(200).optional().describe('Page back: the `nextBefore` cursor of the previous page'),
});
