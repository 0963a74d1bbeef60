/**
 * The left navigation (a bottom tab bar on phones): brand, the main sections, an
 * upload shortcut and the signed-in account.
 */
import {
  CalendarDays,
  Camera,
  Headphones,
  Images,
  Inbox,
  LibraryBig,
  LogOut,
  ScanFace,
  Settings,
  Share2,
  Upload,
  Users,
} from 'lucide-react';
import type { ComponentType } from 'react';
import type { Account } from '../api/types';
import { useNavHint } from '../lib/nav-hint';
import { Link, type Route } from '../lib/router';
import { useUploads } from '../state/uploads';
import { Avatar } from './Avatar';
import { BrandMark } from './BrandMark';

interface NavItem {
  href: string;
  label: string;
  icon: ComponentType<{ size?: number }>;
  testId: string;
  matches: Route['name'][];
}

const NAV: NavItem[] = [
  { href: '/', label: 'Library', icon: Images, testId: 'nav-library', matches: ['library'] },
  { href: '/people', label: 'People', icon: ScanFace, testId: 'nav-people', matches: ['people', 'person'] },
  { href: '/albums', label: 'Albums', icon: LibraryBig, testId: 'nav-albums', matches: ['albums', 'album'] },
  { href: '/events', label: 'Events', icon: CalendarDays, testId: 'nav-events', matches: ['events', 'event'] },
  { href: '/inbox', label: 'Inbox', icon: Inbox, testId: 'nav-inbox', matches: ['inbox'] },
  { href: '/shared', label: 'Shared with me', icon: Share2, testId: 'nav-shared', matches: ['shared'] },
  { href: '/exchanges', label: 'Exchanges', icon: Camera, testId: 'nav-exchanges', matches: ['exchanges', 'exchange'] },
  { href: '/friends', label: 'Friends', icon: Headphones, testId: 'nav-friends', matches: ['friends'] },
  { href: '/contacts', label: 'Contacts', icon: Users, testId: 'nav-contacts', matches: ['contacts'] },
  { href: '/settings', label: 'Settings', icon: Settings, testId: 'nav-settings', matches: ['settings'] },
];

export function Sidebar({ route, account, onLogout }: { route: Route; account: Account; onLogout: () => void }) {
  const { openPicker } = useUploads();
  const hint = useNavHint();
  return (
    <nav className="sidebar" aria-label="Main">
      <Link href="/" className="brand" aria-label="Kith home">
        <BrandMark />
      </Link>
      <button className="button button-primary sidebar-upload" data-testid="sidebar-upload" onClick={() => openPicker()}>
        <Upload size={18} /> <span>Upload</span>
      </button>
      <ul className="nav-list">
        {NAV.map((item) => {
          const active = route.name === 'album' && hint ? item.testId === `nav-${hint}` : item.matches.includes(route.name);
          const Icon = item.icon;
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                className={`nav-link${active ? ' active' : ''}`}
                data-testid={item.testId}
                aria-current={active ? 'page' : undefined}
              >
                <Icon size={20} />
                <span>{item.label}</span>
              </Link>
            </li>
          );
        })}
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
    </nav>
  );
}
