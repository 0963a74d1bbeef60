/**
 * Under the e-mail field of Settings → Profile: whether the address is proven, the button that e-mails the
 * one-time link, and why it matters, in plain words. Without SMTP on the server it says who can vouch instead.
 */
import { useEffect, useState } from 'react';
import { BadgeCheck, MailWarning, Send } from 'lucide-react';
import { errorMessage } from '../../api/client';
import type { Account } from '../../api/types';
import { verificationApi } from '../../api/verification';
import { useToast } from '../../state/toasts';

export function EmailVerification({ account, unsaved }: { account: Account; unsaved: boolean }) {
  const toast = useToast();
  const [canSend, setCanSend] = useState<boolean | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    verificationApi.emailStatus().then(
      (s) => setCanSend(s.canSend),
      () => setCanSend(null),
    );
    setSentTo(null);
    setError(null);
  }, [account.email]);

  const send = async () => {
    setBusy(true);
    setError(null);
    try {
      const sent = await verificationApi.sendEmailLink();
      setSentTo(sent.email);
      toast({ tone: 'success', message: `Verification link sent to ${sent.email}` });
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  if (!account.email) return null;
  return (
    <div className="email-verification" data-testid="email-verification" data-verified={account.emailVerified}>
      {account.emailVerified ? (
        <span className="badge badge-success" data-testid="email-verified-badge">
          <BadgeCheck size={14} /> Verified
        </span>
      ) : (
        <span className="badge badge-soft" data-testid="email-unverified-badge">
          <MailWarning size={14} /> Not verified
        </span>
      )}
      <p className="muted small">
        Kith links you to people’s address books only by an address you’ve proven is yours.{' '}
        {account.emailVerified
          ? 'People who have this e-mail in their contacts are linked to you.'
          : 'Until you prove this one, people who have it in their contacts are asked whether it is you, and nothing reaches you by it.'}
      </p>
      {!account.emailVerified && canSend === true && (
        <div className="email-verification-actions">
          <button
            type="button"
            className="button"
            disabled={busy || unsaved}
            onClick={() => void send()}
            data-testid="email-verify-send"
            title={unsaved ? 'Save your profile first' : undefined}
          >
            <Send size={16} /> {busy ? 'Sending…' : sentTo ? 'Send again' : 'Send verification link'}
          </button>
          {sentTo && (
            <span className="muted small" data-testid="email-verify-sent">
              Check {sentTo} for a link from Kith; it works once, for 24 hours.
            </span>
          )}
        </div>
      )}
      {!account.emailVerified && canSend === false && (
        <p className="muted small" data-testid="email-verify-no-smtp">
          This server can’t send e-mail (its admin has not set up SMTP), so ask the admin to mark your address verified
          {account.isAdmin ? ' — that is you: see Administration below' : ''}.
        </p>
      )}
      {error && <p className="form-error">{error}</p>}
    </div>
  );
}
