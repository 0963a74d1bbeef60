import { z } from 'zod';

/** Body of every error answer: a stable `code` for programs, a `message` for people. */
export const errorSchema = z
  .object({
    code: z.string().describe('Stable machine-readable error code, e.g. `not_found`'),
    message: z.string().describe('What went wrong and what to do about it'),
    details: z.record(z.string(), z.unknown()).optional(),
  })
  .meta({ id: 'Error' });

/** Standard error responses to merge into a route's `response` map. */
export const errorResponses = {
  400: errorSchema,
  401: errorSchema,
  404: errorSchema,
} as const;

export const idParams = z.object({ id: z.uuid({ error: 'must be a UUID' }) });

/** Milliseconds since the epoch rendered as an ISO 8601 string (UTC). */
export const iso = (ms: number) => new Date(ms).toISOString();
export const isoOrNull = (ms: number | null) => (ms == null ? null : new Date(ms).toISOString());
