/**
 * The app's sections, in sidebar order. `primary` ones stay in the phone's bottom bar (at most five
 * destinations there, Material 3 "Navigation bar"); the rest sit in its "More" sheet. The grouping follows
 * Google Photos and Immich: the photo timeline, albums, people, then the social tab (here Friends).
 */
import {
  Archive,
  CalendarDays,
  Camera,
  Headphones,
  Heart,
  Images,
  Inbox,
  LibraryBig,
  ScanFace,
  Search,
  Settings,
  Share2,
  Trash2,
  Users,
} from 'lucide-react';
import type { ComponentType } from 'react';
import type { Route } from '../lib/router';

export interface NavItem {
  href: string;
  label: string;
  icon: ComponentType<{ size?: number; 'aria-hidden'?: boolean }>;
  testId: string;
  matches: Route['name'][];
  primary?: boolean;
  /** Left out of the full desktop sidebar, which shows the search field instead. */
  compactOnly?: boolean;
}

export const NAV: NavItem[] = [
  { href: '/', label: 'Library', icon: Images, testId: 'nav-library', matches: ['library'], primary: true },
  { href: '/search', label: 'Search', icon: Search, testId: 'nav-search', matches: ['search'], compactOnly: true },
  { href: '/people', label: 'People', icon: ScanFace, testId: 'nav-people', matches: ['people', 'person'], primary: true },
  { href: '/albums', label: 'Albums', icon: LibraryBig, testId: 'nav-albums', matches: ['albums', 'album'], primary: true },
  { href: '/events', label: 'Events', icon: CalendarDays, testId: 'nav-events', matches: ['events', 'event'] },
  { href: '/inbox', label: 'Inbox', icon: Inbox, testId: 'nav-inbox', matches: ['inbox'] },
  { href: '/shared', label: 'Shared with me', icon: Share2, testId: 'nav-shared', matches: ['shared'] },
  { href: '/exchanges', label: 'Exchanges', icon: Camera, testId: 'nav-exchanges', matches: ['exchanges', 'exchange'] },
  { href: '/friends', label: 'Friends', icon: Headphones, testId: 'nav-friends', matches: ['friends'], primary: true },
  { href: '/contacts', label: 'Contacts', icon: Users, testId: 'nav-contacts', matches: ['contacts'] },
  { href: '/favorites', label: 'Favourites', icon: Heart, testId: 'nav-favorites', matches: ['favorites'] },
  { href: '/archive', label: 'Archive', icon: Archive, testId: 'nav-archive', matches: ['archive'] },
  { href: '/trash', label: 'Trash', icon: Trash2, testId: 'nav-trash', matches: ['trash'] },
  { href: '/settings', label: 'Settings', icon: Settings, testId: 'nav-settings', matches: ['settings'] },
];

/** Whether `item` is the current section (an album's section comes from the screen's hint). */
export function isActive(item: NavItem, route: Route, hint: string | null): boolean {
  return route.name === 'album' && hint ? item.testId === `nav-${hint}` : item.matches.includes(route.name);
}
