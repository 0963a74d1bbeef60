import crypto, { type KeyObject } from 'node:crypto';
import { createVerifier, ExpiredError, httpbis } from 'http-message-signatures';
import { LRUCache } from 'lru-cache';
import type { HttpPort } from '../connectors/connector.js';
import { normaliseKithAddress, originOfKithAddress } from '@kith/address-book';
import { CLOCK_SKEW_S, digestMatches, SIGNATURE_ALG, SIGNATURE_MAX_AGE_S, SIGNED_COMPONENTS } from '../signing/http-signature.js';
import { parseKeyId } from '../signing/signing-keys.service.js';
import { createWindowCounter } from './window-counter.js';

/** Whether a packet proves its claimed sender address; `reason` says why not, for the refusal and the docs. */
export type SenderCheck = { verified: true } | { verified: false; reason: string };

/** The request as the verifier needs it: method, the URL the sender addressed (Host header + path) and headers. */
export interface SignedRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
}

export interface SenderVerifierDeps {
  /** Outbound HTTP through the SSRF guard (the sender's server is named by the packet). */
  http: HttpPort;
  /** host[:port] of this server's public URL: keys of its own accounts are read from the database. */
  localHost: string;
  localKey: (username: string, id: string) => Promise<KeyObject | null>;
}

/** Remote key sets are kept this long (ms): a key revoked on its server stops verifying here within that time. */
export const KEY_CACHE_TTL_MS = 5 * 60_000;
/** A key id its server did not publish is not asked for again for this long (ms). */
const MISSING_TTL_MS = 60_000;
/**
 * Key fetches a minute: per host (any of its accounts), and per address for a key id not in its cached
 * set (a key issued since). Packets name the host, so without a cap they could make this server
 * query another one on every request.
 */
const FETCHES_PER_HOST = 60;
const REFETCHES_PER_ADDRESS = 3;

class Unverified extends Error {}

/**
 * Verifies a packet's RFC 9421 signature against its claimed sender (docs/security.md "Server-to-server
 * deliveries"): the `keyid` must name the claimed `sender_address`; its public key is fetched from the
 * host of that address (`/.well-known/kith-keys/{user}`, through the SSRF guard, cached), and the
 * document's `owner` must be that address. The signature must cover {@link SIGNED_COMPONENTS} with
 * `created` at most {@link SIGNATURE_MAX_AGE_S} old, and the body must match its `content-digest`
 * (RFC 9530). Anything short of that is "unverified sender", never an error. Key sets are cached
 * {@link KEY_CACHE_TTL_MS}; fetches are capped per host and, for key ids not cached, per address.
 */
export function createSenderVerifier(deps: SenderVerifierDeps) {
  const remote = new LRUCache<string, Map<string, KeyObject>>({ max: 1000, ttl: KEY_CACHE_TTL_MS });
  const missing = new LRUCache<string, true>({ max: 10_000, ttl: MISSING_TTL_MS });
  const perHost = createWindowCounter(FETCHES_PER_HOST, 60_000);
  const perAddress = createWindowCounter(REFETCHES_PER_ADDRESS, 60_000);

  async function fetchKeys(address: string): Promise<Map<string, KeyObject>> {
    const at = address.lastIndexOf('@');
    const [user, host] = [address.slice(0, at), address.slice(at + 1)];
    if (!perHost.take(host)) throw new Unverified(`${host} was asked for keys too often this minute; try again later`);
    const url = `${originOfKithAddress(host)}/.well-known/kith-keys/${encodeURIComponent(user)}`;
    const res = await deps.http(url, { method: 'GET', headers: { accept: 'application/json' } }).catch((e: Error) => {
      throw new Unverified(`the sender's server could not be asked for its keys (${e.message})`);
    });
    // A redirect elsewhere would let another host vouch for this address.
    if (new URL(res.url).host !== new URL(url).host) throw new Unverified(`${host} redirected its key request to another host`);
    if (res.status !== 200) throw new Unverified(`${host} answered HTTP ${res.status} for the sender's keys`);
    let doc: { owner?: unknown; keys?: Array<{ keyid?: unknown; alg?: unknown; publicKeyPem?: unknown }> };
    try {
      doc = JSON.parse(res.body.toString('utf8'));
    } catch {
      throw new Unverified(`${host} published keys that are not JSON`);
    }
    if (typeof doc.owner !== 'string' || normaliseKithAddress(doc.owner) !== address)
      throw new Unverified(`${host} publishes these keys for another owner`);
    const keys = new Map<string, KeyObject>();
    for (const k of Array.isArray(doc.keys) ? doc.keys : []) {
      if (typeof k.keyid !== 'string' || k.alg !== SIGNATURE_ALG || typeof k.publicKeyPem !== 'string') continue;
      try {
        keys.set(k.keyid.toLowerCase(), crypto.createPublicKey(k.publicKeyPem));
      } catch {
        // an unreadable key is simply not one of the sender's keys
      }
    }
    remote.set(address, keys);
    return keys;
  }

  /** The public key a key id names, when its owner's server publishes it. */
  async function keyFor(address: string, keyid: string, id: string): Promise<KeyObject> {
    const host = address.slice(address.lastIndexOf('@') + 1);
    if (host === deps.localHost.toLowerCase()) {
      const local = await deps.localKey(address.slice(0, address.lastIndexOf('@')), id);
      if (!local) throw new Unverified('the key is not (or no longer) published by its owner');
      return local;
    }
    const wanted = keyid.toLowerCase();
    const known = remote.get(address);
    const cached = known?.get(wanted);
    if (cached) return cached;
    if (missing.has(wanted) || (known && !perAddress.take(address)))
      throw new Unverified('the key is not (or no longer) published by its owner');
    const key = (await fetchKeys(address)).get(wanted);
    if (!key) {
      missing.set(wanted, true);
      throw new Unverified('the key is not (or no longer) published by its owner');
    }
    return key;
  }

  return {
    /**
     * @param body the raw request body (null for a body the digest cannot be taken of: multipart).
     * @param claimed the packet's `sender_address` claim.
     */
    async verify(req: SignedRequest, body: Buffer | null, claimed: string | null): Promise<SenderCheck> {
      if (!req.headers['signature'] && !req.headers['signature-input']) return { verified: false, reason: 'unsigned' };
      const address = claimed ? normaliseKithAddress(claimed) : null;
      if (!address) return { verified: false, reason: 'the packet names no sender address (user@host) to verify' };
      if (!body) return { verified: false, reason: 'only XML packets can be signed' };
      if (!digestMatches(req.headers['content-digest'], body))
        return { verified: false, reason: 'the body does not match its content-digest' };
      let lookups = 0;
      try {
        const ok = await httpbis.verifyMessage(
          {
            keyLookup: async (params) => {
              if (++lookups > 1) throw new Unverified('a packet carries one signature');
              const parsed = typeof params.keyid === 'string' ? parseKeyId(params.keyid) : null;
              if (!parsed || parsed.address !== address) throw new Unverified('the key belongs to another sender than the packet claims');
              const key = await keyFor(address, params.keyid as string, parsed.id);
              return { id: params.keyid as string, algs: [SIGNATURE_ALG], verify: createVerifier(key, SIGNATURE_ALG) };
            },
            requiredFields: SIGNED_COMPONENTS,
            requiredParams: ['created', 'keyid'],
            maxAge: SIGNATURE_MAX_AGE_S,
            tolerance: CLOCK_SKEW_S,
          },
          { method: req.method, url: req.url, headers: req.headers as Record<string, string | string[]> },
        );
        return ok ? { verified: true } : { verified: false, reason: 'the signature does not verify' };
      } catch (e) {
        if (e instanceof Unverified) return { verified: false, reason: e.message };
        if (e instanceof ExpiredError) return { verified: false, reason: 'the signature has expired' };
        return { verified: false, reason: `the signature is not acceptable (${(e as Error).message})` };
      }
    },
  };
}

export type SenderVerifier = ReturnType<typeof createSenderVerifier>;
