import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, errors, type ErrorBody } from './errors.js';
import { databaseUnavailable, DATABASE_RETRY_AFTER_S, isDatabaseUnavailable } from '../db/db-errors.js';
import { insufficientStorage, isStorageFull } from '../blobs/storage-errors.js';

// Fastify's own client-error codes, mapped to Kith's stable codes.
const fastifyCodes: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_REQ_FILE_TOO_LARGE: 'payload_too_large',
  FST_PARTS_LIMIT: 'payload_too_large',
  FST_FILES_LIMIT: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_request',
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_request',
};

/**
 * Installs the one global error handler: known errors keep their status and code,
 * validation failures become 400 `invalid_request` listing each bad field, infrastructure faults
 * get their stable codes (issue 8): 503 `database_unavailable` with `Retry-After` when the database
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
    if (fault) request.log.warn({ code: body.code, cause: (raw as Error).message }, 'request failed: infrastructure fault');
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
