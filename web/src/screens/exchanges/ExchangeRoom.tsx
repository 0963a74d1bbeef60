/**
 * The exchange room, the same for a Kith user and a guest: the live status line, the capture
 * panel while it is my turn, the current round's result with reactions, "Another round" and
 * "End", and earlier rounds below. All state comes from the server; actions report errors inline.
 */
import { useCallback, useMemo, useRef, useState, type ReactNode } from 'react';
import { Check, CircleSlash, Hourglass, LoaderCircle, Repeat, Sparkles, X } from 'lucide-react';
import { errorMessage } from '../../api/client';
import { useConfirm } from '../../state/confirm';
import type { ExchangeImageKind, ExchangeSaveResult, Reaction } from '../../api/exchanges';
import { CameraCapture } from './CameraCapture';
import { currentRound, modeLabel, myTurn, statusLine, type RoomView } from './exchange-status';
import { RoundResult } from './RoundResult';

export interface RoomActions {
  capture: (image: Blob) => Promise<void>;
  nextRound: () => Promise<void>;
  react: (n: number, emoji: Reaction) => Promise<void>;
  /** Absent for guests, who simply close the page. */
  end?: () => Promise<void>;
}

/**
 * The room's actions on one exchange, for the account side and the guest side alike: `api` calls
 * the server; each action is followed by a reload of the exchange (the socket may lag behind my
 * own change), and End asks for confirmation first.
 */
export function useRoomActions(api: Required<RoomActions>, reload: () => void): RoomActions {
  const confirm = useConfirm();
  // The caller builds `api` afresh on each render; the actions keep calling the latest one.
  const latest = useRef(api);
  latest.current = api;
  return useMemo(() => {
    const then =
      <A extends unknown[]>(fn: (...a: A) => Promise<void>) =>
      async (...a: A) => {
        await fn(...a);
        reload();
      };
    return {
      capture: then((image: Blob) => latest.current.capture(image)),
      nextRound: then(() => latest.current.nextRound()),
      react: then((n: number, emoji: Reaction) => latest.current.react(n, emoji)),
      end: then(async () => {
        const ok = await confirm({
          title: 'End this exchange?',
          body: 'Neither of you can start another round afterwards.',
          confirmLabel: 'End',
          danger: true,
        });
        if (ok) await latest.current.end();
      }),
    };
  }, [reload, confirm]);
}

const TONE_ICON = { info: Sparkles, progress: LoaderCircle, success: Check, ended: CircleSlash } as const;

export function ExchangeRoom({
  view,
  actions,
  guest = false,
  extra,
  onSave,
}: {
  view: RoomView;
  actions: RoomActions;
  guest?: boolean;
  extra?: ReactNode;
  /** "Save to library" on each image (a Kith user's room; guests download instead). */
  onSave?: (n: number, which: ExchangeImageKind) => Promise<ExchangeSaveResult>;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const line = statusLine(view);
  const round = currentRound(view);
  const Icon = TONE_ICON[line.tone];

  const run = useCallback(async (fn: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }, []);
  const capture = useCallback((image: Blob) => run(() => actions.capture(image)), [run, actions]);

  const active = view.status === 'active';
  const earlier = view.rounds
    .slice(0, -1)
    .filter((r) => r.phase === 'done')
    .reverse();
  return (
    <div className="exchange-room" data-testid="exchange-room" data-status={view.status}>
      <div
        className={`exchange-status status-${line.tone}`}
        data-testid="exchange-status"
        data-state={line.state}
        role="status"
        aria-live="polite"
      >
        <Icon size={18} className={line.tone === 'progress' ? 'spin' : undefined} aria-hidden />
        <span>{line.text}</span>
        {round && active && <span className="exchange-round-no">Round {round.n}</span>}
      </div>
      {error && (
        <p className="form-error" role="alert" data-testid="exchange-error">
          {error}
        </p>
      )}
      {extra}

      {active && myTurn(view) && <CameraCapture onCapture={capture} busy={busy} />}
      {active && round && round.phase === 'waiting' && !myTurn(view) && (
        <div className="exchange-waiting" data-testid="exchange-waiting">
          <Hourglass size={28} strokeWidth={1.5} aria-hidden />
          <p>
            Your photo is in. {view.mode === 'synthesis' ? 'The group photo is made' : 'You get theirs'} as soon as {view.partnerName} has
            taken theirs.
          </p>
        </div>
      )}
      {round?.phase === 'composing' && (
        <div className="exchange-waiting" data-testid="exchange-composing">
          <LoaderCircle size={28} strokeWidth={1.5} className="spin" aria-hidden />
          <p>Cutting {view.role === 'requester' ? view.partnerName : 'you'} out and placing you side by side…</p>
        </div>
      )}
      {round?.phase === 'failed' && round.note && (
        <p className="result-note" data-testid="result-note">
          {round.note}
        </p>
      )}
      {round?.phase === 'done' && (
        <RoundResult
          round={round}
          role={view.role}
          partnerName={view.partnerName}
          downloads={guest}
          onReact={active ? (emoji) => void run(() => actions.react(round.n, emoji)) : undefined}
          onSave={onSave && ((which) => onSave(round.n, which))}
        />
      )}

      {active && (
        <div className="exchange-actions">
          {round && (round.phase === 'done' || round.phase === 'failed') && (
            <button
              className="button button-primary"
              disabled={busy}
              onClick={() => void run(actions.nextRound)}
              data-testid="exchange-another-round"
            >
              <Repeat size={16} /> Another round
            </button>
          )}
          {actions.end && (
            <button
              className="button button-danger-ghost"
              disabled={busy}
              onClick={() => void run(actions.end!)}
              data-testid="exchange-end"
            >
              <X size={16} /> End exchange
            </button>
          )}
        </div>
      )}

      {earlier.length > 0 && (
        <section className="exchange-earlier">
          <h2 className="section-label">Earlier rounds</h2>
          {earlier.map((r) => (
            <div key={r.n} className="exchange-earlier-round" data-testid="exchange-earlier-round" data-n={r.n}>
              <span className="muted small">Round {r.n}</span>
              <RoundResult
                round={r}
                role={view.role}
                partnerName={view.partnerName}
                downloads={guest}
                onSave={onSave && ((which) => onSave(r.n, which))}
              />
            </div>
          ))}
        </section>
      )}
      {(active || view.rounds.some((r) => r.phase === 'done')) && (
        <p className="muted small exchange-mode-note">
          {modeLabel(view.mode)} ·{' '}
          {guest
            ? 'Photos you take here are sent to the person who invited you.'
            : 'The photos stay in this exchange; “Save to library” keeps one in your album “Exchanges”.'}
        </p>
      )}
    </div>
  );
}
