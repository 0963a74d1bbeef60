/**
 * Exchanges: incoming requests first (accept / decline / block / report right in the list),
 * then my exchanges by recency; "New exchange" asks a Kith user, a contact, or invites a
 * stranger. Who may ask me is my policy (anyone / contacts / nobody).
 */
import { useState } from 'react';
import { ArrowRight, Camera, Plus } from 'lucide-react';
import { errorMessage } from '../../api/client';
import { exchangesApi, type Exchange, type ExchangePolicy } from '../../api/exchanges';
import { Avatar } from '../../components/Avatar';
import { EmptyState, ErrorNote, PageHeader, Spinner } from '../../components/PageHeader';
import { formatDateTime } from '../../lib/format';
import { useRealtimeRefresh } from '../../lib/realtime';
import { Link, navigate } from '../../lib/router';
import { useAsync } from '../../lib/use-async';
import { useToast } from '../../state/toasts';
import { modeLabel, statusLine } from './exchange-status';
import { roomView } from './ExchangeScreen';
import { NewExchangeDialog } from './NewExchangeDialog';
import { RequestActions } from './RequestActions';

const POLICIES: Array<{ id: ExchangePolicy; label: string }> = [
  { id: 'anyone', label: 'Anyone on this Kith' },
  { id: 'contacts', label: 'Only my contacts' },
  { id: 'nobody', label: 'Nobody' },
];

const isIncoming = (e: Exchange) => e.status === 'pending' && e.role === 'responder';

function PolicyPicker() {
  const settings = useAsync(() => exchangesApi.settings(), []);
  const toast = useToast();
  const change = async (policy: ExchangePolicy) => {
    try {
      settings.setData(await exchangesApi.setPolicy(policy));
      toast({ tone: 'success', message: 'Saved: who may ask you for exchanges.' });
    } catch (err) {
      toast({ tone: 'error', message: errorMessage(err) });
    }
  };
  return (
    <label className="policy-picker">
      <span className="muted small">Who may ask me</span>
      <select
        className="input input-small"
        value={settings.data?.policy ?? ''}
        disabled={!settings.data}
        onChange={(e) => void change(e.target.value as ExchangePolicy)}
        data-testid="exchange-policy"
      >
        {!settings.data && <option value="">…</option>}
        {POLICIES.map((p) => (
          <option key={p.id} value={p.id}>
            {p.label}
          </option>
        ))}
      </select>
    </label>
  );
}

function ExchangeRow({ e, onChanged }: { e: Exchange; onChanged: () => void }) {
  const view = roomView(e);
  const name = view.invitePending ? 'Invite link' : view.partnerName;
  const line = statusLine(view);
  const incoming = isIncoming(e);
  return (
    <li
      className={`exchange-row${incoming ? ' incoming' : ''}`}
      data-testid="exchange-row"
      data-exchange-id={e.id}
      data-status={e.status}
      data-role={e.role}
    >
      <Avatar name={name} seed={e.partner.username ?? name} size={40} />
      <div className="grow">
        <div className="exchange-row-title">
          <strong>{name}</strong>
          {e.partner.kind === 'guest' && <span className="badge badge-soft">Guest</span>}
          <span className={`badge ${e.mode === 'synthesis' ? 'badge-primary' : 'badge-soft'}`}>{modeLabel(e.mode)}</span>
        </div>
        <div className={`muted small exchange-row-status status-${line.tone}`} data-testid="exchange-row-status" data-state={line.state}>
          {line.text} · {formatDateTime(e.createdAt)}
        </div>
        {incoming && (
          <RequestActions exchange={e} compact onDone={(a) => (a === 'accept' ? navigate(`/exchanges/${e.id}`) : onChanged())} />
        )}
      </div>
      {!incoming && (
        <Link
          href={`/exchanges/${encodeURIComponent(e.id)}`}
          className="button button-small"
          data-testid="exchange-open"
          aria-label={`Open the exchange with ${name}`}
        >
          Open <ArrowRight size={14} />
        </Link>
      )}
    </li>
  );
}

export function ExchangesScreen() {
  const list = useAsync(() => exchangesApi.list(), []);
  const [creating, setCreating] = useState(false);
  useRealtimeRefresh(['exchange.requested', 'exchange.updated'], list.reload, 150);
  const items = list.data ?? [];
  const incoming = items.filter(isIncoming);
  const others = items.filter((e) => !isIncoming(e));

  return (
    <div className="screen exchanges" data-testid="exchanges-screen">
      <PageHeader
        title="Exchanges"
        subtitle="Swap photos live with anyone, or make one group photo of the two of you, wherever you both are."
        actions={
          <>
            <PolicyPicker />
            <button className="button button-primary" onClick={() => setCreating(true)} data-testid="exchange-new">
              <Plus size={16} /> New exchange
            </button>
          </>
        }
      />
      {list.error && !list.data ? (
        <ErrorNote message={list.error} onRetry={list.reload} />
      ) : !list.data ? (
        <Spinner />
      ) : items.length === 0 ? (
        <EmptyState icon={<Camera size={40} strokeWidth={1.5} />} title="No exchanges yet" testId="exchanges-empty">
          <p>Ask a friend on Kith, or invite anyone with a link or QR code: they join from their phone’s browser, no account needed.</p>
          <button className="button button-primary" onClick={() => setCreating(true)}>
            <Plus size={16} /> New exchange
          </button>
        </EmptyState>
      ) : (
        <>
          {incoming.length > 0 && (
            <section className="exchange-section" aria-labelledby="incoming-title">
              <h2 id="incoming-title" className="section-label">
                Requests for you
              </h2>
              <ul className="exchange-list" data-testid="exchange-incoming">
                {incoming.map((e) => (
                  <ExchangeRow key={e.id} e={e} onChanged={list.reload} />
                ))}
              </ul>
            </section>
          )}
          {others.length > 0 && (
            <section className="exchange-section" aria-labelledby="mine-title">
              <h2 id="mine-title" className="section-label">
                Your exchanges
              </h2>
              <ul className="exchange-list" data-testid="exchange-list">
                {others.map((e) => (
                  <ExchangeRow key={e.id} e={e} onChanged={list.reload} />
                ))}
              </ul>
            </section>
          )}
        </>
      )}
      {creating && (
        <NewExchangeDialog
          onClose={() => {
            setCreating(false);
            list.reload();
          }}
          onOpen={(id) => navigate(`/exchanges/${encodeURIComponent(id)}`)}
        />
      )}
    </div>
  );
}
