/**
 * My number: verified or not, "Send code", the code field, and why it matters, in plain words
 * (docs/security.md "Phone numbers and now playing"). Shown in Settings → Profile and on Friends,
 * the two places where the number is entered; `version` changes when the number was just saved.
 */
import { useState, type FormEvent } from 'react';
import { BadgeCheck, MessageSquareText } from 'lucide-react';
import { errorMessage } from '../api/client';
import { phoneApi } from '../api/phone';
import { useAsync } from '../lib/use-async';
import { TextField } from './TextField';

export function PhoneVerification({ version, onVerified }: { version?: unknown; onVerified?: () => void }) {
  const state = useAsync(() => phoneApi.status(), [version]);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const s = state.data;

  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const send = () =>
    run(async () => {
      await phoneApi.sendCode();
      state.reload();
    });
  const verify = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      state.setData(await phoneApi.verify(code));
      setCode('');
      onVerified?.();
    });
  };

  if (!s) return null;
  return (
    <div className="phone-verification" data-testid="phone-verification">
      {s.notice && (
        <div className="phone-notice" role="status" data-testid="phone-notice">
          <p>
            Another account on this server proved that <strong>{s.notice.phone}</strong> is theirs, so it was removed from your account. If
            it is your number, add it again and verify it.
          </p>
          <button
            type="button"
            className="button button-small"
            onClick={() => void run(async () => (await phoneApi.dismissNotice(), state.reload()))}
          >
            Dismiss
          </button>
        </div>
      )}
      <div className="phone-status">
        <span>
          <MessageSquareText size={15} /> {s.phone ?? 'No number yet'}
        </span>
        {s.phone &&
          (s.verified ? (
            <span className="badge badge-success" data-testid="phone-status">
              <BadgeCheck size={13} /> Verified
            </span>
          ) : (
            <span className="badge badge-soft" data-testid="phone-status">
              Not verified
            </span>
          ))}
      </div>
      <p className="muted small" data-testid="phone-why">
        {s.verified
          ? 'Kith knows this number is yours, so friends who have it in their address book see your plays.'
          : 'Friends see your plays only once Kith knows this number is yours.'}
        {!s.phone && ' Add your number in your profile or on the Friends page.'}
      </p>
      {s.phone && !s.verified && s.sms_gateway && (
        <form className="phone-code-form" onSubmit={verify}>
          {s.pending_code && (
            <TextField
              label="Code from the text message"
              value={code}
              onChange={(e) => setCode(e.target.value)}
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="\d{6}"
              maxLength={6}
              placeholder="6 digits"
              hint={`Sent to ${s.pending_code.sent_to}; valid until ${new Date(s.pending_code.expires_at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}, ${s.pending_code.attempts_left} tries left.`}
              data-testid="phone-code"
            />
          )}
          <div className="phone-actions">
            {s.pending_code && (
              <button className="button button-primary" disabled={busy || code.length !== 6} data-testid="phone-verify">
                Verify
              </button>
            )}
            <button type="button" className="button" disabled={busy} onClick={() => void send()} data-testid="phone-send-code">
              {s.pending_code ? 'Send a new code' : 'Send code'}
            </button>
          </div>
        </form>
      )}
      {s.phone && !s.verified && !s.sms_gateway && (
        <p className="small" data-testid="phone-no-gateway">
          This server cannot send text messages, so it cannot check your number by code. A friend who has your number in their address book
          can confirm you on their Friends page, and the server admin can mark your number verified.
        </p>
      )}
      {error && (
        <p className="form-error" data-testid="phone-error">
          {error}
        </p>
      )}
    </div>
  );
}
