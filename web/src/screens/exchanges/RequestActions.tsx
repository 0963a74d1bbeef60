/**
 * Answers to an incoming request: accept, decline, block the requester (no more requests from
 * them) or report abuse (stored for the admins). Used in the list and in the room.
 */
import { useState } from 'react';
import { Ban, Check, Flag, X } from 'lucide-react';
import { errorMessage } from '../../api/client';
import { exchangesApi, type Exchange } from '../../api/exchanges';
import { PromptDialog } from '../../components/PromptDialog';
import { useConfirm } from '../../state/confirm';
import { useToast } from '../../state/toasts';

export function RequestActions({
  exchange,
  onDone,
  compact = false,
}: {
  exchange: Exchange;
  onDone: (action: string) => void;
  compact?: boolean;
}) {
  const [busy, setBusy] = useState(false);
  const [reporting, setReporting] = useState(false);
  const confirm = useConfirm();
  const toast = useToast();
  const who = exchange.partner.displayName || exchange.partner.username || 'this person';

  const act = async (action: 'accept' | 'decline' | 'block') => {
    if (
      action === 'block' &&
      !(await confirm({
        title: `Block ${who}?`,
        body: 'They will not be able to ask you for exchanges again. This request is refused.',
        confirmLabel: 'Block',
        danger: true,
      }))
    )
      return;
    setBusy(true);
    try {
      await exchangesApi.act(exchange.id, action);
      onDone(action);
    } catch (err) {
      toast({ tone: 'error', message: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  };

  const small = compact ? ' button-small' : '';
  return (
    <div className="request-actions">
      <button className={`button button-primary${small}`} disabled={busy} onClick={() => void act('accept')} data-testid="exchange-accept">
        <Check size={16} /> Accept
      </button>
      <button className={`button${small}`} disabled={busy} onClick={() => void act('decline')} data-testid="exchange-decline">
        <X size={16} /> Decline
      </button>
      <button
        className={`button button-danger-ghost${small}`}
        disabled={busy}
        onClick={() => void act('block')}
        data-testid="exchange-block"
      >
        <Ban size={16} /> Block
      </button>
      <button
        className={`button button-danger-ghost${small}`}
        disabled={busy}
        onClick={() => setReporting(true)}
        data-testid="exchange-report"
        title="Report abuse to the admins"
      >
        <Flag size={16} /> Report
      </button>
      {reporting && (
        <PromptDialog
          title={`Report ${who}`}
          label="What happened? The admins of this Kith read it."
          submitLabel="Send report"
          onClose={() => setReporting(false)}
          testId="exchange-report-dialog"
          onSubmit={async (reason) => {
            await exchangesApi.report(exchange.id, reason);
            setReporting(false);
            toast({ tone: 'success', message: 'Report sent. Thank you.' });
            onDone('report');
          }}
        />
      )}
    </div>
  );
}
