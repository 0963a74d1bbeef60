import { errors } from './errors.js';
import type { Principal } from './principal.js';

/**
 * The shape of every access check of a resource kind one account owns alone (the model is Immich's
 * `requireAccess`): look the row up by its owner and id, and answer someone else's like one that does not
 * exist, so an id never confirms that another account has it.
 *
 * @param find the repository lookup by owner account id and resource id (`undefined` or `null`: none).
 * @param what the kind as the 404 message names it, e.g. `'contact group'`.
 * @returns the check `(principal, id) => row`; it throws 404 `not_found` when the caller owns no such row.
 */
export function requireOwned<T>(
  find: (ownerId: string, id: string) => Promise<T | undefined | null>,
  what: string,
): (principal: Principal, id: string) => Promise<T> {
  return async (principal, id) => {
    const row = await find(principal.accountId, id);
    if (!row) throw errors.notFound(what);
    return row;
  };
}
