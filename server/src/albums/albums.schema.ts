import { z } from 'zod';
import { assetSchema, personSchema } from '../assets/assets.schema.js';

export const albumSummarySchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    kind: z.enum(['user', 'event', 'inbox']),
    owner: personSchema,
    role: z.enum(['owner', 'viewer', 'contributor']).describe("The caller's role (a contributor may add photos of their own)"),
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
    assets: z.array(
      assetSchema.extend({
        contributor: personSchema.describe('Who put the photo in the album (the owner, for uploads through a public link)'),
        uploaderName: z.string().nullable().describe('The name a visitor gave when uploading through a public link'),
      }),
    ),
    members: z.array(personSchema.extend({ role: z.enum(['owner', 'viewer', 'contributor']) })),
  })
  .meta({ id: 'AlbumDetail' });

export const createAlbumBody = z.object({ name: z.string().trim().min(1).max(200), assetIds: z.array(z.uuid()).max(10_000).optional() });
export const renameAlbumBody = z.object({ name: z.string().trim().min(1).max(200) });
export const assetIdsBody = z.object({ assetIds: z.array(z.uuid()).min(1).max(10_000) });
