import { errors } from './errors.js';

/**
 * Opaque cursor of capture-ordered pages (library timeline, a person's photos): the last row's
 * (captured_at, id), so pages stay stable while photos are added.
 */
export const encodeCursor = (capturedAt: number, id: string) => Buffer.from(`${capturedAt}:${id}`).toString('base64url');

/** @throws 400 `invalid_cursor` for a cursor this server did not give out. */
export function decodeCursor(cursor: string): { capturedAt: number; id: string } {
  const [t, id] = Buffer.from(cursor, 'base64url').toString().split(':');
  if (!t || !id || !/^\d+$/.test(t))
    throw errors.badRequest('invalid_cursor', 'The cursor is not one this server gave out; start from the first page.');
  return { capturedAt: Number(t), id };
}
