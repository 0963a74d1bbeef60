/**
 * A stranger's invite: the one-time link, its QR code (the server's SVG, shown as an image so
 * no markup is injected) and a copy button. The link is kept for this tab's session, so the
 * room can show it again while waiting for the guest.
 */
import { useState } from 'react';
import { Check, Copy } from 'lucide-react';
import type { ExchangeInvite } from '../../api/exchanges';
import { formatDateTime } from '../../lib/format';

const KEY = (exchangeId: string) => `kith.exchange-invite.${exchangeId}`;

export function rememberInvite(exchangeId: string, invite: ExchangeInvite): void {
  try {
    sessionStorage.setItem(KEY(exchangeId), JSON.stringify(invite));
  } catch {
    // Private mode without storage: the room just cannot show the link again.
  }
}

export function recallInvite(exchangeId: string): ExchangeInvite | null {
  try {
    const raw = sessionStorage.getItem(KEY(exchangeId));
    return raw ? (JSON.parse(raw) as ExchangeInvite) : null;
  } catch {
    return null;
  }
}

export function InvitePanel({ invite }: { invite: ExchangeInvite }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(invite.url);
      setCopied(true);
      setTimeout(() => setCopied(false), 2500);
    } catch {
      // Clipboard refused (no permission): the link stays selectable.
      (document.getElementById('invite-link') as HTMLInputElement | null)?.select();
    }
  };
  return (
    <div className="invite-panel" data-testid="invite-panel">
      <img
        className="invite-qr"
        src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(invite.qrSvg)}`}
        alt="QR code of the invite link"
        data-testid="invite-qr"
      />
      <div className="invite-text">
        <p>
          Show this QR code, or send the link. Whoever opens it can join in any browser, without an account. It works once and expires at{' '}
          {formatDateTime(invite.expiresAt)}.
        </p>
        <label className="field">
          <span className="field-label">Invite link</span>
          <div className="invite-link-row">
            <input
              id="invite-link"
              className="input"
              readOnly
              value={invite.url}
              onFocus={(e) => e.target.select()}
              data-testid="invite-link"
            />
            <button className="button" onClick={() => void copy()} data-testid="invite-copy" aria-live="polite">
              {copied ? <Check size={16} /> : <Copy size={16} />} {copied ? 'Copied' : 'Copy'}
            </button>
          </div>
        </label>
      </div>
    </div>
  );
}
