/**
 * Paths the server answers itself, never the app shell: the JSON API, the public share page
 * `/s/{id}`, the public album link page `/l/{key}` (the server answers 404/410 pages for dead links, so a
 * revoked link must never be answered from the cached shell), the e-mail verification page, `/.well-known/*` documents (RFC 8615), the embed script,
 * the album inbox and the scrobbler protocols (ListenBrainz `/1/`, Last.fm `/2.0/`, Audioscrobbler).
 * A navigation to one of them goes to the network; `server/test/unit/sw-server-paths.test.ts` checks
 * that every non-API path of openapi.json is listed.
 */
export const SERVER_PATHS: RegExp[] = [
  /^\/api\//,
  /^\/s\//,
  /^\/l\//,
  /^\/verify-email/,
  /^\/\.well-known\//,
  /^\/embed\//,
  /^\/inbox\//,
  /^\/1\//,
  /^\/2\.0(\/|$)/,
  /^\/audioscrobbler/,
  /^\/health/,
];
