/** The API token scopes as Settings explains them (server: accounts/token-scopes.ts; docs/security.md). */
import type { ApiTokenScope } from '../../api/types';

export const SCOPE_CHOICES: Array<{ value: ApiTokenScope; title: string; text: string }> = [
  {
    value: 'read',
    title: 'Read',
    text: 'Look at your photos, albums, contacts and friends’ plays (kith now-playing friends). Changes nothing.',
  },
  { value: 'upload', title: 'Upload', text: 'Read, and add photos and videos. For a camera or a backup script.' },
  {
    value: 'scrobble',
    title: 'Scrobble',
    text: 'Only report what you play: music players, kith now-playing set/watch. Nothing else, not even reading.',
  },
  { value: 'full', title: 'Full access', text: 'Everything you can do when logged in, including making more tokens. Keep it safe.' },
];

export const SCOPE_LABEL: Record<ApiTokenScope, string> = { read: 'Read', upload: 'Upload', scrobble: 'Scrobble', full: 'Full access' };
