import { z } from 'zod';
import { assetSchema } from './assets.schema.js';

/** The photos one trash operation acts on: the caller's own, 1–10,000 UUIDs (duplicates count once). */
export const trashIdsBody = z.object({
  assetIds: z
    .array(z.uuid({ error: 'must be a UUID' }))
    .min(1)
    .max(10_000),
});

/** `POST /api/trash/restore`: the photos to bring back; without `assetIds`, the whole trash. */
export const restoreBody = z.object({ assetIds: trashIdsBody.shape.assetIds.optional() });

export const forceQuery = z.object({
  force: z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .describe('`true`: delete for ever at once (Immich `force`), in the trash or not; default: move to the trash'),
});

export const trashedResponse = z.object({
  trashed: z.number().int().describe('Photos now in the trash'),
  purgeAt: z.string().describe('ISO 8601: when the purge deletes them for ever (deletion time + KITH_TRASH_DAYS)'),
});

export const trashPageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(200).optional().describe('nextCursor of the previous page'),
});

export const trashPageSchema = z
  .object({
    items: z.array(assetSchema).describe('Most recently deleted first; each has `trashedAt`'),
    nextCursor: z.string().nullable(),
    total: z.number().int().describe('Photos in the trash'),
    days: z.number().int().describe('KITH_TRASH_DAYS: each photo is deleted for ever this many days after `trashedAt`'),
  })
  .meta({ id: 'TrashPage' });

export const deletionImpactSchema = z
  .object({
    albums: z
      .array(
        z.object({
          id: z.uuid(),
          name: z.string(),
          others: z.number().int().describe('Members besides the owner, who would no longer see the photos'),
          assets: z.number().int().describe('How many of the photos the album holds'),
        }),
      )
      .describe('Albums other people belong to that hold any of the photos, by name'),
    people: z.number().int().describe('Distinct people besides the owner who see any of the photos through those albums'),
  })
  .meta({ id: 'DeletionImpact' });

export const restoredResponse = z.object({ restored: z.number().int().describe('Photos brought back to the library') });
export const deletedResponse = z.object({ deleted: z.number().int().describe('Photos deleted for ever') });
