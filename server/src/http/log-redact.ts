import type { FastifyRequest } from 'fastify';
import type { LoggerOptions } from 'pino';

/**
 * Paths whose last segments are capabilities (whoever holds the URL may act): an exchange's invite or
 * guest token. They are written to the log as `[token]`, so a log reader cannot join a stranger's exchange.
 */
const CAPABILITY_PATHS = [/^(\/api\/guest\/exchanges\/)[^/?#]+/, /^(\/x\/)[^/?#]+/];

/**
 * Query and body parameters that carry a credential in some protocol Kith speaks, written to the log as
 * `[redacted]`: `password` and `authToken` (Last.fm auth.getMobileSession), `token` (ListenBrainz
 * /1/validate-token), `api_sig` (Last.fm signature), `sk` (Last.fm session key, Audioscrobbler 1.2.1),
 * `s` (Audioscrobbler session id), `a` (Audioscrobbler handshake digest, replayable while its `t` is fresh),
 * and the password change's fields.
 */
export const SECRET_PARAMS = ['password', 'authToken', 'token', 'api_sig', 'sk', 's', 'a', 'currentPassword', 'newPassword'] as const;
const secret = new Set<string>(SECRET_PARAMS);

/** The URL with capability tokens replaced by `[token]` and {@link SECRET_PARAMS} values by `[redacted]`. */
export function redactUrl(url: string): string {
  let out = url;
  for (const re of CAPABILITY_PATHS) if (re.test(out)) out = out.replace(re, '$1[token]');
  const q = out.indexOf('?');
  if (q < 0) return out;
  const params = new URLSearchParams(out.slice(q + 1));
  let hit = false;
  for (const key of new Set(params.keys()))
    if (secret.has(key)) {
      params.set(key, '[redacted]');
      hit = true;
    }
  return hit ? `${out.slice(0, q)}?${params.toString().replaceAll('%5Bredacted%5D', '[redacted]')}` : out;
}

/** pino serializer of a request: Fastify's default fields, with {@link redactUrl} applied. */
export function requestSerializer(req: FastifyRequest) {
  return {
    method: req.method,
    url: redactUrl(req.url),
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  };
}

/**
 * The pino options of the server's log (main.ts, and app.ts when no logger is passed in): the redacting
 * request serializer, and pino's `redact` over credential headers and any body or query object a log
 * line might carry (Fastify logs neither by default; this holds if someone adds `{ body }` to a line).
 */
export function loggerOptions(level: string): LoggerOptions {
  const holders = ['body', 'query', 'req.body', 'req.query'];
  return {
    level,
    serializers: { req: requestSerializer as (req: unknown) => unknown },
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', ...holders.flatMap((h) => SECRET_PARAMS.map((p) => `${h}.${p}`))],
      censor: '[redacted]',
    },
  };
}
