/** Profile (display name, e-mail, phone) and the event-gathering consent toggle. */
import { useEffect, useState, type FormEvent } from 'react';
import { errorMessage } from '../../api/client';
import { meApi } from '../../api/me';
import { useSession, useAccount } from '../../state/session';
import { useToast } from '../../state/toasts';
import { TextField } from '../../components/TextField';
import { EmailVerification } from './EmailVerification';
import { PhoneVerification } from '../../components/PhoneVerification';

export function ProfileSection() {
  const account = useAccount();
  const { setAccount } = useSession();
  const toast = useToast();
  const [displayName, setDisplayName] = useState(account.displayName);
  const [email, setEmail] = useState(account.email ?? '');
  const [phone, setPhone] = useState(account.phone ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [toggleError, setToggleError] = useState<string | null>(null);

  // Fresh from the server on open (another device or the CLI may have changed it).
  useEffect(() => {
    meApi.get().then(setAccount, () => undefined);
  }, [setAccount]);
  useEffect(() => {
    setDisplayName(account.displayName);
    setEmail(account.email ?? '');
    setPhone(account.phone ?? '');
  }, [account.displayName, account.email, account.phone]);

  const dirty = displayName !== account.displayName || email !== (account.email ?? '') || phone !== (account.phone ?? '');
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const next = await meApi.update({ displayName: displayName.trim(), email: email.trim() || null, phone: phone.trim() || null });
      setAccount(next);
      setPhone(next.phone ?? '');
      toast({ tone: 'success', message: 'Profile saved' });
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const toggleGathering = async (on: boolean) => {
    setToggleError(null);
    try {
      setAccount(await meApi.update({ allowEventGathering: on }));
    } catch (err) {
      setToggleError(errorMessage(err));
    }
  };

  return (
    <>
      <section className="card settings-card" data-testid="settings-profile">
        <h2>Profile</h2>
        <p className="muted">
          Your Kith address is <strong data-testid="settings-kith-address">{account.kithAddress}</strong>. Contacts who have it, or your
          verified e-mail or phone, find you by them.
        </p>
        <form className="form-grid" onSubmit={(e) => void save(e)}>
          <TextField
            label="Display name"
            value={displayName}
            onChange={(e) => setDisplayName(e.target.value)}
            required
            maxLength={100}
            data-testid="profile-display-name"
          />
          <div className="field-with-status">
            <TextField label="E-mail" type="email" value={email} onChange={(e) => setEmail(e.target.value)} data-testid="profile-email" />
            <EmailVerification account={account} unsaved={email.trim().toLowerCase() !== (account.email ?? '')} />
          </div>
          <TextField
            label="Phone"
            type="tel"
            value={phone}
            onChange={(e) => setPhone(e.target.value)}
            placeholder="+33 6 12 34 56 78"
            data-testid="profile-phone"
          />
          <div className="form-actions">
            {error && <p className="form-error">{error}</p>}
            <button className="button button-primary" disabled={busy || !dirty || !displayName.trim()} data-testid="profile-save">
              Save profile
            </button>
          </div>
        </form>
      </section>

      <section className="card settings-card" data-testid="settings-phone">
        <h2>Phone number</h2>
        <PhoneVerification version={account.phone} />
      </section>

      <section className="card settings-card" data-testid="settings-sharing">
        <h2>Sharing</h2>
        <label className="toggle-row">
          <span>
            <strong>Let my contacts gather my event photos</strong>
            <span className="muted small">
              When a mutual contact shares an event you were both at, your photos of it join the event album. Turn off to keep them to
              yourself.
            </span>
          </span>
          <input
            type="checkbox"
            className="switch"
            role="switch"
            checked={account.settings.allowEventGathering}
            onChange={(e) => void toggleGathering(e.target.checked)}
            data-testid="toggle-event-gathering"
          />
        </label>
        {toggleError && <p className="form-error">{toggleError}</p>}
      </section>
    </>
  );
}
