import type { FastifyRequest } from 'fastify';
import { errors } from '../common/errors.js';

/**
 * Reads a capture: multipart/form-data with one `image` file part, held in memory (sharp needs
 * all of it) and capped while it streams in.
 * @param maxBytes KITH_EXCHANGE_MAX_BYTES. @throws 415 `unsupported_media_type` (not multipart), 413 `payload_too_large`, 400 `no_file`.
 */
export async function readCapture(request: FastifyRequest, maxBytes: number): Promise<Buffer> {
  if (!request.isMultipart()) throw errors.unsupportedMediaType('Send multipart/form-data with the image in an `image` file part.');
  let bytes: Buffer | undefined;
  for await (const part of request.parts({ limits: { fileSize: maxBytes, files: 1, fields: 2, parts: 3 } })) {
    if (part.type === 'field') continue;
    const data = await part.toBuffer();
    if (part.file.truncated) throw errors.payloadTooLarge(maxBytes);
    if (part.fieldname === 'image') bytes = data;
  }
  if (!bytes?.length) throw errors.badRequest('no_file', 'The form holds no image: send it in an `image` file part.');
  return bytes;
}
