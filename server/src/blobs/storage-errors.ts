import { errors } from '../common/errors.js';

/**
 * 507 `insufficient_storage` (RFC 4918 §11.5): the disk (or quota) holding Kith's temp
 * files and blobs is full. Nothing of the failed write is kept, so the same request succeeds once space is freed.
 */
export const insufficientStorage = () =>
  errors.insufficientStorage(
    "The server's storage is full, so nothing was saved. Free space (delete photos, or ask the administrator to grow the disk or quota) and try again.",
  );

// ENOSPC: no space left on device; EDQUOT: disk quota exceeded (POSIX write(2)); SQLITE_FULL: the
// database file could not grow (https://www.sqlite.org/rescode.html#full).
const FULL_CODES = new Set(['ENOSPC', 'EDQUOT', 'SQLITE_FULL']);

/** True when `err` (or an error it wraps through `cause`) says the storage is full. */
export function isStorageFull(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 4) return false;
  const e = err as { code?: unknown; cause?: unknown };
  if (typeof e.code === 'string' && FULL_CODES.has(e.code)) return true;
  return isStorageFull(e.cause, depth + 1);
}
