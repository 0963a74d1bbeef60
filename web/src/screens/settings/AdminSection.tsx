/**
 * Administration (admins only): invite links (sign-up needs one after the first account, KITH_SIGNUP=invite)
 * and vouching for someone's e-mail on a server without SMTP.
 */
import { useState, type FormEvent } from 'react';
import { errorMessage } from '../../api/client';
import { verificationApi } from '../../api/verification';
import { TextField } from '../../components/TextField';
import { useToast } from '../../state/toasts';

export function AdminSection() {
  const toast = useToast();
  const [inviteUrl, setInviteUrl] = useState<string | null>(null);
  const [username, setUsername] = useState('');
  const [error, setError] = useState<string | null>(null);

  const invite = async () => {
    setError(null);
    try {
      const code = await verificationApi.createInvite();
      setInviteUrl(`${window.location.origin}/signup?invite=${encodeURIComponent(code)}`);
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  const vouch = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const account = await verificationApi.markEmailVerified(username.trim());
      toast({ tone: 'success', message: `${account.email} is now verified for @${account.username}` });
      setUsername('');
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  return (
    <section className="card settings-card" data-testid="settings-admin">
      <h2>Administration</h2>
      <p className="muted">
        New accounts need an invite from you. Each link works once.{' '}
        <button type="button" className="button" onClick={() => void invite()} data-testid="admin-invite">
          Create an invite link
        </button>
      </p>
      {inviteUrl && (
        <code className="invite-url" data-testid="admin-invite-url">
          {inviteUrl}
        </code>
      )}
      <form className="form-grid" onSubmit={(e) => void vouch(e)}>
        <TextField
          label="Mark someone’s e-mail verified"
          hint="Only when you know the address is theirs: their friends’ address books then link to them by it."
          placeholder="username"
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          data-testid="admin-verify-username"
        />
        <div className="form-actions">
          <button className="button" disabled={!username.trim()} data-testid="admin-verify-submit">
            Mark verified
          </button>
        </div>
      </form>
      {error && <p className="form-error">{error}</p>}
    </section>
  );
}
