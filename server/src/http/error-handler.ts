import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, errors, type ErrorBody, type ErrorCode } from '../common/errors.js';
import { databaseUnavailable, DATABASE_RETRY_AFTER_S, isDatabaseUnavailable } from '../db/db-errors.js';
import { insufficientStorage, isStorageFull } from '../blobs/storage-errors.js';
import { nulRefused } from '../common/nul-check.js';

// Fastify's own client-error codes, mapped to Kith's stable codes.
const fastifyCodes: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_REQ_FILE_TOO_LARGE: 'payload_too_large',
  FST_PARTS_LIMIT: 'payload_too_large',
  FST_FILES_LIMIT: 'payload_too_large',
  // 413 with its own code: the form has more fields than the route's limit (100 by default), not too many bytes.
  FST_FIELDS_LIMIT: 'too_many_fields',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_request',
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_request',
};

/**
 * PostgreSQL's refusal of a NUL in text (22021 character_not_in_repertoire, 22P05 untranslatable_character
 * for `\u0000` in jsonb): the input guard (nul-guard.ts) stops NULs in what routes parse; this is the net
 * for any text it does not see, so such a request is a 400, never a 500.
 */
const isNulInText = (e: unknown) => {
  const code = (e as { code?: unknown })?.code;
  const { message, detail } = e as { message?: unknown; detail?: unknown };
  return (code === '22021' || code === '22P05') && /0x00|\\u0000/.test(`${String(message)} ${String(detail)}`);
};

/**
 * Installs the one global error handler: known errors keep their status and code,
 * validation failures become 400 `invalid_request` listing each bad field, infrastructure faults
 * get their stable codes, so clients and load balancers can react: 503 `database_unavailable` with `Retry-After` when the database
 * cannot be reached (db-errors.ts), 507 `insufficient_storage` when the disk is full (storage-errors.ts),
 * and anything else is logged and answered 500 `internal_error` without details.
 */
export function installErrorHandler(app: FastifyInstance, opts: { spaFallback?: boolean } = {}): void {
  app.setErrorHandler((raw: FastifyError | AppError, request, reply) => {
    // Faults of the database or the disk arrive as the driver's or fs's own errors: give them their codes first.
    const fault =
      raw instanceof AppError
        ? undefined
        : isDatabaseUnavailable(raw)
          ? databaseUnavailable()
          : isStorageFull(raw)
            ? insufficientStorage()
            : isNulInText(raw)
              ? nulRefused(['body'])
              : undefined;
    const error = fault ?? raw;
    let status = 500;
    let body: ErrorBody = { code: 'internal_error', message: 'Something went wrong on the server; it has been logged.' };
    if (error instanceof AppError) {
      status = error.statusCode;
      body = { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) };
    } else if (hasZodFastifySchemaValidationErrors(error)) {
      const invalid = errors.invalidRequest(
        error.validation.map((v) => ({
          field: `${error.validationContext ?? 'body'}${v.instancePath.replaceAll('/', '.')}`,
          message: v.message ?? 'invalid',
        })),
      );
      status = invalid.statusCode;
      body = { code: invalid.code, message: invalid.message, details: invalid.details };
    } else if ((error as FastifyError).statusCode && (error as FastifyError).statusCode! < 500) {
      status = (error as FastifyError).statusCode!;
      const code = fastifyCodes[(error as FastifyError).code] ?? (status === 429 ? 'rate_limited' : 'invalid_request');
      body = { code, message: error.message };
    }
    if (body.code === 'database_unavailable') void reply.header('retry-after', String(DATABASE_RETRY_AFTER_S));
    // Throttles that know when they open again say so (RFC 9110 §10.2.3), e.g. 429 `too_many_login_attempts`.
    if (typeof body.details?.retryAfterSeconds === 'number') void reply.header('retry-after', String(body.details.retryAfterSeconds));
    // An outage fails every request: one line each, without a stack, rather than a flood of traces.
    if (fault?.statusCode === 400) request.log.warn({ cause: (raw as Error).message }, 'NUL reached the database past the input guard');
    else if (fault) request.log.warn({ code: body.code, cause: (raw as Error).message }, 'request failed: infrastructure fault');
    else if (status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.debug({ code: body.code }, 'client error');
    void reply.status(status).send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    const urlPath = request.url.split('?')[0];
    // A page of the single-page app (no file extension, not the API) loads index.html;
    // a missing asset file stays a 404 so a stale bundle fails loudly, not as HTML.
    if (opts.spaFallback && request.method === 'GET' && !urlPath.startsWith('/api/') && !/\.[a-z0-9]+$/i.test(urlPath))
      return reply.type('text/html').sendFile('index.html');
    void reply.status(404).send({ code: 'not_found', message: `No route ${request.method} ${urlPath}.` });
  });
}

/** Longest path parameter Fastify's router matches (its `maxParamLength`, characters). */
export const MAX_PARAM_LENGTH = 100;

/**
 * Fastify's `frameworkErrors`: the router's own refusals, answered before any hook or the error handler
 * runs, in Kith's error shape instead of Fastify's raw `{ error, code: 'FST_…' }`:
 * 414 `param_too_long` (RFC 9110 §15.5.15 URI Too Long) for a path segment over {@link MAX_PARAM_LENGTH}
 * characters, and 400 `invalid_request` for a path that is not valid percent-encoding (`FST_ERR_BAD_URL`).
 */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const body: ErrorBody =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? {
          code: 'param_too_long',
          message: `A path segment is longer than ${MAX_PARAM_LENGTH} characters; Kith's ids, names and tokens in paths are shorter: check the URL.`,
          details: { limit: MAX_PARAM_LENGTH },
        }
      : { code: 'invalid_request', message: 'The URL is not valid: check its percent-encoding (RFC 3986 §2.1).' };
  request.log.debug({ code: body.code, fastify: error.code }, 'client error');
  void reply.status(body.code === 'param_too_long' ? 414 : 400).send(body);
}
