/**
 * One API client for the whole app: the generated, typed SDK (same origin, session
 * cookie) plus {@link request}, a small fetch wrapper for routes whose paths the
 * committed OpenAPI document does not describe yet. Both turn the server's
 * `{ code, message }` error body into an {@link ApiError}.
 */
import { createKithClient } from '@kith/sdk';
import { isNetworkFailure, networkFailureMessage } from '../lib/offline';

export const kith = createKithClient({ baseUrl: '' });

/** An HTTP error from the API; `message` is the server's human-actionable text. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Reads an error body `{ code, message, details? }`, falling back to the status text. */
export function toApiError(status: number, body: unknown, fallback = 'Something went wrong'): ApiError {
  if (body && typeof body === 'object' && 'message' in body) {
    const b = body as { code?: string; message?: string; details?: Record<string, unknown> };
    return new ApiError(status, b.code ?? 'error', b.message ?? fallback, b.details);
  }
  return new ApiError(
    status,
    status === 0 ? 'network_error' : 'http_error',
    status === 0 ? networkFailureMessage() : `${fallback} (HTTP ${status})`,
  );
}

/**
 * Unwraps an openapi-fetch result: returns `data` or throws an {@link ApiError}.
 * @example const { account } = await unwrap(kith.GET('/api/me'));
 */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok || error !== undefined) throw toApiError(response.status, error);
  return data as T;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/**
 * JSON request to a same-origin API path. `body` is sent as JSON unless it is a
 * `FormData`, a `Blob` or a string (then as-is, with `contentType` if given).
 * Resolves to `undefined` for 204. Throws {@link ApiError} on 4xx/5xx.
 */
export async function request<T>(method: Method, path: string, body?: unknown, contentType?: string): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  let payload: BodyInit | undefined;
  if (body instanceof FormData || body instanceof Blob) payload = body;
  else if (typeof body === 'string') {
    payload = body;
    if (contentType) headers['content-type'] = contentType;
  } else if (body !== undefined) {
    payload = JSON.stringify(body);
    headers['content-type'] = 'application/json';
  }
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body: payload, credentials: 'include' });
  } catch {
    throw toApiError(0, undefined);
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let json: unknown = undefined;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (!res.ok) throw toApiError(res.status, json);
  return json as T;
}

/** Message to show for any thrown value. */
export function errorMessage(err: unknown): string {
  if (isNetworkFailure(err)) return networkFailureMessage();
  if (err instanceof Error) return err.message;
  return String(err);
}
