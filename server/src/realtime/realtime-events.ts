import type { RealtimeEventName, RealtimeEvents } from '@kith/sdk';

/** The payload contract is the SDK's (sdk/src/realtime-events.ts); re-exported for the server's modules. */
export type { RealtimeEventName, RealtimeEvents, RealtimeExchangeUpdate } from '@kith/sdk';

/** Sends events to accounts; in-memory by default, a Redis adapter when several instances run. */
export interface RealtimeHub {
  /**
   * One broadcast to every socket of the given accounts (the payload is serialised once). Pass a
   * frozen array to have its room names kept for the next broadcast to the same array.
   */
  emitToAccount<E extends RealtimeEventName>(accountId: string | readonly string[], event: E, payload: RealtimeEvents[E]): void;
  /** To the guest sockets of one exchange (room `exchange:<id>`; guests are in no other room). */
  emitToExchangeGuest<E extends RealtimeEventName>(exchangeId: string, event: E, payload: RealtimeEvents[E]): void;
}
