/**
 * Errors with a stable, machine-readable `code`.
 *
 * Services throw these; the global handler in `http/error-handler.ts` turns them into
 * `{ code, message, details? }` with the given HTTP status. Codes never change once
 * shipped: clients branch on them, people read `message`.
 */
export class AppError extends Error {
  constructor(
    public readonly statusCode: number,
    public readonly code: string,
    message: string,
    public readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** Error factories, one per stable code family. */
export const errors = {
  badRequest: (code: string, message: string, details?: Record<string, unknown>) => new AppError(400, code, message, details),
  /** 400 `invalid_request` naming each bad field (`details.fields`), as schema validation answers. */
  invalidRequest: (fields: Array<{ field: string; message: string }>) =>
    new AppError(400, 'invalid_request', `Invalid request: ${fields.map((f) => `${f.field} ${f.message}`).join('; ')}`, { fields }),
  unauthorized: (message = 'Log in first: this needs a session cookie or an API token.') => new AppError(401, 'unauthorized', message),
  invalidCredentials: () => new AppError(401, 'invalid_credentials', 'Wrong username or password.'),
  forbidden: (code: string, message: string) => new AppError(403, code, message),
  /** Also used for resources that exist but belong to someone else, so existence never leaks. */
  notFound: (what = 'resource') => new AppError(404, 'not_found', `No such ${what}, or it is not yours.`),
  conflict: (code: string, message: string) => new AppError(409, code, message),
  payloadTooLarge: (limitBytes: number) =>
    new AppError(413, 'payload_too_large', `The file is larger than this server's limit of ${limitBytes} bytes.`, { limitBytes }),
  unsupportedMediaType: (message: string) => new AppError(415, 'unsupported_media_type', message),
  invalidImage: (message: string) => new AppError(422, 'invalid_image', message),
  imageTooLarge: (pixels: number, limit: number) =>
    new AppError(422, 'image_too_large', `The image has ${pixels} pixels; this server accepts at most ${limit}.`, { pixels, limit }),
};

/** The JSON body of every error answer. */
export interface ErrorBody {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}
