import { errors } from './errors.js';

/**
 * Opaque cursor of capture-ordered pages (library timeline, a person's photos): the last row's
 * (captured_at, id), so pages stay stable while photos are added.
 */
export const encodeCursor = (capturedAt: number, id: string) => Buffer.from(`${capturedAt}:${id}`).toString('base64url');

/**
 * Times before 1970 are negative (an EXIF date of 1950 is a valid capture time), so the sign is
 * allowed; anything beyond a safe integer was not given out by this server and would overflow
 * PostgreSQL's bigint.
 * @throws 400 `invalid_cursor` for a cursor this server did not give out.
 */
export function decodeCursor(cursor: string): { capturedAt: number; id: string } {
  const [t, id] = Buffer.from(cursor, 'base64url').toString().split(':');
  if (!t || !id || !/^-?\d{1,16}$/.test(t) || !Number.isSafeInteger(Number(t)))
    throw errors.badRequest('invalid_cursor', 'The cursor is not one this server gave out; start from the first page.');
  return { capturedAt: Number(t), id };
}
