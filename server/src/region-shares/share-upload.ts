import type { FastifyRequest } from 'fastify';
import { errors } from '../common/errors.js';
import { assertNoNul } from '../common/nul-check.js';
import { createRegionShareBody } from './region-shares.schema.js';
import type { ShareInput } from './region-shares.service.js';

/** The `share` field of a multipart share: the JSON share request, without `imageData`. */
export const shareFieldSchema = createRegionShareBody.omit({ imageData: true });

/** Largest `share` field, in bytes (the JSON request is a few hundred bytes; URLs may be long). */
export const SHARE_FIELD_MAX_BYTES = 64 * 1024;

/**
 * Reads a multipart share (the client sends the image bytes instead of letting the server
 * fetch `imageUrl`): a `share` text field holding the JSON share request, and the image in an
 * `image` file part, in either order. The image is held in memory (sharp needs all of it),
 * so its size is capped while it streams in.
 *
 * @param maxBytes largest image accepted (KITH_FETCH_MAX_BYTES, the same cap as a fetched image).
 * @throws 415 `unsupported_media_type` (not multipart/form-data), 413 `payload_too_large` (image
 *   over `maxBytes`, or more parts than a share has), 400 `no_file` (no `image` part),
 *   400 `invalid_request` (`share` missing, not JSON, or failing the share request's schema;
 *   `details.fields` names each bad field as `share.<path>`).
 */
export async function readShareUpload(request: FastifyRequest, maxBytes: number): Promise<{ input: ShareInput; bytes: Buffer }> {
  if (!request.isMultipart())
    throw errors.unsupportedMediaType('Send multipart/form-data with a `share` JSON field and an `image` file part.');
  let raw: string | undefined;
  let bytes: Buffer | undefined;
  const parts = request.parts({ limits: { fileSize: maxBytes, files: 1, fields: 4, fieldSize: SHARE_FIELD_MAX_BYTES, parts: 5 } });
  for await (const part of parts) {
    if (part.type === 'field') {
      if (part.fieldname === 'share') raw = String(part.value);
      continue;
    }
    const data = await part.toBuffer();
    // busboy cuts the file at the limit and marks it truncated (the plugin is set not to throw).
    if (part.file.truncated) throw errors.payloadTooLarge(maxBytes);
    if (part.fieldname === 'image') bytes = data;
  }
  if (!bytes?.length) throw errors.badRequest('no_file', 'The form holds no image: send the image bytes in an `image` file part.');
  if (raw === undefined) throw errors.invalidRequest([{ field: 'share', message: 'is required (the share request as JSON)' }]);
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw errors.invalidRequest([{ field: 'share', message: 'is not valid JSON' }]);
  }
  assertNoNul(json, 'share');
  const parsed = shareFieldSchema.safeParse(json);
  if (!parsed.success)
    throw errors.invalidRequest(
      parsed.error.issues.map((i) => ({ field: ['share', ...i.path.map(String)].join('.'), message: i.message })),
    );
  return { input: parsed.data, bytes };
}
