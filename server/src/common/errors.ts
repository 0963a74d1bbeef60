import { type ErrorCode, type ErrorCodeWithStatus } from './error-codes.js';

export { ERROR_CODES, ERROR_CODE_LIST, isErrorCode, type ErrorCode, type ErrorCodeWithStatus } from './error-codes.js';

/**
 * Errors with a stable, machine-readable `code` from the registry in `error-codes.ts`.
 *
 * Services throw these (through the factories below); the global handler in `http/error-handler.ts` turns them into
 * `{ code, message, details? }` with the given HTTP status. Codes never change once
 * shipped: clients branch on them, people read `message`.
 */
export class AppError extends Error {
  constructor(
    public readonly statusCode: number,
    public readonly code: ErrorCode,
    message: string,
    public readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

type Details = Record<string, unknown>;

/**
 * Error factories, one per HTTP status (RFC 9110 §15). Each takes only the codes the registry lists with
 * that status, so a code and its status cannot drift apart; the fixed-code ones carry their standard message.
 */
export const errors = {
  badRequest: (code: ErrorCodeWithStatus<400>, message: string, details?: Details) => new AppError(400, code, message, details),
  /** 400 `invalid_request` naming each bad field (`details.fields`), as schema validation answers. */
  invalidRequest: (fields: Array<{ field: string; message: string }>) =>
    new AppError(400, 'invalid_request', `Invalid request: ${fields.map((f) => `${f.field} ${f.message}`).join('; ')}`, { fields }),
  unauthorized: (message = 'Log in first: this needs a session cookie or an API token.') => new AppError(401, 'unauthorized', message),
  invalidCredentials: () => new AppError(401, 'invalid_credentials', 'Wrong username or password.'),
  /** 401 with a code of its own: a site key or link password that does not open the door. */
  notAuthenticated: (code: ErrorCodeWithStatus<401>, message: string, details?: Details) => new AppError(401, code, message, details),
  forbidden: (code: ErrorCodeWithStatus<403>, message: string, details?: Details) => new AppError(403, code, message, details),
  /** Also used for resources that exist but belong to someone else, so existence never leaks. */
  notFound: (what = 'resource') => new AppError(404, 'not_found', `No such ${what}, or it is not yours.`),
  /** 404 with a code of its own, for a name looked up rather than an id (`unknown_account`, `unknown_user`). */
  unknown: (code: ErrorCodeWithStatus<404>, message: string, details?: Details) => new AppError(404, code, message, details),
  conflict: (code: ErrorCodeWithStatus<409>, message: string, details?: Details) => new AppError(409, code, message, details),
  gone: (code: ErrorCodeWithStatus<410>, message: string, details?: Details) => new AppError(410, code, message, details),
  payloadTooLarge: (limitBytes: number) =>
    new AppError(413, 'payload_too_large', `The file is larger than this server's limit of ${limitBytes} bytes.`, { limitBytes }),
  /** 413 with its own code or message (a packet, a count of files, a fetched body). */
  tooLarge: (code: ErrorCodeWithStatus<413>, message: string, details?: Details) => new AppError(413, code, message, details),
  unsupportedMediaType: (message: string) => new AppError(415, 'unsupported_media_type', message),
  invalidImage: (message: string) => new AppError(422, 'invalid_image', message),
  imageTooLarge: (pixels: number, limit: number) =>
    new AppError(422, 'image_too_large', `The image has ${pixels} pixels; this server accepts at most ${limit}.`, { pixels, limit }),
  /** 422: the request is well-formed but Kith cannot act on what it names. */
  unprocessable: (code: ErrorCodeWithStatus<422>, message: string, details?: Details) => new AppError(422, code, message, details),
  tooManyRequests: (code: ErrorCodeWithStatus<429>, message: string, details?: Details) => new AppError(429, code, message, details),
  /** 502: a server Kith called for this request answered with an error. */
  badGateway: (code: ErrorCodeWithStatus<502>, message: string, details?: Details) => new AppError(502, code, message, details),
  /** 503: a dependency is missing or down; retrying later may work. */
  unavailable: (code: ErrorCodeWithStatus<503>, message: string, details?: Details) => new AppError(503, code, message, details),
  gatewayTimeout: (code: ErrorCodeWithStatus<504>, message: string, details?: Details) => new AppError(504, code, message, details),
  insufficientStorage: (message: string) => new AppError(507, 'insufficient_storage', message),
  /** The same error (status, code) with a message and details that say more, e.g. which file it was about. */
  rephrased: (e: AppError, message: string, details?: Details) => new AppError(e.statusCode, e.code, message, details ?? e.details),
};

/** The JSON body of every error answer. */
export interface ErrorBody {
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
}
