import type { Principal } from '../common/principal.js';
import { errors } from '../common/errors.js';
import type { ExchangeCore, Participant } from './exchange-core.js';

/**
 * The one access check for exchanges (the model is Immich's `requireAccess`): only the two sides reach
 * an exchange, so every service method that takes an exchange id calls `requireExchange` first. Anyone
 * else, and an id of none, gets the same 404, so exchanges between other people cannot be probed. The
 * guest side reaches its exchange through its token instead (exchange-guests.service.ts).
 */
export function createExchangeAccess(core: Pick<ExchangeCore, 'load'>) {
  return {
    /**
     * @returns the caller's side of the exchange (a pending request past its expiry is expired first).
     * @throws 404 `not_found` when it does not exist or the caller is neither side.
     */
    async requireExchange(principal: Principal, id: string): Promise<Participant> {
      const row = await core.load(id);
      if (row.requester_id === principal.accountId) return { row, side: 'requester' };
      if (row.responder_id === principal.accountId) return { row, side: 'responder' };
      throw errors.notFound('exchange');
    },
  };
}

export type ExchangeAccess = ReturnType<typeof createExchangeAccess>;
