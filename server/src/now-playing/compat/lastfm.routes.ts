import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import formbody from '@fastify/formbody';
import type { AccountsService } from '../../accounts/accounts.service.js';
import { principalFor, type Principal } from '../../common/principal.js';
import type { NowPlayingService } from '../now-playing.service.js';
import type { ScrobblerAuth } from './scrobbler-auth.js';
import { LastfmError, notIgnored, renderError, renderOk, uncorrected } from './lastfm-response.js';
import { lastfmNowPlaying, lastfmScrobbles } from './scrobble-forms.js';

type Params = Record<string, string>;

/** Query and form parameters as one flat string map (Last.fm clients use either). */
function paramsOf(request: FastifyRequest): Params {
  const out: Params = {};
  for (const src of [request.query, request.body])
    if (src && typeof src === 'object') for (const [k, v] of Object.entries(src)) if (typeof v === 'string') out[k] = v;
  return out;
}

const required = (p: Params, ...names: string[]) => {
  const missing = names.filter((n) => !p[n]?.trim());
  if (missing.length) throw new LastfmError(6, missing.join(', '));
};

/**
 * Last.fm-compatible API at `/2.0/` (https://www.last.fm/api): `auth.getMobileSession`,
 * `track.updateNowPlaying` and `track.scrobble`, signed with `api_sig` as Last.fm specifies
 * (https://www.last.fm/api/authspec §8), answering XML by default and JSON with `format=json`.
 * The api_key/shared secret pair is this server's (GET /api/now-playing/connect), so any user can
 * sign: the signature proves nothing about who calls. The password is the Kith password (checked
 * through the shared log-in throttle, POST only) or a `scrobble` token, and the session key is a
 * `scrobble` token: the only scope these methods issue or accept (common/token-scopes.ts).
 */
export function lastfmRoutes(nowPlaying: NowPlayingService, accounts: AccountsService, auth: ScrobblerAuth): FastifyPluginAsync {
  return async (app) => {
    await app.register(formbody, { bodyLimit: 256 * 1024 });

    const formatOf = (request: FastifyRequest) => (paramsOf(request).format === 'json' ? 'json' : 'xml');
    app.setErrorHandler((error: Error & { statusCode?: number }, request, reply) => {
      const e =
        error instanceof LastfmError
          ? error
          : error.statusCode === 429
            ? new LastfmError(29)
            : error.statusCode === 401
              ? new LastfmError(4)
              : error.statusCode && error.statusCode < 500
                ? new LastfmError(6, error.message)
                : new LastfmError(16);
      if (!(error instanceof LastfmError) && !(error.statusCode && error.statusCode < 500))
        request.log.error({ err: error }, 'last.fm request failed');
      const out = renderError(formatOf(request), e);
      const retryAfter = (error as { details?: { retryAfterSeconds?: number } }).details?.retryAfterSeconds;
      if (retryAfter) void reply.header('retry-after', String(retryAfter));
      return reply.status(out.status).type(out.type).send(out.body);
    });

    /** Checks api_key and api_sig; for session methods also `sk`. */
    async function verified(p: Params, needsSession: boolean): Promise<Principal | undefined> {
      if (p.api_key !== auth.lastfm.apiKey) throw new LastfmError(10);
      if (!p.api_sig || !auth.verifyLastfmSignature(p)) throw new LastfmError(13);
      if (!needsSession) return undefined;
      if (!p.sk) throw new LastfmError(9);
      const principal = await auth.authenticateToken(p.sk);
      if (!principal) throw new LastfmError(9);
      return principal;
    }

    /**
     * `auth.getMobileSession` (https://www.last.fm/api/show/auth.getMobileSession: POST, over HTTPS): the password is a
     * `scrobble` token (answered with itself) or the Kith password, or the legacy authToken = md5(username + md5(password)).
     * Password and authToken checks go through the log-in throttle shared with `POST /api/auth/login`
     * (per account and address). The authToken's session key is derived from the scrobbler token it proves (the same
     * key at every log-in, so clients that log in at each start, like pylast, add no tokens); a Kith password mints a
     * new `scrobble` token as the session key.
     * @throws Last.fm 6 (a parameter missing), 4 (wrong credentials), 29 (throttled), 10/13 (key, signature).
     */
    async function getMobileSession(p: Params, request: FastifyRequest) {
      required(p, 'username');
      if (!p.password && !p.authToken) throw new LastfmError(6, 'password');
      await verified(p, false);
      const asToken = p.password ? await auth.authenticateToken(p.password) : undefined;
      if (asToken && asToken.username === p.username.toLowerCase())
        return { session: { name: asToken.username, key: p.password, subscriber: '0' } };
      if (!p.password) {
        const { account, sessionKey } = await legacyAccount(p, request.ip);
        return { session: { name: account.username, key: sessionKey, subscriber: '0' } };
      }
      const account = await accounts.passwords.verify(p.username, p.password, request.ip);
      const principal = principalFor(account.id, { username: account.username, via: 'token', scope: 'scrobble' });
      const { token } = await accounts.createToken(principal, 'Last.fm client', 'scrobble');
      return { session: { name: account.username, key: token, subscriber: '0' } };
    }

    /** The account whose `scrobble` token answers the legacy authToken (only they keep an md5), throttled like a password. */
    async function legacyAccount(p: Params, address: string) {
      const throttle = accounts.passwords.throttle;
      throttle.check(p.username, address);
      const account = await accounts.findByUsername(p.username.toLowerCase());
      const session = account && (await auth.verifyLegacyAuthToken(account, p.authToken));
      if (!account || !session) {
        throttle.fail(p.username, address);
        throw new LastfmError(4);
      }
      throttle.succeed(p.username);
      return { account, sessionKey: session.sessionKey };
    }

    async function updateNowPlaying(p: Params) {
      const play = lastfmNowPlaying(p);
      const principal = (await verified(p, true))!;
      await nowPlaying.submit(principal.accountId, play, 'lastfm', { autoScrobble: false });
      return {
        nowplaying: {
          track: uncorrected(p.track),
          artist: uncorrected(p.artist),
          album: uncorrected(p.album),
          albumArtist: uncorrected(p.albumArtist),
          ignoredMessage: notIgnored,
        },
      };
    }

    async function scrobble(p: Params) {
      const principal = (await verified(p, true))!;
      const items = lastfmScrobbles(p);
      await nowPlaying.scrobble(principal.accountId, items, 'lastfm');
      const scrobbles = items.map((it) => ({
        track: uncorrected(it.title),
        artist: uncorrected(it.artist),
        album: uncorrected(it.album),
        albumArtist: uncorrected(''),
        timestamp: String(it.listened_at / 1000),
        ignoredMessage: notIgnored,
      }));
      return {
        scrobbles: { '@_accepted': String(items.length), '@_ignored': '0', scrobble: scrobbles.length === 1 ? scrobbles[0] : scrobbles },
      };
    }

    const methods: Record<string, (p: Params, request: FastifyRequest) => Promise<Record<string, unknown>>> = {
      'auth.getmobilesession': getMobileSession,
      'track.updatenowplaying': updateNowPlaying,
      'track.scrobble': scrobble,
    };

    const handle = async (request: FastifyRequest, reply: FastifyReply) => {
      const p = paramsOf(request);
      if (!p.method) throw new LastfmError(6, 'method');
      const fn = methods[p.method.toLowerCase()];
      if (!fn) throw new LastfmError(3);
      // Last.fm requires POST for every method served here (auth.getMobileSession's page says so: it carries a
      // password); a password or session key in a URL would reach proxies' and servers' logs.
      if (request.method !== 'POST') throw new LastfmError(6, `${p.method} must be sent with POST, never in a URL`);
      const out = renderOk(p.format === 'json' ? 'json' : 'xml', await fn(p, request));
      return reply.type(out.type).send(out.body);
    };

    const schema = {
      tags: ['compat-lastfm'],
      summary: 'Last.fm API 2.0: auth.getMobileSession, track.updateNowPlaying, track.scrobble',
      description:
        'Parameters in the query or an application/x-www-form-urlencoded body, signed with `api_sig` ' +
        '(md5 of the sorted name+value pairs without format/callback, then the shared secret). XML by default, JSON with `format=json`. ' +
        'Every method must be sent with POST (GET answers error 6). Only `scrobble` tokens are issued and accepted as session keys. ' +
        'Wrong passwords count against the log-in throttle shared with POST /api/auth/login (error 29 with Retry-After once full). ' +
        'Errors: Last.fm codes 3, 4, 6, 9, 10, 13, 16, 29 (https://www.last.fm/api/errorcodes).',
    };
    for (const url of ['/2.0/', '/2.0']) {
      app.post(url, { schema, config: { rateLimit: { max: 600, timeWindow: '1 minute' } } }, handle);
      app.get(url, { schema, config: { rateLimit: { max: 600, timeWindow: '1 minute' } } }, handle);
    }
  };
}
