import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import formbody from '@fastify/formbody';
import { z } from 'zod';
import type { Config } from '../../config/config.js';
import type { NowPlayingService } from '../now-playing.service.js';
import type { ScrobblerAuth } from './scrobbler-auth.js';
import { audioscrobblerNowPlaying, audioscrobblerSubmission, handshakeAnswer } from './scrobble-forms.js';

type Form = Record<string, string | undefined>;
const PREFIX = '/audioscrobbler';

const text = (reply: FastifyReply, body: string, status = 200) =>
  reply
    .status(status)
    .type('text/plain; charset=utf-8')
    .send(body + '\n');

/**
 * Audioscrobbler Realtime Submission Protocol v1.2 (http://www.audioscrobbler.net/development/protocol/),
 * the protocol mpdscribble speaks, at `/audioscrobbler/`:
 *
 * - handshake `GET /audioscrobbler/?hs=true&p=1.2&c=<client>&v=<ver>&u=<user>&t=<unix time>&a=<md5(md5(password) + t)>`
 *   (the password is a Kith `scrobble` token), or the 1.2.1 variant `a=md5(shared secret + t)&api_key=…&sk=<session key>`;
 *   answers `OK\n<session id>\n<now-playing URL>\n<submission URL>`, or `BADAUTH`, `BADTIME`, `FAILED <reason>`.
 *   The handshake stays a GET, as the spec and every client have it: `a` is a time-salted digest, never the password.
 *   Wrong `a` values count against the log-in throttle (per user and address): once full, `FAILED Rate limit exceeded`;
 * - `POST /audioscrobbler/np` (s, a, t, b, l, n, m) → `OK` / `BADSESSION` / `FAILED <reason>`;
 * - `POST /audioscrobbler/submit` (s, a[i], t[i], i[i], o[i], r[i], l[i], b[i], n[i], m[i]) → the same answers.
 */
export function audioscrobblerRoutes(nowPlaying: NowPlayingService, auth: ScrobblerAuth, _config: Config): FastifyPluginAsync {
  return async (app) => {
    await app.register(formbody, { bodyLimit: 256 * 1024 });
    // Every failure is a protocol line, never Kith's JSON: clients parse the first line only.
    // A throttled handshake (too many wrong secrets for the user or from the address) is a hard failure
    // in the spec's terms: `FAILED <reason>`, after which clients back off before trying again.
    app.setErrorHandler((error: Error & { statusCode?: number; retryAfterSeconds?: number }, request, reply) => {
      if (!(error.statusCode && error.statusCode < 500)) request.log.error({ err: error }, 'audioscrobbler request failed');
      if (error.retryAfterSeconds) void reply.header('retry-after', String(error.retryAfterSeconds));
      const wait = error.retryAfterSeconds ? `; try again in ${error.retryAfterSeconds} s` : '';
      return text(
        reply,
        `FAILED ${error.statusCode === 429 ? `Rate limit exceeded${wait}` : error.message.replace(/\s+/g, ' ')}`,
        error.statusCode && error.statusCode < 500 ? error.statusCode : 500,
      );
    });

    const hidden = { hide: true } as const;

    app.get(
      `${PREFIX}/`,
      { schema: { ...hidden, querystring: z.record(z.string(), z.string()) }, config: { rateLimit: { max: 60, timeWindow: '1 minute' } } },
      async (request: FastifyRequest<{ Querystring: Form }>, reply) => {
        const q = request.query;
        const answer = handshakeAnswer(q);
        if (answer !== null) return text(reply, answer);
        const ok =
          q.api_key && q.sk
            ? await auth.verifyTokenHandshake(q.api_key, q.sk, q.t!, q.a!)
            : await auth.verifyHandshake(q.u!, q.t!, q.a!, request.ip);
        if (!ok || ok.principal.username !== q.u!.toLowerCase()) return text(reply, 'BADAUTH');
        // The session names the token, so revoking the token ends it.
        const session = auth.issueSession(ok.principal.accountId, ok.tokenId);
        const base = `${request.protocol}://${request.host}${PREFIX}`;
        return text(reply, `OK\n${session}\n${base}/np\n${base}/submit`);
      },
    );

    app.post(
      `${PREFIX}/np`,
      { schema: hidden, config: { rateLimit: { max: 600, timeWindow: '1 minute' } } },
      async (request: FastifyRequest<{ Body: Form }>, reply) => {
        const f = request.body ?? {};
        const principal = f.s ? await auth.verifySession(f.s) : undefined;
        if (!principal) return text(reply, 'BADSESSION');
        const play = audioscrobblerNowPlaying(f);
        if ('failed' in play) return text(reply, `FAILED ${play.failed}`);
        await nowPlaying.submit(principal.accountId, play, 'audioscrobbler', { autoScrobble: false });
        return text(reply, 'OK');
      },
    );

    app.post(
      `${PREFIX}/submit`,
      { schema: hidden, config: { rateLimit: { max: 600, timeWindow: '1 minute' } } },
      async (request: FastifyRequest<{ Body: Form }>, reply) => {
        const f = request.body ?? {};
        const principal = f.s ? await auth.verifySession(f.s) : undefined;
        if (!principal) return text(reply, 'BADSESSION');
        const items = audioscrobblerSubmission(f);
        if ('failed' in items) return text(reply, `FAILED ${items.failed}`);
        if (items.length) await nowPlaying.scrobble(principal.accountId, items, 'audioscrobbler');
        return text(reply, 'OK');
      },
    );
  };
}
