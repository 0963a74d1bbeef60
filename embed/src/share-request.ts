/**
 * The share request of region-sharing claim 1 / S250, sent with fetch to the Kith server:
 * with the site key (anonymous visitors, no credentials), with the session cookie when the
 * page is Kith's own origin, or through the relay window (a logged-in user on any other
 * site: the bookmarklet), because Kith gives credentials to its own origin only.
 */
import type { Rect } from './geometry';

export interface Target {
  id: string;
  label: string;
  kind: 'server' | 'intent';
}

export interface ShareBody {
  pageUrl: string;
  imageUrl: string;
  imageIndex: number;
  rect: Rect;
  fraction: Rect;
  naturalWidth: number;
  naturalHeight: number;
  description: string;
  target: string;
  imageData?: string;
}

export interface ShareResult {
  share: { id: string; url: string; imageUrl: string; imageSource: string; delivery: { status: string; url: string | null } };
}

export interface Settings {
  kith: string;
  siteKey?: string;
}

/** An error answer of the server (`code`, `message`) or a network failure. */
export class ShareError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Same origin as Kith (cookie allowed), site key, or neither (relay needed). */
export const mode = (s: Settings) => (s.siteKey ? 'key' : location.origin === new URL(s.kith).origin ? 'self' : 'relay');

/**
 * One JSON request to Kith (site key header and credentials as {@link mode} needs them).
 * @throws ShareError with the server's `code` and `message`, `http_error`, or `network_error`.
 */
export async function call<T>(s: Settings, method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  if (body) headers['content-type'] = 'application/json';
  if (s.siteKey) headers['x-kith-site-key'] = s.siteKey;
  let res: Response;
  try {
    res = await fetch(s.kith + path, {
      method,
      headers,
      body: body ? JSON.stringify(body) : undefined,
      credentials: s.siteKey ? 'omit' : 'include',
      mode: 'cors',
    });
  } catch {
    throw new ShareError('network_error', 'Kith cannot be reached from this page.');
  }
  const data = (await res.json().catch(() => null)) as { code?: string; message?: string } | null;
  if (!res.ok) throw new ShareError(data?.code ?? 'http_error', data?.message ?? `Kith answered HTTP ${res.status}.`);
  return data as T;
}

/** The targets the server enables for this user or site key (claim 6's platform icons). */
export const loadTargets = (s: Settings) => call<{ targets: Target[] }>(s, 'GET', '/api/region-shares/targets').then((r) => r.targets);

/** The image bytes as base64, when the page itself may read them (same origin, CORS, blob:, data:). */
async function bytesOf(url: string): Promise<string | undefined> {
  try {
    const blob = await (await fetch(url, { credentials: 'include' })).blob();
    return await new Promise((resolve, reject) => {
      const r = new FileReader();
      r.onload = () => resolve(String(r.result).split(',')[1]);
      r.onerror = () => reject(new Error('read failed'));
      r.readAsDataURL(blob);
    });
  } catch {
    return undefined;
  }
}

/**
 * Sends the share. When the server cannot fetch the image itself (a page behind a login,
 * an intranet address it refuses, blob: and data: URLs), the bytes are sent instead.
 */
export async function sendShare(s: Settings, body: ShareBody, viaRelay?: (b: ShareBody) => Promise<ShareResult>): Promise<ShareResult> {
  const send = (b: ShareBody) => (viaRelay ? viaRelay(b) : call<ShareResult>(s, 'POST', '/api/region-shares', b));
  if (!/^https?:/.test(body.imageUrl)) {
    const imageData = await bytesOf(body.imageUrl);
    if (!imageData) throw new ShareError('image_unreadable', 'This image cannot be read to share it.');
    return send({ ...body, imageData });
  }
  try {
    return await send(body);
  } catch (e) {
    if (!(e instanceof ShareError) || !['image_unreachable', 'blocked_address'].includes(e.code)) throw e;
    const imageData = await bytesOf(body.imageUrl);
    if (!imageData) throw e;
    return send({ ...body, imageData });
  }
}

/**
 * Opens Kith's relay window (must run inside the click that shares, or popup blockers
 * stop it). The relay page runs on Kith's origin, asks the user to confirm, sends the
 * request with the session cookie and posts the result back here.
 */
export function openRelay(s: Settings): (b: ShareBody) => Promise<ShareResult> {
  const origin = new URL(s.kith).origin;
  const win = window.open(`${origin}/embed/relay`, 'kith-relay', 'popup,width=440,height=560');
  return (b) =>
    new Promise((resolve, reject) => {
      if (!win) return reject(new ShareError('popup_blocked', 'Allow pop-ups for this site to share with your Kith account.'));
      const onMessage = (e: MessageEvent) => {
        if (e.origin !== origin || e.source !== win) return;
        const m = e.data as { type: string; result?: ShareResult; error?: { code: string; message: string } };
        if (m.type === 'kith-relay-ready') win.postMessage({ type: 'kith-share', body: b }, origin);
        else if (m.type === 'kith-relay-done') {
          removeEventListener('message', onMessage);
          if (m.result) resolve(m.result);
          else reject(new ShareError(m.error?.code ?? 'error', m.error?.message ?? 'The share failed.'));
        }
      };
      addEventListener('message', onMessage);
    });
}
