import type { IncomingHttpHeaders } from 'node:http';
import { errors } from './errors.js';

/** Methods that change state (RFC 9110 §9.2.1: every method but GET, HEAD, OPTIONS and TRACE is unsafe). */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE']);

/** Whether `method` may change state, so a cookie-authenticated request with it must come from Kith's own pages. */
export const isUnsafeMethod = (method: string) => !SAFE_METHODS.has(method.toUpperCase());

/**
 * Which web origins may send cookie-authenticated unsafe requests and open socket.io connections with the
 * session cookie: the cross-site request forgery (CSRF) defence of docs/security.md "Cross-site requests".
 *
 * It follows the OWASP CSRF Prevention Cheat Sheet's "Fetch Metadata" and "Verifying origin with standard
 * headers" defences (https://cheatsheetseries.owasp.org/cheatsheets/Cross-Site_Request_Forgery_Prevention_Cheat_Sheet.html):
 * 1. An `Origin` header (RFC 6454 §7; browsers send it on every POST and WebSocket handshake) must be one of
 *    the allowed origins: `KITH_PUBLIC_URL`'s origin, `KITH_ALLOWED_ORIGINS`, or the origin the browser
 *    addressed (the request's own scheme with its `Host` header: a LAN install reached at http://192.168.1.5:2342
 *    with the default public URL still works; a page elsewhere cannot make the Host header name its own origin
 *    while the cookie, bound to Kith's host, goes along). `Origin: null` (sandboxed frames, file:) is refused.
 * 2. Without `Origin`, `Sec-Fetch-Site` (W3C Fetch Metadata) must be `same-origin` or `none` (the user's own
 *    navigation); `same-site` is refused too: SameSite=Lax cookies go along from a sibling subdomain or
 *    another port of the same host, which is exactly the hole this closes.
 * 3. With neither header the request did not come from a browser that could be tricked by a page (every
 *    browser Kith supports sends `Sec-Fetch-Site`, and `Origin` on POST): curl, scripts and old CLIs with a
 *    cookie keep working. This is the cheat sheet's "allow when absent" choice, safe here because the cookie
 *    is SameSite=Lax and HttpOnly, so no browser old enough to omit both headers is a supported client.
 */
export interface OriginPolicy {
  /** The allowed origins, normalised (`scheme://host[:port]`, no trailing slash). */
  readonly origins: ReadonlySet<string>;
  /**
   * `undefined` when the request's headers show it comes from an allowed origin, else why it is refused.
   * @param scheme the scheme the request arrived with (`http`/`https`, Fastify's `request.protocol`), so that
   *   the addressed origin is exact: an http page on the same host is another origin than https Kith.
   */
  refusal(headers: IncomingHttpHeaders, scheme?: string): string | undefined;
}

/**
 * Builds the policy from `KITH_PUBLIC_URL` and `KITH_ALLOWED_ORIGINS` (already parsed into origins).
 * @param publicUrl Kith's public URL (its origin is always allowed).
 * @param allowed further origins, e.g. `http://localhost:5173` for the web dev server.
 */
export function createOriginPolicy(publicUrl: string, allowed: readonly string[] = []): OriginPolicy {
  const origins = new Set([new URL(publicUrl).origin, ...allowed.map((o) => new URL(o).origin)]);
  return {
    origins,
    refusal(headers, scheme) {
      const origin = headers.origin;
      if (origin !== undefined) {
        if (origins.has(origin)) return undefined;
        if (scheme && headers.host && addressedOrigin(scheme, headers.host) === origin) return undefined;
        return `the request comes from ${origin}`;
      }
      const site = headers['sec-fetch-site'];
      if (site === undefined || site === 'same-origin' || site === 'none') return undefined;
      return `the browser says the request comes from a ${String(site)} page`;
    },
  };
}

/** The origin the browser sent the request to: its scheme and the Host header (RFC 9110 §7.2), serialised as browsers do (RFC 6454). */
function addressedOrigin(scheme: string, host: string): string | undefined {
  try {
    return new URL(`${scheme}://${host}`).origin;
  } catch {
    return undefined; // a malformed Host
  }
}

/** 403 `cross_origin_refused`: what the caller sees when {@link OriginPolicy.refusal} names a reason. */
export const crossOriginRefused = (reason: string, policy: OriginPolicy) =>
  errors.forbidden(
    'cross_origin_refused',
    `Refused: ${reason}, and Kith accepts signed-in changes only from its own pages (${[...policy.origins].join(', ')}). ` +
      'Use Kith itself, an API token (Authorization: Bearer), or ask the admin to add your site to KITH_ALLOWED_ORIGINS.',
    { allowedOrigins: [...policy.origins] },
  );
