import { io } from 'socket.io-client';
import type { RealtimeEvents } from '@kith/sdk';
import { buildAddressBook } from './demo-contacts.js';
import { ok, type DemoSession } from './demo-users.js';

/** What each player reports: real tracks, with their real lengths. */
export const PLAYS = {
  alice: { artist: 'Massive Attack', title: 'Teardrop', album: 'Mezzanine', duration_ms: 330_000, player: 'Kith demo' },
  carol: { artist: 'Björk', title: 'Hyperballad', album: 'Post', duration_ms: 321_000, player: 'ListenBrainz client' },
} as const;

/** Name the ListenBrainz token gets, so a re-run revokes the previous run's instead of piling them up. */
const TOKEN_NAME = 'Kith demo (ListenBrainz)';

/**
 * Uploads `s`'s own name and number and the same address book the contacts step imported
 * (`PUT /api/now-playing/association`, the vCard as text): Kith keeps only keyed hashes of
 * the numbers, and each play then reaches the people whose book holds the player's number.
 *
 * @returns how many distinct numbers the book held.
 */
export async function associate(s: DemoSession): Promise<number> {
  const body = { self: { name: s.person.displayName, phone: s.person.phone }, vcard: await buildAddressBook(s.person) };
  return ok('PUT /api/now-playing/association', await s.kith.PUT('/api/now-playing/association', { body })).book.numbers;
}

/**
 * A number links friends only once Kith knows it is the account's own (docs/security.md "Phone
 * numbers and now playing"). The demo has no SMS gateway to text codes, so the server admin marks
 * each demo number verified (`POST /api/admin/accounts/{username}/phone-verified`), as an admin would for
 * numbers checked another way. Numbers already verified are left alone.
 *
 * @returns the usernames whose numbers the admin marked now.
 */
export async function verifyNumbers(admin: DemoSession, sessions: DemoSession[]): Promise<string[]> {
  const marked: string[] = [];
  for (const s of sessions) {
    const status = ok('GET /api/me/phone', await s.kith.GET('/api/me/phone'));
    if (status.verified) continue;
    ok(
      'POST /api/admin/accounts/{username}/phone-verified',
      await admin.kith.POST('/api/admin/accounts/{username}/phone-verified', { params: { path: { username: s.person.username } } }),
    );
    marked.push(s.person.username);
  }
  return marked;
}

/** Who sees `s`'s plays and whose plays `s` sees (`GET /api/now-playing/association`), once everyone uploaded. */
export async function links(s: DemoSession): Promise<{ iReach: string[]; reachesMe: string[] }> {
  const a = ok('GET /api/now-playing/association', await s.kith.GET('/api/now-playing/association'));
  return { iReach: a.i_reach.map((p) => p.username), reachesMe: a.reaches_me.map((p) => p.username) };
}

/** alice reports her play through Kith's own API (`POST /api/now-playing`). */
export async function playNative(alice: DemoSession) {
  return ok('POST /api/now-playing', await alice.kith.POST('/api/now-playing', { body: { ...PLAYS.alice, position_ms: 42_000 } })).playing;
}

/**
 * carol's player speaks ListenBrainz: she makes a token for it (`POST /api/now-playing/scrobbler-token`,
 * after revoking the demo's earlier ones; its scope is `scrobble`, the only one the ListenBrainz API
 * accepts, and all it can do is report plays), and the player sends `playing_now` to `POST /1/submit-listens`
 * with `Authorization: Token <token>`, byte for byte what it would send to api.listenbrainz.org.
 */
export async function playViaListenBrainz(baseUrl: string, carol: DemoSession): Promise<void> {
  const { tokens } = ok('GET /api/me/tokens', await carol.kith.GET('/api/me/tokens'));
  for (const t of tokens.filter((x) => x.name === TOKEN_NAME)) {
    const { response } = await carol.kith.DELETE('/api/me/tokens/{id}', { params: { path: { id: t.id } } });
    if (!response.ok) throw new Error(`DELETE /api/me/tokens/${t.id}: HTTP ${response.status}`); // 204: no body to unwrap
  }
  const { token } = ok(
    'POST /api/now-playing/scrobbler-token',
    await carol.kith.POST('/api/now-playing/scrobbler-token', { body: { name: TOKEN_NAME } }),
  );
  const p = PLAYS.carol;
  const res = await fetch(`${baseUrl}/1/submit-listens`, {
    method: 'POST',
    headers: { authorization: `Token ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      listen_type: 'playing_now',
      payload: [
        {
          track_metadata: {
            artist_name: p.artist,
            track_name: p.title,
            release_name: p.album,
            additional_info: { duration_ms: p.duration_ms, media_player: p.player },
          },
        },
      ],
    }),
  });
  if (!res.ok) throw new Error(`POST /1/submit-listens: HTTP ${res.status} ${await res.text()}`);
}

/** A live socket.io connection collecting `now-playing.updated` events. */
export interface NowPlayingWatch {
  updates: RealtimeEvents['now-playing.updated'][];
  /** Resolves once `n` updates arrived, or after `timeoutMs` with what came. */
  waitFor(n: number, timeoutMs?: number): Promise<RealtimeEvents['now-playing.updated'][]>;
  close(): void;
}

/**
 * Connects as `s` to socket.io at `/api/socket.io` with the session cookie, the way the web app
 * does, and records every `now-playing.updated` pushed to the account's room.
 *
 * @throws when the handshake fails (e.g. `unauthorized`) or does not complete within 10 s.
 */
export async function watchNowPlaying(baseUrl: string, s: DemoSession): Promise<NowPlayingWatch> {
  const socket = io(baseUrl, {
    path: '/api/socket.io',
    transports: ['websocket'],
    extraHeaders: { cookie: s.cookie },
    reconnection: false,
  });
  const updates: RealtimeEvents['now-playing.updated'][] = [];
  const waiters: (() => void)[] = [];
  socket.on('now-playing.updated', (e: RealtimeEvents['now-playing.updated']) => {
    updates.push(e);
    waiters.forEach((w) => w());
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('socket.io: no connection within 10 s')), 10_000);
    socket.once('connect', () => (clearTimeout(timer), resolve()));
    socket.once('connect_error', (e) => (clearTimeout(timer), reject(new Error(`socket.io: ${e.message}`))));
  });
  return {
    updates,
    waitFor: (n, timeoutMs = 10_000) =>
      new Promise((resolve) => {
        const done = () => updates.length >= n && (clearTimeout(timer), resolve(updates));
        const timer = setTimeout(() => resolve(updates), timeoutMs);
        waiters.push(done);
        done();
      }),
    close: () => void socket.close(),
  };
}

/** What bob's Friends screen lists (`GET /api/now-playing/friends`): who plays what, via which API. */
export async function friendsOf(s: DemoSession) {
  const { friends } = ok('GET /api/now-playing/friends', await s.kith.GET('/api/now-playing/friends'));
  return friends.map((f) => ({
    username: f.user.username,
    playing: f.playing ? `${f.playing.artist} – ${f.playing.title} (${f.playing.album ?? 'no album'}, via ${f.playing.via})` : null,
    find: f.playing?.find[0]?.url ?? null,
  }));
}
