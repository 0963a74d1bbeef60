import type { GuardedFetchOptions, GuardedResponse } from '../net/guarded-fetch.js';

/** `guardedFetch` bound to the server's policy, limits and DNS (container.ts). */
export type GuardedFetch = (url: string, init: Partial<GuardedFetchOptions>) => Promise<GuardedResponse>;

const NULL_BODY = new Set([101, 204, 205, 304]);
const METHODS = new Set(['GET', 'POST', 'PROPFIND', 'REPORT']);

/**
 * A WHATWG `fetch` for tsdav (its `fetch` option) that goes through Kith's SSRF guard: every request
 * and redirect hop is vetted against the address policy (`KITH_FETCH_ALLOW`), connected to by its
 * pinned address, bounded by `KITH_FETCH_MAX_BYTES` and `KITH_FETCH_TIMEOUT_MS`. The sync only
 * reads, so only GET, POST, PROPFIND and REPORT are let through.
 * @throws the guard's AppErrors (422 `blocked_address`, `image_unreachable`, …; 413 `payload_too_large`).
 */
export function davFetch(http: GuardedFetch): typeof fetch {
  return async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const method = (init?.method ?? 'GET').toUpperCase();
    if (!METHODS.has(method)) throw new Error(`CardDAV sync does not send ${method} requests`);
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((v, k) => (headers[k] = v));
    const body = init?.body;
    if (body != null && typeof body !== 'string') throw new Error('CardDAV requests carry text bodies only');
    const res = await http(url, { method: method as GuardedFetchOptions['method'], headers, ...(body != null ? { body } : {}) });
    const out = new Headers();
    for (const [k, v] of Object.entries(res.headers)) {
      if (v === undefined) continue;
      for (const one of Array.isArray(v) ? v : [v]) out.append(k, one);
    }
    const response = new Response(NULL_BODY.has(res.status) ? null : new Uint8Array(res.body), { status: res.status, headers: out });
    Object.defineProperty(response, 'url', { value: res.url });
    return response;
  };
}
