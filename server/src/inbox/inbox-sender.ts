import { normaliseKithAddress } from '@kith/address-book';

/** A sender's claims, normalised for the policy checks (contacts, blocks). */
export interface SenderIdentity {
  /** `user@host[:port]`, lower-cased; null when the claim is absent or not an address. */
  address: string | null;
  /** Hosts a host block may name: `host:port` and `host` of the address, and the source IP. */
  hosts: string[];
}

/**
 * Reads a claimed sender address: a Kith address (`alice@kith-a.example[:port]`, optionally `kith:`)
 * or an album URL (`http://kith-a.example:2342/inbox/alice`, the document's album server address).
 * The claim is unauthenticated (the seed's inbox is password-less): it only ever narrows what is
 * accepted (contacts-only, blocks), never widens it.
 */
export function senderIdentity(claimed: string | null, sourceIp: string): SenderIdentity {
  const hosts = new Set<string>();
  if (sourceIp && sourceIp !== 'local') hosts.add(sourceIp.toLowerCase());
  let address: string | null = null;
  const raw = claimed?.trim() ?? '';
  if (raw) {
    address = normaliseKithAddress(raw);
    if (!address && /^https?:\/\//i.test(raw)) {
      try {
        const u = new URL(raw);
        const user = /^\/inbox\/([^/]+)\/?$/.exec(u.pathname)?.[1];
        if (user) address = normaliseKithAddress(`${decodeURIComponent(user)}@${u.host}`);
        hosts.add(u.host.toLowerCase());
        hosts.add(u.hostname.toLowerCase());
      } catch {
        // not a URL after all: no host to match
      }
    }
  }
  if (address) {
    const host = address.slice(address.indexOf('@') + 1);
    hosts.add(host);
    hosts.add(host.replace(/:\d+$/, ''));
  }
  return { address, hosts: [...hosts] };
}

/** A block value as stored: a sender address (`user@host[:port]`) or a host / IP (lower-cased). Null when unusable. */
export function normaliseBlockValue(kind: 'sender' | 'host', value: string): string | null {
  const v = value.trim().toLowerCase();
  if (kind === 'sender') return senderIdentity(v, '').address;
  return /^[a-z0-9.\-:[\]]{1,255}$/.test(v) ? v : null;
}

/**
 * A picture's name made safe to keep and show: the last path segment only (so `../../etc/passwd`
 * becomes `passwd`), control characters removed, at most 200 characters. Names are display text:
 * blobs are content-addressed, so no name ever becomes a path.
 */
export function safePictureName(name: string | null | undefined, index: number): string {
  const base = (name ?? '')
    .replace(/\\/g, '/')
    .split('/')
    .pop()!
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim()
    .slice(0, 200);
  return base && base !== '.' && base !== '..' ? base : `picture-${index + 1}`;
}
