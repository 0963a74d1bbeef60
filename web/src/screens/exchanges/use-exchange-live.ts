/**
 * Live updates of one exchange over socket.io: 'exchange.updated' (status, phase, who has
 * captured) and 'exchange.reaction'. The handler reloads the exchange, so the room always
 * shows the server's state, image URLs included.
 */
import { useRealtime } from '../../lib/realtime';

/** `exchangeId` `'*'`: every exchange event (a guest's socket is in its one exchange's room only). */
export function useExchangeLive(exchangeId: string | undefined, onChange: () => void): void {
  const handle = (e: { exchangeId: string }) => {
    if (exchangeId === '*' || (exchangeId && e.exchangeId === exchangeId)) onChange();
  };
  useRealtime('exchange.updated', handle);
  useRealtime('exchange.reaction', handle);
}
