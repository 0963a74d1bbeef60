/**
 * API token scopes: what a personal API token may do (docs/security.md "Scrobbler protocols,
 * passwords and API tokens"). This matrix is the only place the rule lives; the auth hook
 * (http/auth.ts) applies it to every Bearer request, and the scrobbler protocols to their tokens.
 *
 * | need (what the caller asks for)                          | session | full | upload | read | scrobble |
 * |----------------------------------------------------------|---------|------|--------|------|----------|
 * | `read`: GET/HEAD under the API, socket.io events,         | yes     | yes  | yes    | yes  | no       |
 * |   `POST /api/assets/exists` (a read with a body)           |         |      |        |      |          |
 * | `upload`: `POST /api/assets`                              | yes     | yes  | yes    | no   | no       |
 * | `scrobble`: `POST`/`DELETE /api/now-playing`              | yes     | yes  | no     | no   | yes      |
 * | `full`: every other write, minting tokens, password change | yes     | yes  | no     | no   | no       |
 * | `protocol`: Last.fm, Audioscrobbler 1.2, ListenBrainz     | no      | no   | no     | no   | yes      |
 *
 * Scrobbler protocols take only `scrobble` tokens and issue only `scrobble` tokens: a token a player
 * holds (often in a plain config file, e.g. mpdscribble's) reports plays and does nothing else, and a
 * broader token typed into a player by mistake is refused there instead of being exposed further.
 */
export const TOKEN_SCOPES = ['scrobble', 'read', 'upload', 'full'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

/** What a route (its `config.scope`) or a protocol needs from the caller's credential. */
export type ScopeNeed = 'read' | 'upload' | 'scrobble' | 'full' | 'protocol';

const GRANTS: Record<TokenScope, readonly ScopeNeed[]> = {
  full: ['read', 'upload', 'scrobble', 'full'],
  upload: ['read', 'upload'],
  read: ['read'],
  scrobble: ['scrobble', 'protocol'],
};

/** Whether a token of `scope` may do what `need` names (the matrix above). */
export const scopeGrants = (scope: TokenScope, need: ScopeNeed): boolean => GRANTS[scope].includes(need);

/** A route's need: its declared `config.scope`, else `read` for safe methods (RFC 9110 §9.2.1) and `full` for the rest. */
export const routeNeed = (method: string, declared: ScopeNeed | undefined): ScopeNeed =>
  declared ?? (method === 'GET' || method === 'HEAD' || method === 'OPTIONS' ? 'read' : 'full');

/** One line per scope, for the API docs and Settings. */
export const SCOPE_DESCRIPTIONS: Record<TokenScope, string> = {
  scrobble: 'report what you play (players: ListenBrainz, Last.fm, Audioscrobbler, `kith now-playing set/watch`); nothing else',
  read: 'read your library, contacts, albums and now-playing; no changes',
  upload: 'read, and upload photos and videos (`POST /api/assets`)',
  full: 'everything you can do when logged in, including making more tokens',
};
