/**
 * App-wide exchange notices: a new request ("alice invites you to a group photo — Open") unless the
 * list is on screen, and a declined, expired or blocked request of mine while I am elsewhere in the
 * app (the room itself shows these in its status line).
 */
import { navigate, usePathname } from '../../lib/router';
import { useRealtime } from '../../lib/realtime';
import { useToast } from '../../state/toasts';
import { modeLabel } from './exchange-status';
import { partnerName } from './ExchangeScreen';

const ENDINGS: Record<string, string> = {
  declined: 'Your exchange request was declined.',
  expired: 'Your exchange request expired without an answer.',
  blocked: 'Your exchange request was refused.',
};

export function ExchangeToasts() {
  const toast = useToast();
  const path = usePathname();
  const open = (id: string) => ({ label: 'Open', onClick: () => navigate(`/exchanges/${encodeURIComponent(id)}`) });
  useRealtime('exchange.requested', ({ exchange }) => {
    // The list shows the request itself, first.
    if (path === '/exchanges') return;
    toast({
      message: (
        <>
          <strong>{partnerName(exchange)}</strong> invites you to a {modeLabel(exchange.mode).toLowerCase()}
        </>
      ),
      action: open(exchange.id),
      duration: 0,
    });
  });
  useRealtime('exchange.updated', (e) => {
    const text = ENDINGS[e.status];
    if (text && !path.startsWith('/exchanges')) toast({ tone: 'error', message: text, action: open(e.exchangeId) });
  });
  return null;
}
