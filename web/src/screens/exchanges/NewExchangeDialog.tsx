/**
 * "New exchange": the mode (photo exchange or group photo), then who — a Kith user by
 * username or user@host, one of my contacts, or a stranger through an invite link with a QR
 * code. The server checks the responder's policy; its refusal shows here (e.g. "only accepts
 * exchanges from contacts").
 */
import { useState, type FormEvent } from 'react';
import { Images, Link2, UserRound, Users } from 'lucide-react';
import { errorMessage } from '../../api/client';
import { contactsApi } from '../../api/contacts';
import { exchangesApi, type Exchange, type ExchangeInvite, type ExchangeMode, type NewExchange } from '../../api/exchanges';
import { Modal } from '../../components/Modal';
import { TextField } from '../../components/TextField';
import { useAsync } from '../../lib/use-async';
import { InvitePanel, rememberInvite } from './InvitePanel';
import { modeHint } from './exchange-status';

type Target = 'user' | 'contact' | 'invite';

const TARGETS: Array<{ id: Target; label: string; icon: typeof Users }> = [
  { id: 'user', label: 'Kith user', icon: UserRound },
  { id: 'contact', label: 'Contact', icon: Users },
  { id: 'invite', label: 'Invite a stranger', icon: Link2 },
];

export function NewExchangeDialog({ onClose, onOpen }: { onClose: () => void; onOpen: (exchangeId: string) => void }) {
  const [mode, setMode] = useState<ExchangeMode>('exchange');
  const [target, setTarget] = useState<Target>('user');
  const [to, setTo] = useState('');
  const [contactId, setContactId] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ exchange: Exchange; invite: ExchangeInvite } | null>(null);
  // Contacts linked to a Kith account on this server can be asked directly.
  const contacts = useAsync(() => contactsApi.listAll(), []);
  const linked = (contacts.data ?? []).filter((c) => c.linkedAccount);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body: NewExchange =
        target === 'invite'
          ? { mode, invite: true as const }
          : target === 'contact'
            ? { mode, contactId }
            : { mode, to: to.trim().replace(/^@/, '') };
      const { invite, ...exchange } = await exchangesApi.create(body);
      if (invite) {
        rememberInvite(exchange.id, invite);
        setCreated({ exchange, invite });
      } else onOpen(exchange.id);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  if (created)
    return (
      <Modal
        title="Invite link ready"
        onClose={onClose}
        testId="new-exchange-dialog"
        footer={
          <button className="button button-primary" onClick={() => onOpen(created.exchange.id)} data-testid="invite-open-room">
            Open the room
          </button>
        }
      >
        <InvitePanel invite={created.invite} />
      </Modal>
    );

  const canSubmit = target === 'invite' || (target === 'user' ? to.trim().length > 0 : !!contactId);
  return (
    <Modal title="New exchange" onClose={onClose} testId="new-exchange-dialog">
      <form className="stack gap-16" onSubmit={(e) => void submit(e)}>
        <fieldset className="choice-group">
          <legend className="field-label">What to make</legend>
          {(['exchange', 'synthesis'] as const).map((m) => (
            <label key={m} className={`choice${mode === m ? ' active' : ''}`}>
              <input
                type="radio"
                name="mode"
                value={m}
                checked={mode === m}
                onChange={() => setMode(m)}
                data-testid={`new-exchange-mode-${m}`}
              />
              {m === 'exchange' ? <Images size={18} aria-hidden /> : <Users size={18} aria-hidden />}
              <span>
                <strong>{m === 'exchange' ? 'Photo exchange' : 'Group photo'}</strong>
                <span className="muted small block">{modeHint(m)}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <div className="segmented" role="tablist" aria-label="Who">
          {TARGETS.map(({ id, label, icon: Icon }) => (
            <button
              key={id}
              type="button"
              role="tab"
              aria-selected={target === id}
              className={`segment${target === id ? ' active' : ''}`}
              onClick={() => setTarget(id)}
              data-testid={`new-exchange-target-${id}`}
            >
              <Icon size={16} aria-hidden /> {label}
            </button>
          ))}
        </div>
        {target === 'user' && (
          <TextField
            label="Username"
            hint="Someone on this Kith: their username, or user@host. People on another server get an invite link instead."
            placeholder="bob or bob@kith.example"
            value={to}
            onChange={(e) => setTo(e.target.value)}
            autoFocus
            autoCapitalize="none"
            autoCorrect="off"
            data-testid="new-exchange-to"
          />
        )}
        {target === 'contact' && (
          <label className="field">
            <span className="field-label">Contact</span>
            <select className="input" value={contactId} onChange={(e) => setContactId(e.target.value)} data-testid="new-exchange-contact">
              <option value="">{linked.length ? 'Choose a contact…' : 'No contact has a Kith account here yet'}</option>
              {linked.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
            <span className="field-hint">Contacts with an account on this Kith.</span>
          </label>
        )}
        {target === 'invite' && (
          <p className="muted">
            Kith makes a one-time link and a QR code. The person who opens it joins as a guest in any browser, with no account or app, and
            can take part only in this exchange.
          </p>
        )}
        {error && (
          <p className="form-error" role="alert" data-testid="new-exchange-error">
            {error}
          </p>
        )}
        <div className="row gap-8 justify-end">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button className="button button-primary" disabled={busy || !canSubmit} data-testid="new-exchange-submit">
            {busy ? 'Sending…' : target === 'invite' ? 'Create invite link' : 'Send request'}
          </button>
        </div>
      </form>
    </Modal>
  );
}
