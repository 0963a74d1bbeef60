import { errors } from '../common/errors.js';

/** Seconds a client should wait before retrying a request that met an unreachable database (`Retry-After`, RFC 9110 §10.2.3). */
export const DATABASE_RETRY_AFTER_S = 5;

/**
 * 503 `database_unavailable` (RFC 9110 §15.6.4): the database cannot be reached right now. Answered with
 * `Retry-After: 5` by the global error handler; Kith reconnects by itself once the database is back.
 */
export const databaseUnavailable = () =>
  errors.unavailable('database_unavailable', 'The database is unavailable; try again in a few seconds.', {
    retryAfterSeconds: DATABASE_RETRY_AFTER_S,
  });

// Socket-level failures of the connection to the database server (Node's errno codes).
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ENOTFOUND',
]);

// PostgreSQL SQLSTATEs meaning "the server is going away or not accepting connections yet"
// (https://www.postgresql.org/docs/current/errcodes-appendix.html): admin_shutdown, crash_shutdown,
// cannot_connect_now (starting up / shutting down), too_many_connections. Class 08 = connection exception.
const PG_STATES = new Set(['57P01', '57P02', '57P03', '53300']);

// Messages node-postgres (pg, pg-pool) throws without a code when a connection dies or cannot be made.
const PG_MESSAGES = [
  /^Connection terminated/, // "… unexpectedly", "… due to connection timeout"
  /timeout exceeded when trying to connect/, // pg-pool: connectionTimeoutMillis elapsed
  /Client has encountered a connection error and is not queryable/,
  /Connection ended unexpectedly/,
];

/**
 * True when `err` (or an error it wraps through `cause` / AggregateError `errors`) means the database
 * is unreachable or restarting, rather than a bug or a bad query: the driver's socket errors, the
 * PostgreSQL SQLSTATEs above and class 08, pg-pool's connect timeout, and SQLite's `SQLITE_BUSY`
 * (still locked by another process after the 5 s busy timeout).
 * Why: when PostgreSQL restarts under load, requests fail fast with 503 database_unavailable instead of hanging.
 */
export function isDatabaseUnavailable(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 4) return false;
  const e = err as { code?: unknown; syscall?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
  // An outbound fetch's failure wraps the socket error as its cause: not the database.
  if (err instanceof TypeError && err.message === 'fetch failed') return false;
  if (typeof e.code === 'string') {
    // Only real socket errors (they name their syscall): a client that hangs up mid-upload also
    // yields ECONNRESET ("aborted"), without one, and is not a database outage.
    if (SOCKET_CODES.has(e.code) && typeof e.syscall === 'string') return true;
    if (PG_STATES.has(e.code) || /^08[0-9A-Z]{3}$/.test(e.code) || e.code === 'SQLITE_BUSY') return true;
  }
  if (typeof e.message === 'string' && PG_MESSAGES.some((re) => re.test(e.message as string))) return true;
  if (Array.isArray(e.errors) && e.errors.some((x) => isDatabaseUnavailable(x, depth + 1))) return true;
  return isDatabaseUnavailable(e.cause, depth + 1);
}
