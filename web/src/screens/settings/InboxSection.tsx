/** Settings › "Photos sent to me": inbox policy (open, contacts only, off), blocked senders/hosts, the dropped log. */
import { useState, type FormEvent } from 'react';
import { Ban, Trash2 } from 'lucide-react';
import { errorMessage } from '../../api/client';
import { DROP_REASONS, inboxApi, type InboxBlock, type InboxPolicy } from '../../api/inbox';
import { ChoiceCards } from '../../components/ChoiceCards';
import { formatDateTime } from '../../lib/format';
import { useRealtimeRefresh } from '../../lib/realtime';
import { useAsync } from '../../lib/use-async';
import { useToast } from '../../state/toasts';

const POLICIES: Array<{ policy: InboxPolicy; title: string; text: string }> = [
  { policy: 'open', title: 'Anyone', text: 'Anyone may send you photos, as long as your face is in them.' },
  {
    policy: 'contacts',
    title: 'My contacts only',
    text: 'Only senders whose Kith address is in your contacts and who prove it: photos from their Kith, or signed by a key it issued.',
  },
  { policy: 'off', title: 'Off', text: 'Nobody can send you photos.' },
];

export function InboxSection() {
  const toast = useToast();
  const settings = useAsync(() => inboxApi.settings(), []);
  const blocks = useAsync(() => inboxApi.blocks(), []);
  const dropped = useAsync(() => inboxApi.dropped(), []);
  useRealtimeRefresh(['inbox.received'], dropped.reload);
  const [kind, setKind] = useState<InboxBlock['kind']>('sender');
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);

  const choose = async (policy: InboxPolicy) => {
    try {
      settings.setData(await inboxApi.setPolicy(policy));
    } catch (err) {
      toast({ tone: 'error', message: errorMessage(err) });
    }
  };
  const block = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const b = await inboxApi.addBlock(kind, value.trim());
      blocks.setData((xs) => [b, ...(xs ?? []).filter((x) => x.id !== b.id)]);
      setValue('');
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  const unblock = async (id: string) => {
    try {
      await inboxApi.removeBlock(id);
      blocks.setData((xs) => xs?.filter((b) => b.id !== id));
    } catch (err) {
      toast({ tone: 'error', message: errorMessage(err) });
    }
  };
  const counts = Object.entries(dropped.data?.counts ?? {}).sort((a, b) => b[1] - a[1]);

  return (
    <section className="card settings-card" data-testid="settings-inbox">
      <h2>Photos sent to me</h2>
      <p className="muted">
        Other people can send you photos with <code>kith share</code> or from their own Kith. Kith keeps only photos that show your face
        (checked against your reference faces) and puts them in your Inbox.
      </p>
      <ChoiceCards
        choices={POLICIES.map((p) => ({ value: p.policy, title: p.title, text: p.text }))}
        value={settings.data?.policy}
        onChange={(policy) => void choose(policy)}
        name="inbox-policy"
        label="Who may send me photos"
        testId="inbox-policy"
        valueAttr="data-policy"
      />

      <h3 className="section-label">Blocked senders and hosts</h3>
      <form className="row gap-8" onSubmit={(e) => void block(e)}>
        <select
          className="input inbox-block-kind"
          value={kind}
          onChange={(e) => setKind(e.target.value as InboxBlock['kind'])}
          data-testid="inbox-block-kind"
          aria-label="Block a"
        >
          <option value="sender">Sender</option>
          <option value="host">Host</option>
        </select>
        <input
          className="input grow"
          placeholder={kind === 'sender' ? 'alice@kith.example' : 'spam.example or 203.0.113.7'}
          value={value}
          onChange={(e) => setValue(e.target.value)}
          maxLength={300}
          data-testid="inbox-block-value"
        />
        <button className="button" disabled={!value.trim()} data-testid="inbox-block-add">
          <Ban size={16} /> Block
        </button>
      </form>
      {blocks.data?.length === 0 && <p className="muted small">Nobody is blocked.</p>}
      {error && (
        <p className="form-error" data-testid="inbox-block-error">
          {error}
        </p>
      )}
      {blocks.data && blocks.data.length > 0 && (
        <ul className="token-list" data-testid="inbox-block-list">
          {blocks.data.map((b) => (
            <li key={b.id} className="token-row" data-testid="inbox-block-row">
              <Ban size={16} className="text-muted" />
              <span className="grow">
                <strong>{b.value}</strong>{' '}
                <span className="muted small">
                  {b.kind === 'host' ? 'host' : 'sender'} · since {formatDateTime(b.createdAt)}
                </span>
              </span>
              <button
                className="button button-small button-danger-ghost"
                onClick={() => void unblock(b.id)}
                data-testid="inbox-block-remove"
              >
                <Trash2 size={14} /> Unblock
              </button>
            </li>
          ))}
        </ul>
      )}

      <h3 className="section-label">Dropped photos</h3>
      {dropped.data && counts.length === 0 && (
        <p className="muted small" data-testid="inbox-dropped-empty">
          Nothing dropped so far.
        </p>
      )}
      {counts.length > 0 && (
        <div className="chips" data-testid="inbox-dropped-counts">
          {counts.map(([code, n]) => (
            <span key={code} className="chip" data-testid="inbox-dropped-count" data-code={code}>
              {DROP_REASONS[code] ?? code}: <strong>{n}</strong>
            </span>
          ))}
        </div>
      )}
      {dropped.data && dropped.data.entries.length > 0 && (
        <ul className="token-list inbox-dropped" data-testid="inbox-dropped-list">
          {dropped.data.entries.slice(0, 20).map((d, i) => (
            <li key={i} className="token-row" data-testid="inbox-dropped-row" data-code={d.code}>
              <span className="grow">
                <strong>{d.senderName || d.senderAddress || 'Unknown sender'}</strong>
                {d.senderName && d.senderAddress && <span className="muted small"> {d.senderAddress}</span>}
                {!d.senderVerified && <span className="muted small"> · unverified sender</span>}
                <span className="muted small block">
                  {DROP_REASONS[d.code] ?? d.code} · {d.pictures === 1 ? '1 photo' : `${d.pictures} photos`} · from {d.sourceIp} ·{' '}
                  {formatDateTime(d.at)}
                </span>
              </span>
            </li>
          ))}
        </ul>
      )}
      <p className="muted small">No dropped photo is kept: only who claimed to send it, from where, and why it was dropped.</p>
    </section>
  );
}
