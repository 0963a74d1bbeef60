import { z } from 'zod';

export const personSchema = z
  .object({ id: z.uuid(), username: z.string(), displayName: z.string() })
  .meta({ id: 'Person', description: 'An account as others see it' });

export const assetSchema = z
  .object({
    id: z.uuid(),
    owner: personSchema,
    originalName: z.string(),
    mime: z.string(),
    bytes: z.number().int().describe('Size of the original, bytes'),
    width: z.number().int().describe('px, as stored (before EXIF rotation)'),
    height: z.number().int().describe('px, as stored (before EXIF rotation)'),
    capturedAt: z.string().describe("ISO 8601; from EXIF DateTimeOriginal, else the upload's sidecar, else upload time"),
    capturedAtSource: z
      .enum(['exif', 'client', 'upload'])
      .describe('exif: the file; client: the upload `sidecar` field; upload: upload time'),
    description: z.string().nullable().describe("Caption: XMP dc:description / EXIF ImageDescription, else the upload's sidecar"),
    latitude: z.number().nullable().describe('WGS 84 degrees'),
    longitude: z.number().nullable().describe('WGS 84 degrees'),
    camera: z.object({ make: z.string().nullable(), model: z.string().nullable() }).nullable(),
    ready: z.boolean().describe('Thumbnail and preview exist'),
    thumbnailUrl: z.string(),
    previewUrl: z.string(),
    originalUrl: z.string(),
    markers: z.array(z.string()).describe('Event markers this asset carries'),
    createdAt: z.string(),
    trashedAt: z.string().nullable().describe('ISO 8601: when the owner moved it to the trash; null while it is in the library'),
    favorite: z.boolean().describe("The owner's favourite (Favourites view)"),
    archived: z.boolean().describe('The owner archived it: not in the timeline, events or automatic sharing; still in albums'),
  })
  .meta({ id: 'Asset' });

export const uploadErrorSchema = z.object({ code: z.string(), message: z.string() });

export const uploadResultSchema = z
  .object({
    filename: z.string(),
    status: z.enum(['created', 'duplicate', 'failed']),
    asset: assetSchema.optional(),
    error: uploadErrorSchema.optional(),
    restored: z.boolean().optional().describe('A duplicate that was in the trash and is back in the library'),
  })
  .meta({ id: 'UploadResult' });

export const uploadResponseSchema = z.object({
  results: z.array(uploadResultSchema),
  created: z.number().int(),
  duplicates: z.number().int(),
  failed: z.number().int(),
});

/** Most checksums one `POST /api/assets/exists` takes: a client asks in slices of this many. */
export const MAX_EXISTS_CHECKSUMS = 1000;

export const existsBody = z.object({
  checksums: z
    .array(
      z
        .string()
        .regex(/^[0-9a-fA-F]{64}$/, { error: 'must be a SHA-256 digest in hex (64 characters)' })
        .transform((s) => s.toLowerCase()),
    )
    .min(1)
    .max(MAX_EXISTS_CHECKSUMS)
    .describe(`SHA-256 of whole files as uploaded, hex (1–${MAX_EXISTS_CHECKSUMS}; case-insensitive)`),
});

export const existsResponseSchema = z
  .object({
    existing: z
      .array(z.object({ checksum: z.string().describe('lower-case hex, as asked'), assetId: z.uuid() }))
      .describe('The asked checksums I already have an asset for, in the order asked; the others are absent'),
  })
  .meta({ id: 'ExistingAssets' });

/** Minutes east of UTC of the viewer's clock (JavaScript's `-Date#getTimezoneOffset()`), so months are the viewer's. */
export const utcOffsetField = z.coerce
  .number()
  .int()
  .min(-840)
  .max(840)
  .default(0)
  .describe("Minutes east of UTC that months are counted in (the viewer's clock, e.g. 120 for UTC+2); default 0");

export const monthField = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'must be a month as YYYY-MM' })
  .describe('A month, YYYY-MM');

export const timelineQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(200).optional().describe('nextCursor of the previous page'),
  view: z
    .enum(['timeline', 'favorites', 'archive'])
    .default('timeline')
    .describe('timeline: not archived; favorites: my favourites (archived ones too); archive: archived photos'),
  from: monthField
    .optional()
    .describe(
      'Start the first page at the newest photo of this month (YYYY-MM, in `utcOffset`) or the first older one; `cursor` wins when both are given',
    ),
  utcOffset: utcOffsetField,
});

export const timelineBucketsQuery = z.object({ utcOffset: utcOffsetField });

export const timelineBucketsSchema = z
  .object({
    buckets: z
      .array(z.object({ month: monthField, count: z.number().int().describe('Photos of the timeline captured that month') }))
      .describe('Months that hold at least one timeline photo (not archived, not in the trash), newest first'),
    total: z.number().int().describe('Photos in the timeline'),
  })
  .meta({ id: 'TimelineBuckets' });

export const assetFlagsBody = z
  .object({
    favorite: z.boolean().optional().describe('Mark (true) or unmark (false) as a favourite'),
    archived: z.boolean().optional().describe('Archive (true) or bring back to the timeline (false)'),
  })
  .refine((b) => b.favorite !== undefined || b.archived !== undefined, { error: 'give `favorite`, `archived` or both' });

export const bulkAssetFlagsBody = z
  .object({
    ids: z
      .array(z.uuid({ error: 'must be a UUID' }))
      .min(1)
      .max(10_000)
      .describe('My photos, 1–10,000 (duplicates count once)'),
    favorite: z.boolean().optional(),
    archived: z.boolean().optional(),
  })
  .refine((b) => b.favorite !== undefined || b.archived !== undefined, { error: 'give `favorite`, `archived` or both' });

export const bulkAssetFlagsResponse = z.object({ updated: z.number().int().describe('Photos changed (each id once)') });

export const markerSchema = z.string().trim().min(1).max(120).describe('An event marker: a code shared by every photo of one event');

export const derivativeKind = z.enum(['original', 'thumbnail', 'preview']);
