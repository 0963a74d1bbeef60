/**
 * Confirm contacts (docs/security.md "Phone numbers and now playing"): accounts that claim a number
 * of my address book without having verified it. Typing the number as my book has it and pressing
 * Confirm says "this Kith account is my contact"; it counts for me only, like following someone.
 */
import { useState, type FormEvent } from 'react';
import { UserCheck } from 'lucide-react';
import { errorMessage } from '../../api/client';
import { phoneApi } from '../../api/phone';
import type { NowPlayingConfirmation } from '../../api/types';
import { TextField } from '../../components/TextField';
import { useAsync } from '../../lib/use-async';

export function ConfirmationsCard({ version, onChanged }: { version?: unknown; onChanged: () => void }) {
  const state = useAsync(() => phoneApi.confirmations(), [version]);
  const list = (state.data ?? []).filter((c) => !c.verified);
  if (!list.length) return null;
  return (
    <section className="card now-playing-side-card" data-testid="now-playing-confirmations">
      <h2>
        <UserCheck size={16} /> Is this your contact?
      </h2>
      <p className="muted now-playing-note">
        These accounts give a number from your address book, but have not proved it is theirs. Confirm only people you know: their plays
        then reach you, and yours reach them. It counts for you alone.
      </p>
      {list.map((c) => (
        <ConfirmRow
          key={c.account.id}
          c={c}
          onDone={(next) => {
            state.setData(next);
            onChanged();
          }}
        />
      ))}
    </section>
  );
}

function ConfirmRow({ c, onDone }: { c: NowPlayingConfirmation; onDone: (next: NowPlayingConfirmation[]) => void }) {
  const [phone, setPhone] = useState('');
  const [error, setError] = useState<string | null>(null);
  const who = c.account.displayName || c.account.username;
  const act = async (fn: () => Promise<NowPlayingConfirmation[]>) => {
    setError(null);
    try {
      onDone(await fn());
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  const confirm = (e: FormEvent) => {
    e.preventDefault();
    void act(() => phoneApi.confirm(c.account.id, phone));
  };
  return (
    <div className="phone-confirm-row" data-testid="now-playing-confirm-row">
      <span>
        <strong>{who}</strong> <span className="muted">@{c.account.username}</span> says their number is {c.phone_hint}.
      </span>
      {c.confirmed_at ? (
        <span>
          <span className="badge badge-success">Confirmed by you</span>{' '}
          <button
            type="button"
            className="button button-small"
            onClick={() => void act(async () => (await phoneApi.unconfirm(c.account.id), phoneApi.confirmations()))}
          >
            Withdraw
          </button>
        </span>
      ) : (
        <form onSubmit={confirm}>
          <TextField
            label={`${who}'s number in your book`}
            type="tel"
            value={phone}
            onChange={(e) => setPhone(e.target.value)}
            placeholder="+49 151 …"
            data-testid="now-playing-confirm-phone"
          />
          <button className="button button-small button-primary" disabled={!phone.trim()} data-testid="now-playing-confirm">
            Confirm
          </button>
        </form>
      )}
      {error && <p className="form-error">{error}</p>}
    </div>
  );
}
