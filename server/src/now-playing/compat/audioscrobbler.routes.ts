import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import formbody from '@fastify/formbody';
import { z } from 'zod';
import type { Config } from '../../config/config.js';
import type { ListenInput, NowPlayingService } from '../now-playing.service.js';
import { HANDSHAKE_SKEW_S, type ScrobblerAuth } from './scrobbler-auth.js';
import { trackLengthMs } from './track-length.js';

type Form = Record<string, string | undefined>;
/** Protocol 1.2: at most 50 tracks per submission. */
const MAX_SUBMISSIONS = 50;
const PREFIX = '/audioscrobbler';

const text = (reply: FastifyReply, body: string, status = 200) =>
  reply
    .status(status)
    .type('text/plain; charset=utf-8')
    .send(body + '\n');
const str = (v: string | undefined, max = 500) => (v?.trim() ? v.trim().slice(0, max) : null);

/**
 * Audioscrobbler Realtime Submission Protocol v1.2 (http://www.audioscrobbler.net/development/protocol/),
 * the protocol mpdscribble speaks, at `/audioscrobbler/`:
 *
 * - handshake `GET /audioscrobbler/?hs=true&p=1.2&c=<client>&v=<ver>&u=<user>&t=<unix time>&a=<md5(md5(password) + t)>`
 *   (the password is a Kith scrobbler token), or the 1.2.1 variant `a=md5(shared secret + t)&api_key=…&sk=<session key>`;
 *   answers `OK\n<session id>\n<now-playing URL>\n<submission URL>`, or `BADAUTH`, `BADTIME`, `FAILED <reason>`;
 * - `POST /audioscrobbler/np` (s, a, t, b, l, n, m) → `OK` / `BADSESSION` / `FAILED <reason>`;
 * - `POST /audioscrobbler/submit` (s, a[i], t[i], i[i], o[i], r[i], l[i], b[i], n[i], m[i]) → the same answers.
 */
export function audioscrobblerRoutes(np: NowPlayingService, auth: ScrobblerAuth, _config: Config): FastifyPluginAsync {
  return async (app) => {
    await app.register(formbody, { bodyLimit: 256 * 1024 });
    // Every failure is a protocol line, never Kith's JSON: clients parse the first line only.
    app.setErrorHandler((error: Error & { statusCode?: number }, request, reply) => {
      if (!(error.statusCode && error.statusCode < 500)) request.log.error({ err: error }, 'audioscrobbler request failed');
      return text(
        reply,
        `FAILED ${error.statusCode === 429 ? 'Rate limit exceeded' : error.message.replace(/\s+/g, ' ')}`,
        error.statusCode && error.statusCode < 500 ? error.statusCode : 500,
      );
    });

    const hidden = { hide: true } as const;

    app.get(
      `${PREFIX}/`,
      { schema: { ...hidden, querystring: z.record(z.string(), z.string()) }, config: { rateLimit: { max: 60, timeWindow: '1 minute' } } },
      async (request: FastifyRequest<{ Querystring: Form }>, reply) => {
        const q = request.query;
        if (q.hs !== 'true') return text(reply, 'Kith Audioscrobbler 1.2 endpoint: handshake with ?hs=true&p=1.2&c=&v=&u=&t=&a=');
        if (q.p !== '1.2' && q.p !== '1.2.1')
          return text(reply, `FAILED Unsupported protocol version ${String(q.p).slice(0, 10)}; this server speaks 1.2`);
        const missing = ['c', 'v', 'u', 't', 'a'].filter((k) => !q[k]);
        if (missing.length) return text(reply, `FAILED Missing parameter ${missing.join(', ')}`);
        if (!/^\d+$/.test(q.t!) || Math.abs(Number(q.t) - Date.now() / 1000) > HANDSHAKE_SKEW_S) return text(reply, 'BADTIME');
        const ok =
          q.api_key && q.sk ? await auth.verifyTokenHandshake(q.api_key, q.sk, q.t!, q.a!) : await auth.verifyHandshake(q.u!, q.t!, q.a!);
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
        const artist = str(f.a);
        const title = str(f.t);
        if (!artist || !title) return text(reply, 'FAILED Artist (a) and track (t) are required');
        await np.submit(
          principal.accountId,
          { title, artist, album: str(f.b), duration_ms: trackLengthMs(f.l), player: 'Audioscrobbler client' },
          'audioscrobbler',
          {
            autoScrobble: false,
          },
        );
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
        const items: ListenInput[] = [];
        for (let i = 0; i < MAX_SUBMISSIONS; i++) {
          if (f[`a[${i}]`] === undefined && f[`t[${i}]`] === undefined) continue;
          const artist = str(f[`a[${i}]`]);
          const title = str(f[`t[${i}]`]);
          const started = f[`i[${i}]`];
          const source = f[`o[${i}]`] ?? 'P';
          if (!artist || !title) return text(reply, `FAILED Track ${i}: artist a[${i}] and title t[${i}] are required`);
          if (!started || !/^\d+$/.test(started)) return text(reply, `FAILED Track ${i}: i[${i}] must be the UNIX start time`);
          if (!/^[PREL]/.test(source)) return text(reply, `FAILED Track ${i}: o[${i}] must be one of P, R, E, L`);
          if (source === 'P' && !trackLengthMs(f[`l[${i}]`]))
            return text(reply, `FAILED Track ${i}: l[${i}] (length in seconds) is required when o[${i}]=P`);
          if (f[`r[${i}]`] === 'S' || f[`r[${i}]`] === 'B') continue; // skipped or banned: not a listen
          items.push({
            title,
            artist,
            album: str(f[`b[${i}]`]),
            duration_ms: trackLengthMs(f[`l[${i}]`]),
            listened_at: Number(started) * 1000,
            player: 'Audioscrobbler client',
          });
        }
        if (items.length) await np.scrobble(principal.accountId, items, 'audioscrobbler');
        return text(reply, 'OK');
      },
    );
  };
}
