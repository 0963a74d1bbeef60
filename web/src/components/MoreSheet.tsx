/**
 * The phone's "More" sheet: the sections that do not fit the bottom bar, Upload, the account and
 * Log out. A modal dialog sliding up from the bottom (Material 3 "Bottom sheet"); Escape, the backdrop
 * or picking a destination closes it, and focus returns to the More button.
 */
import { LogOut, Upload, X } from 'lucide-react';
import type { Account } from '../api/types';
import { Link, type Route } from '../lib/router';
import { useOverlay } from '../lib/use-overlay';
import { Avatar } from './Avatar';
import { isActive, NAV } from './nav-items';

interface MoreSheetProps {
  route: Route;
  hint: string | null;
  account: Account;
  onClose: () => void;
  onUpload: () => void;
  onLogout: () => void;
}

export function MoreSheet({ route, hint, account, onClose, onUpload, onLogout }: MoreSheetProps) {
  const ref = useOverlay((e) => {
    if (e.key === 'Escape') onClose();
  });
  const name = account.displayName || account.username;
  return (
    <div className="sheet-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div
        ref={ref}
        className="sheet"
        role="dialog"
        aria-modal="true"
        aria-labelledby="more-sheet-title"
        tabIndex={-1}
        data-testid="more-sheet"
      >
        <header className="sheet-head">
          <Avatar name={name} seed={account.id} size={36} />
          <span className="sheet-account">
            <strong id="more-sheet-title">{name}</strong>
            <span className="muted">@{account.username}</span>
          </span>
          <button className="icon-button" aria-label="Close" data-testid="more-close" onClick={onClose}>
            <X size={20} />
          </button>
        </header>
        <ul className="sheet-list">
          {NAV.filter((i) => !i.primary).map((item) => {
            const Icon = item.icon;
            const active = isActive(item, route, hint);
            return (
              <li key={item.href}>
                <Link
                  href={item.href}
                  className={`sheet-item${active ? ' active' : ''}`}
                  data-testid={`more-${item.testId.slice(4)}`}
                  aria-current={active ? 'page' : undefined}
                  onClick={onClose}
                >
                  <Icon size={20} aria-hidden />
                  <span>{item.label}</span>
                </Link>
              </li>
            );
          })}
        </ul>
        <div className="sheet-actions">
          <button
            className="button"
            data-testid="more-upload"
            onClick={() => {
              onClose();
              onUpload();
            }}
          >
            <Upload size={18} aria-hidden /> Upload
          </button>
          <button className="button" data-testid="more-logout" onClick={onLogout}>
            <LogOut size={18} aria-hidden /> Log out
          </button>
        </div>
      </div>
    </div>
  );
}
