import type { FastifyRequest } from 'fastify';

/**
 * Paths whose last segments are capabilities (whoever holds the URL may act): an exchange's invite or
 * guest token. They are written to the log as `[token]`, so a log reader cannot join a stranger's exchange.
 */
const CAPABILITY_PATHS = [/^(\/api\/guest\/exchanges\/)[^/?#]+/, /^(\/x\/)[^/?#]+/];

/** The URL with capability tokens replaced by `[token]`. */
export function redactUrl(url: string): string {
  for (const re of CAPABILITY_PATHS) if (re.test(url)) return url.replace(re, '$1[token]');
  return url;
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
