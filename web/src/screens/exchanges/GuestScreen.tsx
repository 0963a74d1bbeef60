/**
 * /x/:token — a stranger's page, no account: who invites and what for, a display name, Join
 * or Decline, then the same room as a Kith user's, with download links for the results. The
 * token is the guest's capability for this one exchange; its socket authenticates with it.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { Camera, Link2Off } from 'lucide-react';
import { errorMessage } from '../../api/client';
import { guestExchangesApi } from '../../api/exchanges';
import { BrandMark } from '../../components/BrandMark';
import { EmptyState, Spinner } from '../../components/PageHeader';
import { PromptDialog } from '../../components/PromptDialog';
import { connectGuestRealtime } from '../../lib/realtime';
import { navigate } from '../../lib/router';
import { useAsync } from '../../lib/use-async';
import { useToast } from '../../state/toasts';
import { ExchangeRoom, useRoomActions } from './ExchangeRoom';
import { modeHint, modeLabel, statusLine, type RoomView } from './exchange-status';
import { useExchangeLive } from './use-exchange-live';

export function GuestScreen({ token }: { token: string }) {
  const state = useAsync(() => guestExchangesApi.get(token), [token]);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const g = state.data;
  const toast = useToast();
  const [reporting, setReporting] = useState(false);

  // The socket authenticates with the guest's own token, so it opens once joined; it stays for the visit.
  const joined = !!g?.joined;
  useEffect(() => (joined ? connectGuestRealtime(token) : undefined), [joined, token]);
  useExchangeLive(g?.id, state.reload);

  const actions = useRoomActions(
    {
      capture: (image) => guestExchangesApi.capture(token, image),
      nextRound: () => guestExchangesApi.nextRound(token),
      react: (n, emoji) => guestExchangesApi.react(token, n, emoji),
      end: () => guestExchangesApi.end(token),
    },
    state.reload,
  );

  const answer = async (e: FormEvent | null, join: boolean) => {
    e?.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (join) {
        // From now on the page's address carries the guest's own token (the invite is spent), so a reload still works.
        const guestToken = await guestExchangesApi.join(token, name.trim());
        navigate(`/x/${encodeURIComponent(guestToken)}`, { replace: true });
      } else {
        await guestExchangesApi.decline(token);
        state.reload();
      }
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  let body;
  if (state.error && !g) {
    body = (
      <EmptyState icon={<Link2Off size={40} strokeWidth={1.5} />} title="This invite link does not work" testId="guest-gone">
        <p>It may have expired or been used already. Ask the person who sent it for a new one.</p>
        <p className="muted small">{state.error}</p>
      </EmptyState>
    );
  } else if (!g) body = <Spinner label="Opening the invite…" />;
  else {
    const inviter = g.requester.displayName || g.requester.username || 'Someone';
    const view: RoomView = {
      mode: g.mode,
      status: g.status,
      role: 'responder',
      partnerName: inviter,
      expiresAt: g.expiresAt,
      rounds: g.rounds,
    };
    body =
      !g.joined && g.status === 'pending' ? (
        <form className="guest-join card" onSubmit={(e) => void answer(e, true)} data-testid="guest-join-form">
          <Camera size={36} strokeWidth={1.5} className="guest-join-icon" aria-hidden />
          <h1>
            <span data-testid="guest-inviter">{inviter}</span> invites you to a{' '}
            <span data-testid="guest-mode" data-mode={g.mode}>
              {modeLabel(g.mode).toLowerCase()}
            </span>
          </h1>
          <p className="muted">{modeHint(g.mode)} No account or app needed; the link works only for this exchange.</p>
          <label className="field">
            <span className="field-label">Your name</span>
            <input
              className="input"
              value={name}
              maxLength={60}
              required
              autoFocus
              autoComplete="name"
              placeholder="How they will see you"
              onChange={(e) => setName(e.target.value)}
              data-testid="guest-name"
            />
          </label>
          {error && (
            <p className="form-error" role="alert" data-testid="guest-error">
              {error}
            </p>
          )}
          <button className="button button-primary button-block" disabled={busy || !name.trim()} data-testid="guest-join">
            Join
          </button>
          <button
            type="button"
            className="button button-block"
            disabled={busy}
            onClick={() => void answer(null, false)}
            data-testid="guest-decline"
          >
            No thanks
          </button>
        </form>
      ) : (
        <>
          <header className="guest-head">
            <h1>
              {modeLabel(g.mode)} with <span data-testid="guest-inviter">{inviter}</span>
            </h1>
            <div className="guest-head-meta">
              {g.displayName && <span className="muted">You are {g.displayName}</span>}
              <button className="link-button" onClick={() => setReporting(true)} data-testid="guest-report">
                Report abuse
              </button>
            </div>
          </header>
          {reporting && (
            <PromptDialog
              title={`Report ${inviter}`}
              label="What happened? The admins of this Kith read it."
              submitLabel="Send report"
              onClose={() => setReporting(false)}
              testId="exchange-report-dialog"
              onSubmit={async (reason) => {
                await guestExchangesApi.report(token, reason);
                setReporting(false);
                toast({ tone: 'success', message: 'Report sent. Thank you.' });
              }}
            />
          )}
          {g.status === 'declined' ? (
            <p className="exchange-status status-ended" data-testid="exchange-status" data-state={statusLine(view).state}>
              You said no thanks. You can close this page.
            </p>
          ) : (
            <ExchangeRoom view={view} actions={actions} guest />
          )}
        </>
      );
  }
  return (
    <div className="guest-page" data-testid="guest-screen">
      <div className="guest-brand">
        <BrandMark />
      </div>
      <main className="guest-main">{body}</main>
    </div>
  );
}
