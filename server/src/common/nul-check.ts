import { errors } from './errors.js';

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
 * Throws when a text that did not pass through the request-wide check (`installNulGuard`, http/nul-guard.ts)
 * holds a NUL: a multipart field or file name, which the upload routes read from the stream themselves.
 * @throws 400 `invalid_request`
 */
export function assertNoNul(value: unknown, field: string): void {
  const found = nulFields(value, field);
  if (found.length) throw nulRefused(found);
}
