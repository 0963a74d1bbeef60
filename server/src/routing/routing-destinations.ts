import net from 'node:net';
import { KITH_ADDRESS } from '../contacts/contact-fields.js';

/** Where a recognised contact's photos go (delivery depends on where the contact lives: this server, another Kith server, or nowhere). */
export type Destination =
  | { kind: 'local'; username: string }
  /** `inboxUrl`: `http(s)://host[:port]/inbox/{user}`, the path the contract defaults to before discovery. */
  | { kind: 'remote'; inboxUrl: string; origin: string; username: string };

/** The contact columns a destination is read from. */
export interface DestinationFields {
  /** Username of the account the contact is linked to on this server, if any. */
  linked_username: string | null;
  kith_address: string | null;
  album_url: string | null;
}

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
  return m ? { origin: `${u.origin}${m[1]}`, username: decodeURIComponent(m[2]).toLowerCase() } : null;
}

/**
 * A contact's destination, most explicit first:
 * 1. linked to an account on this server → that account's inbox, in process;
 * 2. a Kith address `user@host[:port]`: this server's host → local by username; another → remote;
 * 3. an album URL shaped like a Kith inbox (`…/inbox/{user}`) → remote;
 * otherwise none (e.g. only a Google Photos link): the contact is not a routing candidate.
 * `localHost` is the host[:port] of this server's public URL.
 */
export function destinationOf(c: DestinationFields, localHost: string): Destination | null {
  if (c.linked_username) return { kind: 'local', username: c.linked_username };
  if (c.kith_address && KITH_ADDRESS.test(c.kith_address)) {
    const at = c.kith_address.lastIndexOf('@');
    const [username, hostPort] = [c.kith_address.slice(0, at), c.kith_address.slice(at + 1)];
    if (hostPort === localHost.toLowerCase()) return { kind: 'local', username };
    const origin = originOfKithAddress(hostPort);
    return { kind: 'remote', origin, username, inboxUrl: `${origin}/inbox/${encodeURIComponent(username)}` };
  }
  const inbox = c.album_url ? parseInboxUrl(c.album_url) : null;
  if (inbox) return { kind: 'remote', ...inbox, inboxUrl: `${inbox.origin}/inbox/${encodeURIComponent(inbox.username)}` };
  return null;
}

/** The stored `target` of a destination: the username (local) or the inbox URL (remote). */
export const targetOf = (d: Destination) => (d.kind === 'local' ? d.username : d.inboxUrl);

/** A person-readable address of a delivery's target: `bob` (this server) or `bob@host:port`. */
export function displayAddress(destination: 'local' | 'remote', target: string): string {
  if (destination === 'local') return target;
  const p = parseInboxUrl(target);
  return p ? `${p.username}@${new URL(p.origin).host}` : target;
}
