/**
 * Security: change the password (the current one is required; every other session ends) and
 * "log out everywhere else" (POST /api/me/password, GET /api/me/sessions, POST /api/me/sessions/end-others).
 */
import { useState, type FormEvent } from 'react';
import { LogOut, ShieldCheck } from 'lucide-react';
import { ApiError, errorMessage, fieldErrors } from '../../api/client';
import { meApi } from '../../api/me';
import { TextField } from '../../components/TextField';
import { useAsync } from '../../lib/use-async';
import { useConfirm } from '../../state/confirm';
import { useToast } from '../../state/toasts';

const others = (n: number) => (n === 1 ? '1 other browser was' : `${n} other browsers were`);

export function SecuritySection() {
  const sessions = useAsync(() => meApi.sessionCount(), []);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Messages at their fields: a wrong current password, a new one the server refuses.
  const [fields, setFields] = useState<{ current?: string; next?: string }>({});
  const confirm = useConfirm();
  const toast = useToast();

  const mismatch = repeat.length > 0 && next !== repeat;
  const change = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setFields({});
    try {
      const ended = await meApi.changePassword(current, next);
      setCurrent('');
      setNext('');
      setRepeat('');
      sessions.reload();
      toast({
        tone: 'success',
        message: `Password changed. ${ended ? `${others(ended)} logged out.` : 'No other browser was logged in.'}`,
      });
    } catch (err) {
      const byField = fieldErrors(err);
      if (err instanceof ApiError && err.code === 'invalid_credentials') setFields({ current: 'That is not your current password.' });
      else if (byField.newPassword || byField.password) setFields({ next: byField.newPassword ?? byField.password });
      else setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const endOthers = async () => {
    if (
      !(await confirm({
        title: 'Log out everywhere else?',
        body: 'Every other browser logged in to your account is logged out at once. This one stays. API tokens keep working; revoke them below.',
        confirmLabel: 'Log out everywhere else',
        danger: true,
      }))
    )
      return;
    try {
      const ended = await meApi.endOtherSessions();
      sessions.reload();
      toast({ tone: 'success', message: ended ? `${others(ended)} logged out.` : 'No other browser was logged in.' });
    } catch (err) {
      toast({ tone: 'error', message: errorMessage(err) });
    }
  };

  const count = sessions.data;
  return (
    <section className="card settings-card" data-testid="settings-security">
      <h2>Security</h2>
      <p className="muted">
        Changing your password logs out every other browser, in case someone else knew the old one. Music players and scripts use API
        tokens, not your password: they keep working.
      </p>
      <form className="form-grid" onSubmit={(e) => void change(e)}>
        <TextField
          label="Current password"
          type="password"
          autoComplete="current-password"
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
          required
          error={fields.current}
          data-testid="password-current"
        />
        <TextField
          label="New password"
          type="password"
          autoComplete="new-password"
          minLength={8}
          maxLength={256}
          hint="At least 8 characters."
          value={next}
          onChange={(e) => setNext(e.target.value)}
          required
          error={fields.next}
          data-testid="password-new"
        />
        <TextField
          label="New password again"
          type="password"
          autoComplete="new-password"
          value={repeat}
          onChange={(e) => setRepeat(e.target.value)}
          error={mismatch ? 'The two new passwords differ.' : undefined}
          required
          data-testid="password-repeat"
        />
        <div className="form-actions">
          {error && <p className="form-error">{error}</p>}
          <button
            className="button button-primary"
            disabled={busy || !current || next.length < 8 || next !== repeat}
            data-testid="password-change"
          >
            <ShieldCheck size={16} /> Change password
          </button>
        </div>
      </form>
      <div className="toggle-row" data-testid="sessions-row">
        <span>
          <strong>Logged-in browsers</strong>
          <span className="muted small" data-testid="sessions-count">
            {count === undefined
              ? 'Counting…'
              : count <= 1
                ? 'Only this browser is logged in to your account.'
                : `This browser and ${count - 1} other${count === 2 ? '' : 's'} are logged in to your account.`}
          </span>
        </span>
        <button className="button" disabled={!count || count <= 1} onClick={() => void endOthers()} data-testid="sessions-end-others">
          <LogOut size={16} /> Log out everywhere else
        </button>
      </div>
    </section>
  );
}
