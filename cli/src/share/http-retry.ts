/**
 * HTTP with retries for `kith share` uploads (retries with backoff, so a server that is briefly down still gets the photo): network errors, 5xx
 * and 429 are tried again with exponential backoff, waiting what `Retry-After` asks when it does
 * (RFC 9110 §10.2.3); any other answer, a 4xx refusal included, is returned at once.
 */
import { fetch, type FormData } from 'undici';

export interface RetryPolicy {
  /** Attempts after the first (default 4). */
  retries: number;
  /** First wait, ms; doubled each time (default 500). */
  baseDelayMs: number;
  /** Cap on one wait, including Retry-After, ms (default 30 000). */
  maxDelayMs: number;
  /** Per-request timeout, ms (default 120 000: a 25 MB packet on a slow uplink). */
  timeoutMs: number;
  /** Injected in tests. */
  sleep: (ms: number) => Promise<void>;
}

export const DEFAULT_RETRY: RetryPolicy = {
  retries: 4,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  timeoutMs: 120_000,
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
};

export const retriable = (status: number) => status === 429 || status >= 500;

/** `Retry-After` (RFC 9110 §10.2.3: seconds or an HTTP date) in ms, or null. */
export function retryAfterMs(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

export interface Answer {
  status: number;
  body: unknown;
}

/**
 * One HTTP exchange with retries. Resolves with the last answer (any status), or rejects with the
 * last network error once the retries are spent.
 */
export async function withRetry(
  send: (signal: AbortSignal) => Promise<Answer & { retryAfter: string | null }>,
  policy: RetryPolicy,
): Promise<Answer> {
  for (let attempt = 0; ; attempt++) {
    let wait: number;
    try {
      const a = await send(AbortSignal.timeout(policy.timeoutMs));
      if (!retriable(a.status) || attempt >= policy.retries) return a;
      wait = retryAfterMs(a.retryAfter) ?? policy.baseDelayMs * 2 ** attempt;
    } catch (e) {
      if (attempt >= policy.retries) throw e;
      wait = policy.baseDelayMs * 2 ** attempt;
    }
    await policy.sleep(Math.min(wait, policy.maxDelayMs));
  }
}

/** The most telling part of a fetch failure: `ECONNREFUSED`, `UND_ERR_CONNECT_TIMEOUT`, else the message. */
export const networkMessage = (e: unknown) => {
  const err = e as Error & { cause?: { code?: string; message?: string } };
  return err.cause?.code ?? err.cause?.message ?? err.message;
};

export async function exchange(
  url: string,
  init: { method: string; body?: string | FormData; headers?: Record<string, string> },
  signal: AbortSignal,
) {
  const res = await fetch(url, { ...init, signal });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON: keep the text for the message */
  }
  return { status: res.status, body, retryAfter: res.headers.get('retry-after') };
}
