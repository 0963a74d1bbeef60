import { errors } from '../common/errors.js';
import { MAX_CONTACT_NAME_CHARS } from '@kith/address-book';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Opaque cursor of the name-ordered contacts list: the last contact's (name, id), as the timeline's
 * `common/timeline-cursor.ts` keeps (captured_at, id), so pages stay stable while contacts are added.
 */
export const encodeContactCursor = (name: string, id: string) => Buffer.from(JSON.stringify([name, id])).toString('base64url');

/** @throws 400 `invalid_cursor` for a cursor this server did not give out. */
export function decodeContactCursor(cursor: string): { name: string; id: string } {
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(cursor, 'base64url').toString());
  } catch {
    v = null;
  }
  if (
    !Array.isArray(v) ||
    v.length !== 2 ||
    typeof v[0] !== 'string' ||
    v[0].length > MAX_CONTACT_NAME_CHARS ||
    typeof v[1] !== 'string' ||
    !UUID.test(v[1])
  )
    throw errors.badRequest('invalid_cursor', 'The cursor is not one this server gave out; start from the first page.');
  return { name: v[0], id: v[1] };
}
