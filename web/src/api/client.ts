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

/** "body.password" -> "password", "body.contacts.0.phone" -> "contacts.0.phone": the form field a message is about. */
const fieldKey = (field: string) => field.replace(/^(body|query|params|headers)\./, '');

/** "use at least 8 characters" -> "Use at least 8 characters." */
const sentence = (m: string) => {
  const t = m.trim();
  return t ? `${t[0]!.toUpperCase()}${t.slice(1)}${/[.!?]$/.test(t) ? '' : '.'}` : t;
};

/** "displayName" -> "Display name", "contacts.0.phone" -> "Contacts 0 phone": a field's name for people. */
const labelOf = (key: string) => {
  const words = key
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[._]/g, ' ')
    .toLowerCase();
  return `${words[0]?.toUpperCase() ?? ''}${words.slice(1)}`;
};

/**
 * Per-field messages of a validation error (400 `invalid_request`, whose `details.fields` lists
 * `{ field: 'body.password', message: 'use at least 8 characters' }`), keyed by the field's name in the
 * request body: `{ password: 'Use at least 8 characters.' }`. Empty for any other error, so a form shows
 * these at its fields and everything else ({@link errorMessage}) under the form.
 */
export function fieldErrors(err: unknown): Record<string, string> {
  if (!(err instanceof ApiError) || err.code !== 'invalid_request') return {};
  const fields = err.details?.fields;
  if (!Array.isArray(fields)) return {};
  const out: Record<string, string> = {};
  for (const f of fields as Array<{ field?: unknown; message?: unknown }>) {
    if (typeof f.field !== 'string' || typeof f.message !== 'string') continue;
    const key = fieldKey(f.field);
    out[key] ??= sentence(f.message);
  }
  return out;
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

/** The message for form field `name` in {@link fieldErrors}' result, also for its items ("emails.0" is "emails"). */
export function fieldError(fields: Record<string, string>, name: string): string | undefined {
  const key = Object.keys(fields).find((k) => k === name || k.startsWith(`${name}.`));
  return key ? fields[key] : undefined;
}

/**
 * Message to show for any thrown value, in words: a validation error names its fields in plain terms
 * ("Password: use at least 8 characters.") and a request that never left the browser (fetch's TypeError
 * "Failed to fetch") says the person is offline instead.
 */
export function errorMessage(err: unknown): string {
  const fields = fieldErrors(err);
  const names = Object.keys(fields);
  if (names.length > 0) return names.map((k) => `${labelOf(k)}: ${fields[k]}`).join(' ');
  if (isNetworkFailure(err)) return networkFailureMessage();
  if (err instanceof Error) return err.message;
  return String(err);
}
