import { z } from 'zod';
import { ERROR_CODE_LIST } from '../common/error-codes.js';

/**
 * Body of every error answer: a stable `code` for programs (one of the registry in common/error-codes.ts,
 * which gives each its status and meaning), a `message` for people.
 */
export const errorSchema = z
  .object({
    code: z.enum(ERROR_CODE_LIST).describe('Stable machine-readable error code, e.g. `not_found`; see server/src/common/error-codes.ts'),
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

/**
 * A 2xx response whose body is a file, not JSON: each media type's schema is `type: string, format: binary`
 * (OpenAPI 3.1 §4.8.14, "Considerations for File Uploads" applied to downloads), so generated clients read it as bytes
 * (openapi-fetch: `parseAs: 'blob'`). `image/*` where the Content-Type is the stored image's own.
 */
export function binaryResponse(description: string, ...mediaTypes: [string, ...string[]]) {
  const body = z.string().meta({ format: 'binary' });
  return { description, content: Object.fromEntries(mediaTypes.map((type) => [type, { schema: body }])) };
}

export const idParams = z.object({ id: z.uuid({ error: 'must be a UUID' }) });
