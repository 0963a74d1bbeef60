/**
 * The navigation: a left sidebar on desktops, an icon rail on tablets, and on phones a bottom bar with
 * the primary sections plus "More" (a sheet with the rest, Upload and Log out), so every destination
 * fits a 360 px screen and is one or two thumb taps away.
 */
import { LogOut, Menu, Upload } from 'lucide-react';
import { useState } from 'react';
import type { Account } from '../api/types';
import { useNavHint } from '../lib/nav-hint';
import { Link, type Route } from '../lib/router';
import { useUploads } from '../state/uploads';
import { Avatar } from './Avatar';
import { BrandMark } from './BrandMark';
import { MoreSheet } from './MoreSheet';
import { SearchField } from './SearchField';
import { isActive, NAV } from './nav-items';

export function Sidebar({ route, account, onLogout }: { route: Route; account: Account; onLogout: () => void }) {
  const { openPicker } = useUploads();
  const hint = useNavHint();
  const [more, setMore] = useState(false);
  // On a phone, "More" is the current tab when the screen is one of its sections.
  const moreActive = NAV.some((i) => !i.primary && !i.compactOnly && isActive(i, route, hint));
  return (
    <nav className="sidebar" aria-label="Main">
      <Link href="/" className="brand" aria-label="Kith home">
        <BrandMark />
      </Link>
      <button
        className="button button-primary sidebar-upload"
        data-testid="sidebar-upload"
        aria-label="Upload"
        onClick={() => openPicker()}
      >
        <Upload size={18} aria-hidden /> <span>Upload</span>
      </button>
      <SearchField testId="sidebar-search" className="sidebar-search" />
      <ul className="nav-list">
        {NAV.map((item) => {
          const active = isActive(item, route, hint);
          const Icon = item.icon;
          return (
            <li
              key={item.href}
              className={`${item.primary ? 'nav-primary' : 'nav-secondary'}${item.compactOnly ? ' nav-compact-only' : ''}`}
            >
              {/* aria-label: the icon rail and the bottom bar hide the text, and the link must keep its name. */}
              <Link
                href={item.href}
                className={`nav-link${active ? ' active' : ''}`}
                data-testid={item.testId}
                aria-label={item.label}
                title={item.label}
                aria-current={active ? 'page' : undefined}
              >
                <Icon size={20} aria-hidden />
                <span>{item.label}</span>
              </Link>
            </li>
          );
        })}
        <li className="nav-more">
          <button
            type="button"
            className={`nav-link${moreActive ? ' active' : ''}`}
            data-testid="nav-more"
            aria-haspopup="dialog"
            aria-expanded={more}
            aria-label="More"
            onClick={() => setMore(true)}
          >
            <Menu size={20} aria-hidden />
            <span>More</span>
          </button>
        </li>
      </ul>
      <div className="sidebar-account">
        <Link href="/settings" className="account-chip" data-testid="account-chip">
          <Avatar name={account.displayName || account.username} seed={account.id} size={34} />
          <span className="account-chip-text">
            <strong>{account.displayName || account.username}</strong>
            <span className="muted">@{account.username}</span>
          </span>
        </Link>
        <button className="icon-button" aria-label="Log out" title="Log out" data-testid="sidebar-logout" onClick={onLogout}>
          <LogOut size={18} />
        </button>
      </div>
      {more && (
        <MoreSheet
          route={route}
          hint={hint}
          account={account}
          onClose={() => setMore(false)}
          onUpload={() => openPicker()}
          onLogout={() => {
            setMore(false);
            onLogout();
          }}
        />
      )}
    </nav>
  );
}
