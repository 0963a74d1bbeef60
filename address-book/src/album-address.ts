/**
 * A contact's "electronic album information" (seed CN103369031A claim 1, [0054]–[0057]): the
 * album server's address and the contact's account name on it, turned into the inbox URL that
 * `kith share` posts to (`POST {origin}/inbox/{username}`, docs/architecture.md "Album inbox").
 *
 * Accepted spellings:
 * - a Kith address `user@host[:port]` (vCard `X-KITH-ADDRESS`, what Settings shows);
 * - an album URL `http(s)://host[:port]/inbox/user` (vCard `URL;TYPE=x-kith-album:`);
 * - the document's XML parts: `<photo album address>http://sit.com.cn</…>`, `<port>8080</port>`,
 *   `<username>user_id</username>`.
 *
 * A Kith address carries no scheme: https is assumed except for loopback hosts
 * ({@link originOfKithAddress}); server-side routing and `kith share` both use these functions, so
 * they deliver to the same place. Name a plain-http server with a URL.
 */
import net from 'node:net';
import { normaliseKithAddress } from './contact-fields.js';

const LOOPBACK = (host: string) => host === 'localhost' || host === '::1' || (net.isIPv4(host) && host.startsWith('127.'));

/**
 * The base URL of a Kith address's server: `https://host[:port]`, or `http://` for a loopback host
 * (development and tests, where no certificate exists). A Kith address carries no scheme, so
 * anything reachable from outside is assumed to serve HTTPS; a plain-HTTP server is named with
 * an album URL instead (`URL;TYPE=x-kith-album:http://host:port/inbox/bob`).
 */
export function originOfKithAddress(hostPort: string): string {
  const host = hostPort.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  return `${LOOPBACK(host) ? 'http' : 'https'}://${hostPort}`;
}

/** `http(s)://host[:port][/prefix]/inbox/{user}` → origin+prefix and user; null for any other URL (e.g. a Google Photos album). */
export function parseInboxUrl(raw: string): { origin: string; username: string } | null {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  const m = /^(.*)\/inbox\/([a-z0-9][a-z0-9._-]*)\/?$/i.exec(u.pathname);
  const [, base = '', username] = m ?? [];
  return username ? { origin: `${u.origin}${base}`, username: decodeURIComponent(username).toLowerCase() } : null;
}

export interface AlbumAddress {
  /** `http(s)://host[:port]` (plus a path prefix when an album URL had one), no trailing slash. */
  origin: string;
  /** The account name on that server, as written (servers compare it case-insensitively). */
  username: string;
  /** `user@host[:port]`, for messages and the table. */
  address: string;
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
  return make(new URL(originOfKithAddress(v.slice(at + 1))), v.slice(0, at));
}

/**
 * An album URL → album address. The username is the path's `/inbox/{user}` segment (then the
 * URL's own origin and path prefix are kept), else `fallbackUsername` (the XML `<username>`). Null when it is not an http(s) URL or names no user.
 * @param port the XML `<port>`, used when the URL has none (1–65535).
 */
export function fromAlbumUrl(raw: string, fallbackUsername?: string | null, port?: string | null): AlbumAddress | null {
  let text = raw.trim();
  if (!text) return null;
  const inbox = parseInboxUrl(text);
  if (inbox) return { origin: inbox.origin, username: inbox.username, address: `${inbox.username}@${new URL(inbox.origin).host}` };
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) text = originOfKithAddress(text);
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
  const username = fallbackUsername?.trim();
  if (!username) return null;
  return make(url, username);
}
