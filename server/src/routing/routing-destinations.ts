import { KITH_ADDRESS, originOfKithAddress, parseInboxUrl } from '@kith/address-book';

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
