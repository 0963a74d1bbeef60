import type { ExchangeCore } from './exchange-core.js';
import type { ExchangeGuests } from './exchange-guests.service.js';
import type { ExchangeRounds } from './exchange-rounds.service.js';
import type { ExchangesService } from './exchanges.service.js';

/**
 * The exchanges domain as its routes and the socket hub use it: requests and permissions (`service`),
 * rounds, guests, and the shared state machine (`core`). Wired in app/wire-exchanges.ts (called by
 * app/container.ts) like every other domain; `close` stops the expiry timers.
 */
export interface ExchangesModule {
  service: ExchangesService;
  rounds: ExchangeRounds;
  guests: ExchangeGuests;
  core: ExchangeCore;
  close(): void;
}
