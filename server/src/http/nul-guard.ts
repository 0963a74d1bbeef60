import type { FastifyInstance, FastifyRequest } from 'fastify';
import { errors } from '../common/errors.js';

/**
 * NUL (U+0000) is refused in every text Kith takes in: PostgreSQL's `text` cannot hold it (SQLSTATE 22021,
 * "invalid byte sequence for encoding UTF8: 0x00"), so the same request would be stored on SQLite and
 * answer 500 on PostgreSQL; no name, address, marker or URL has a use for it, and XML 1.0 (§2.2) and
 * vCard (RFC 6350 §3.3, text is UTF-8 without control characters) forbid it anyway.
 */
const NUL = '\u0000';

/** Paths (`body.name`, `query.q`, `body.contacts.0.phone`) of every string under `value` that holds a NUL. */
export function nulFields(value: unknown, where: string, out: string[] = [], depth = 0): string[] {
  if (typeof value === 'string') {
    if (value.includes(NUL)) out.push(where);
  } else if (Array.isArray(value)) {
    // Depth-capped: JSON bodies are at most 2 MB and a few levels deep; a hostile nesting is not walked for ever.
    if (depth < 64) value.forEach((v, i) => nulFields(v, `${where}.${i}`, out, depth + 1));
  } else if (value && typeof value === 'object' && !Buffer.isBuffer(value) && !ArrayBuffer.isView(value)) {
    if (depth < 64) for (const [k, v] of Object.entries(value)) nulFields(v, `${where}.${k}`, out, depth + 1);
  }
  return out;
}

/** 400 `invalid_request` naming each field that holds a NUL (the shape schema validation answers with). */
export const nulRefused = (fields: string[]) =>
  errors.invalidRequest(fields.map((field) => ({ field, message: 'must not contain NUL (U+0000) characters' })));

/**
 * Throws when a text that did not pass through {@link installNulGuard} (a multipart field or file name,
 * which the upload routes read from the stream themselves) holds a NUL.
 * @throws 400 `invalid_request`
 */
export function assertNoNul(value: unknown, field: string): void {
  const found = nulFields(value, field);
  if (found.length) throw nulRefused(found);
}

/** A text body (XML, vCard) parsed as bytes: a 0 byte is a NUL in UTF-8, and never part of any other character. */
const textBuffer = (request: FastifyRequest) =>
  Buffer.isBuffer(request.body) && /^(text\/|application\/(xml|json))/i.test(request.headers['content-type'] ?? '');

/**
 * Whether a text body holds a NUL. UTF-16 (a byte-order mark, or a UTF-16 charset; older macOS address
 * books export it) has 0 bytes in most characters, so it is read as UTF-16 and its characters checked.
 */
function bodyHasNul(body: Buffer, contentType: string): boolean {
  const bom = (body[0] === 0xff && body[1] === 0xfe) || (body[0] === 0xfe && body[1] === 0xff);
  if (!bom && !/charset\s*=\s*"?utf-?16/i.test(contentType)) return body.includes(0);
  // U+0000 is the code unit 00 00 in either byte order, at an even offset.
  for (let i = 0; i + 1 < body.length; i += 2) if (body[i] === 0 && body[i + 1] === 0) return true;
  return false;
}

/**
 * The one check of every route's parsed input, before its schema runs (`preValidation`): path parameters,
 * the query string, and the body — JSON, form fields (`application/x-www-form-urlencoded`), XML and other
 * text bodies. Multipart parts are streamed to the handlers, which call {@link assertNoNul}.
 * @throws 400 `invalid_request` with `details.fields` naming each field (`params.id`, `query.q`, `body.name`).
 */
export function installNulGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const found = [...nulFields(request.params, 'params'), ...nulFields(request.query, 'query'), ...nulFields(request.body, 'body')];
    if (textBuffer(request) && bodyHasNul(request.body as Buffer, request.headers['content-type'] ?? '')) found.push('body');
    if (found.length) throw nulRefused(found);
  });
}
