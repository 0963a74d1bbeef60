/**
 * /exchanges/:id — the room for a Kith user: a pending request shows who asks and the answers
 * (responder) or the wait (requester); an active one the capture and results. Updates arrive
 * over socket.io and reload the exchange.
 */
import { useMemo } from 'react';
import { exchangesApi, type Exchange } from '../../api/exchanges';
import { ErrorNote, PageHeader, Spinner } from '../../components/PageHeader';
import { useAsync } from '../../lib/use-async';
import { useConfirm } from '../../state/confirm';
import { ExchangeRoom, withReload, type RoomActions } from './ExchangeRoom';
import { modeHint, modeLabel, type RoomView } from './exchange-status';
import { InvitePanel, recallInvite } from './InvitePanel';
import { RequestActions } from './RequestActions';
import { useExchangeLive } from './use-exchange-live';

export const partnerName = (e: Pick<Exchange, 'partner'>) =>
  e.partner.displayName || (e.partner.username ? `@${e.partner.username}` : e.partner.kind === 'guest' ? 'Your guest' : 'Your partner');

export function ExchangeScreen({ id }: { id: string }) {
  const exchange = useAsync(() => exchangesApi.get(id), [id]);
  const confirm = useConfirm();
  useExchangeLive(id, exchange.reload);
  const e = exchange.data;

  const actions = useMemo<RoomActions>(
    () =>
      withReload(
        {
          capture: (image) => exchangesApi.capture(id, image),
          nextRound: () => exchangesApi.nextRound(id),
          react: (n, emoji) => exchangesApi.react(id, n, emoji),
          end: async () => {
            const ok = await confirm({
              title: 'End this exchange?',
              body: 'Neither of you can start another round afterwards.',
              confirmLabel: 'End',
              danger: true,
            });
            if (ok) await exchangesApi.act(id, 'end');
          },
        },
        exchange.reload,
      ),
    [id, exchange.reload, confirm],
  );

  if (exchange.error && !e) return <ErrorNote message={exchange.error} onRetry={exchange.reload} />;
  if (!e) return <Spinner />;
  const view: RoomView = {
    mode: e.mode,
    status: e.status,
    role: e.role,
    partnerName: partnerName(e),
    expiresAt: e.expiresAt,
    rounds: e.rounds,
  };
  const incoming = e.status === 'pending' && e.role === 'responder';
  // While a stranger has not joined yet, the requester can show the QR code again.
  const invite = e.status === 'pending' && e.role === 'requester' ? recallInvite(e.id) : null;
  return (
    <div className="screen exchange-screen" data-testid="exchange-screen" data-exchange-id={e.id} data-status={e.status}>
      <PageHeader
        back={{ href: '/exchanges', label: 'Exchanges' }}
        title={
          <>
            {modeLabel(e.mode)} with <span data-testid="exchange-partner">{view.partnerName}</span>
          </>
        }
        subtitle={`${modeHint(e.mode)}${e.partner.kind === 'guest' ? ' · Guest (invite link)' : ''}`}
      />
      <ExchangeRoom
        view={view}
        actions={actions}
        extra={
          incoming ? <RequestActions exchange={e} onDone={() => exchange.reload()} /> : invite ? <InvitePanel invite={invite} /> : undefined
        }
      />
    </div>
  );
}
