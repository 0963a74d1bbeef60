import { z } from 'zod';
import { assetSchema, personSchema } from '../assets/assets.schema.js';

export const albumSummarySchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    kind: z.enum(['user', 'event', 'inbox']),
    owner: personSchema,
    role: z.enum(['owner', 'viewer']).describe("The caller's role"),
    assetCount: z.number().int(),
    coverAssetId: z.string().nullable(),
    eventMarker: z.string().nullable(),
    startAt: z.string().nullable().describe('ISO capture time of the earliest photo in the album'),
    endAt: z.string().nullable().describe('ISO capture time of the latest photo in the album'),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'AlbumSummary' });

export const albumDetailSchema = albumSummarySchema
  .extend({
    assets: z.array(assetSchema.extend({ contributor: personSchema.describe('Who put the photo in the album') })),
    members: z.array(personSchema.extend({ role: z.enum(['owner', 'viewer']) })),
  })
  .meta({ id: 'AlbumDetail' });

export const createAlbumBody = z.object({ name: z.string().trim().min(1).max(200), assetIds: z.array(z.uuid()).max(10_000).optional() });
export const renameAlbumBody = z.object({ name: z.string().trim().min(1).max(200) });
export const assetIdsBody = z.object({ assetIds: z.array(z.uuid()).min(1).max(10_000) });
