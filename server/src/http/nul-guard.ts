import type { FastifyInstance, FastifyRequest } from 'fastify';
import { nulFields, nulRefused } from '../common/nul-check.js';

// Request-level NUL checks; the rule and its reasons are in common/nul-check.ts.

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
 * text bodies. Multipart parts are streamed to the handlers, which call `assertNoNul` (common/nul-check.ts).
 * @throws 400 `invalid_request` with `details.fields` naming each field (`params.id`, `query.q`, `body.name`).
 */
export function installNulGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const found = [...nulFields(request.params, 'params'), ...nulFields(request.query, 'query'), ...nulFields(request.body, 'body')];
    if (textBuffer(request) && bodyHasNul(request.body as Buffer, request.headers['content-type'] ?? '')) found.push('body');
    if (found.length) throw nulRefused(found);
  });
}
