import { z } from 'zod';
import { albumSummarySchema } from '../albums/albums.schema.js';
import { assetSchema, markerSchema, personSchema } from '../assets/assets.schema.js';

export const markerParams = z.object({ marker: markerSchema });

export const eventSummarySchema = z
  .object({
    marker: z.string().describe('The event marker code; the same code in two libraries means the same event'),
    name: z.string(),
    source: z.enum(['auto', 'tag', 'metadata']).describe('auto = detected by time/GPS; tag = explicit; metadata = XMP Iptc4xmpExt:Event'),
    startAt: z.string().describe('ISO 8601, first photo'),
    endAt: z.string().describe('ISO 8601, last photo'),
    latitude: z.number().nullable().describe('WGS 84 centroid of the photos with GPS'),
    longitude: z.number().nullable(),
    place: z.string().nullable(),
    assetCount: z.number().int(),
    coverAssetId: z.string().nullable(),
    sharedAlbumId: z.string().nullable().describe('The event album, once shared'),
  })
  .meta({ id: 'EventSummary' });

export const recipientSchema = z.object({
  account: personSchema,
  assetCount: z.number().int().describe('Photos this contact contributes'),
});

export const sharePreviewSchema = z
  .object({
    recipients: z.array(recipientSchema),
    excluded: z.array(z.object({ account: personSchema, reason: z.enum(['not_mutual', 'gathering_off', 'no_matching_photos']) })),
    ownAssetCount: z.number().int().describe('My photos of the event'),
    newAssetCount: z.number().int().describe('Photos sharing now would add to the album (once per SHA-256)'),
    totalAssetCount: z.number().int().describe('Photos the album would hold after sharing: what the share answers as `assetCount`'),
    album: z
      .object({
        id: z.string(),
        name: z.string(),
        owner: personSchema,
        members: z.array(personSchema).describe('Everyone the album is shared with, the owner first'),
        assetCount: z.number().int(),
      })
      .nullable()
      .describe('The event album this event is already shared in (by me or a contact); null when sharing makes a new one'),
  })
  .meta({ id: 'EventSharePreview' });

export const shareResultSchema = z
  .object({
    album: albumSummarySchema,
    recipients: z.array(recipientSchema),
    assetCount: z.number().int().describe('Photos in the album after this share'),
    addedAssetCount: z.number().int().describe('Photos this call added (0 when re-sharing changes nothing)'),
  })
  .meta({ id: 'EventShareResult' });

export const eventDetailSchema = z.object({ event: eventSummarySchema, assets: z.array(assetSchema) });
export const renameEventBody = z.object({ name: z.string().trim().min(1).max(200) });
export const mergeEventsBody = z.object({ markers: z.array(markerSchema).min(1).max(100) });
export const splitEventBody = z.object({
  at: z.iso.datetime({ offset: true }).describe('Photos captured at or after this time move to a new event'),
});
export const tagBody = z.object({ marker: markerSchema.describe('Tag text; its marker code is lower-case-dashed') });
