/**
 * /exchanges/:id — the room for a Kith user: a pending request shows who asks and the answers
 * (responder) or the wait (requester); an active one the capture and results. Updates arrive
 * over socket.io and reload the exchange.
 */
import { errorMessage } from '../../api/client';
import { exchangesApi, type Exchange } from '../../api/exchanges';
import { ErrorNote, PageHeader, Spinner } from '../../components/PageHeader';
import { navigate } from '../../lib/router';
import { useAsync } from '../../lib/use-async';
import { useToast } from '../../state/toasts';
import { ExchangeRoom, useRoomActions } from './ExchangeRoom';
import { modeHint, modeLabel, type RoomView } from './exchange-status';
import { InvitePanel, recallInvite, rememberInvite } from './InvitePanel';
import { RequestActions } from './RequestActions';
import { useExchangeLive } from './use-exchange-live';

export const partnerName = (e: Pick<Exchange, 'partner'>) =>
  e.partner.displayName || (e.partner.username ? `@${e.partner.username}` : e.partner.kind === 'guest' ? 'Your guest' : 'Your partner');

/**
 * An account's exchange as the room shows it. An invite nobody joined (still pending, or expired:
 * joining accepts, so an expired one was never joined) has no partner name yet.
 */
export function roomView(e: Exchange): RoomView {
  const invitePending = e.partner.kind === 'guest' && (e.status === 'pending' || e.status === 'expired');
  const name = invitePending ? 'your guest' : partnerName(e);
  return { mode: e.mode, status: e.status, role: e.role, partnerName: name, expiresAt: e.expiresAt, rounds: e.rounds, invitePending };
}

export function ExchangeScreen({ id }: { id: string }) {
  const exchange = useAsync(() => exchangesApi.get(id), [id]);
  const toast = useToast();
  useExchangeLive(id, exchange.reload);
  const e = exchange.data;

  const actions = useRoomActions(
    {
      capture: (image) => exchangesApi.capture(id, image),
      nextRound: () => exchangesApi.nextRound(id),
      react: (n, emoji) => exchangesApi.react(id, n, emoji),
      end: () => exchangesApi.act(id, 'end'),
    },
    exchange.reload,
  );

  if (exchange.error && !e) return <ErrorNote message={exchange.error} onRetry={exchange.reload} />;
  if (!e) return <Spinner />;
  const view = roomView(e);
  const incoming = e.status === 'pending' && e.role === 'responder';
  // A declined or expired request of mine to a Kith user can be sent again in one click.
  // An expired invite gets a fresh link the same way.
  const canAskAgain =
    e.role === 'requester' && (e.status === 'declined' || e.status === 'expired') && (!!e.partner.username || view.invitePending);
  const askAgain = async () => {
    const { invite: link, ...next } = await exchangesApi.create(
      e.partner.username ? { mode: e.mode, to: e.partner.username } : { mode: e.mode, invite: true },
    );
    if (link) rememberInvite(next.id, link);
    navigate(`/exchanges/${encodeURIComponent(next.id)}`);
  };
  // While a stranger has not joined yet, the requester can show the QR code again.
  const invite = e.status === 'pending' && e.role === 'requester' ? recallInvite(e.id) : null;
  return (
    <div className="screen exchange-screen" data-testid="exchange-screen" data-exchange-id={e.id} data-status={e.status}>
      <PageHeader
        back={{ href: '/exchanges', label: 'Exchanges' }}
        title={
          <>
            {view.invitePending ? (
              `${modeLabel(e.mode)} by invite link`
            ) : (
              <>
                {modeLabel(e.mode)} with <span data-testid="exchange-partner">{view.partnerName}</span>
              </>
            )}
          </>
        }
        subtitle={`${modeHint(e.mode)}${e.partner.kind === 'guest' && !view.invitePending ? ' · Guest by invite link' : ''}`}
      />
      <ExchangeRoom
        view={view}
        actions={actions}
        onSave={(n, which) => exchangesApi.save(id, n, which)}
        extra={
          canAskAgain ? (
            <div className="exchange-actions">
              <button
                className="button button-primary"
                onClick={() => void askAgain().catch((err) => toast({ tone: 'error', message: errorMessage(err) }))}
                data-testid="exchange-ask-again"
              >
                {e.partner.username ? 'Ask again' : 'New invite link'}
              </button>
            </div>
          ) : incoming ? (
            <RequestActions exchange={e} onDone={() => exchange.reload()} />
          ) : invite ? (
            <InvitePanel invite={invite} />
          ) : undefined
        }
      />
    </div>
  );
}
