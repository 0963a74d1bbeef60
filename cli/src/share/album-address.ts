/**
 * A contact's "electronic album information" (seed CN103369031A claim 1, [0054]–[0057]): the
 * album server's address and the contact's account name on it, turned into the inbox URL that
 * `kith share` posts to (`POST {origin}/inbox/{username}`, CONTRACT-4 "Wire").
 *
 * Accepted spellings:
 * - a Kith address `user@host[:port]` (vCard `X-KITH-ADDRESS`, what Settings shows);
 * - an album URL `http(s)://host[:port]/inbox/user` (vCard `URL;TYPE=x-kith-album:`);
 * - the document's XML parts: `<photo album address>http://sit.com.cn</…>`, `<port>8080</port>`,
 *   `<username>user_id</username>`.
 *
 * A Kith address carries no scheme. Kith assumes https, except for hosts that cannot have a
 * public certificate (localhost, loopback and private IP literals, `*.local`), which get http.
 */
import { isIP } from 'node:net';
import { normaliseKithAddress } from '../../../server/src/contacts/contact-fields.js';

export interface AlbumAddress {
  /** `http(s)://host[:port]`, no trailing slash. */
  origin: string;
  /** The account name on that server, as written (servers compare it case-insensitively). */
  username: string;
  /** `user@host[:port]`, for messages and the table. */
  address: string;
}

/** Whether a host (name or IP literal, IPv6 with or without brackets) should be reached over plain http. */
export function isPlainHttpHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost') || h.endsWith('.local')) return true;
  if (isIP(h) === 4) {
    const [a, b] = h.split('.').map(Number);
    return a === 127 || a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254);
  }
  if (isIP(h) === 6) return h === '::1' || /^f[cd]/.test(h) || h.startsWith('fe80');
  return false;
}

const make = (url: URL, username: string): AlbumAddress => ({
  origin: url.origin,
  username,
  address: `${username}@${url.host}`,
});

/** `user@host[:port]` (optionally `kith:user@host`) → album address; null when it is not one. */
export function fromKithAddress(raw: string): AlbumAddress | null {
  const v = normaliseKithAddress(raw);
  if (!v) return null;
  const at = v.indexOf('@');
  const host = v.slice(at + 1);
  const hostname = host.replace(/:\d+$/, '');
  return make(new URL(`${isPlainHttpHost(hostname) ? 'http' : 'https'}://${host}`), v.slice(0, at));
}

/**
 * An album URL → album address. The username is the path's `/inbox/{user}` segment, else
 * `fallbackUsername` (the XML `<username>`). Null when it is not an http(s) URL or names no user.
 * @param port the XML `<port>`, used when the URL has none (1–65535).
 */
export function fromAlbumUrl(raw: string, fallbackUsername?: string | null, port?: string | null): AlbumAddress | null {
  let text = raw.trim();
  if (!text) return null;
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    const host = text.replace(/[/:].*$/, '');
    text = `${isPlainHttpHost(host) ? 'http' : 'https'}://${text}`;
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const p = port?.trim();
  if (p && !url.port) {
    if (!/^\d{1,5}$/.test(p) || Number(p) < 1 || Number(p) > 65535) return null;
    url.port = p;
  }
  const fromPath = /\/inbox\/([^/?#]+)\/?$/.exec(url.pathname)?.[1];
  const username = fromPath ? decodeURIComponent(fromPath) : fallbackUsername?.trim();
  if (!username) return null;
  return make(url, username);
}

/** The inbox endpoint of an album address (CONTRACT-4: `POST /inbox/{account}`). */
export const inboxUrl = (a: AlbumAddress) => `${a.origin}/inbox/${encodeURIComponent(a.username)}`;
