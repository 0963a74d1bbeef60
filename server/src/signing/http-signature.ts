import crypto, { type KeyObject } from 'node:crypto';
import { createSigner, httpbis } from 'http-message-signatures';

/**
 * HTTP Message Signatures (RFC 9421) as Kith's inbox deliveries use them, with the
 * `http-message-signatures` library (its `httpbis` implementation, not the cavage draft).
 * docs/security.md "Server-to-server deliveries and the album inbox" states the rule.
 */

/** RFC 9421 §6.2 registered algorithm Kith signs with. */
export const SIGNATURE_ALG = 'ed25519';

/**
 * Components every inbox signature must cover (RFC 9421 §2.2): the method, the recipient server
 * (`@authority`) and inbox (`@path`, which names the account), and the body through its
 * RFC 9530 `content-digest`, so neither the packet nor its recipient can be swapped.
 */
export const SIGNED_COMPONENTS = ['@method', '@authority', '@path', 'content-type', 'content-digest'];

/** Signature lifetime, seconds: `expires` = `created` + this; receivers refuse older `created` too. */
export const SIGNATURE_MAX_AGE_S = 300;

/** Clock difference between servers tolerated on `created` / `expires`, seconds. */
export const CLOCK_SKEW_S = 30;

/** RFC 9530 `Content-Digest` of a body: `sha-256=:<base64>:` (a structured-field dictionary of one member). */
export function contentDigest(body: Buffer | string): string {
  return `sha-256=:${crypto.createHash('sha256').update(body).digest('base64')}:`;
}

/**
 * Whether a `Content-Digest` header carries the body's sha-256 (RFC 9530 §2). Other algorithms in
 * the dictionary are ignored; a header without `sha-256` does not match.
 */
export function digestMatches(header: string | string[] | undefined, body: Buffer): boolean {
  if (typeof header !== 'string') return false;
  const expected = contentDigest(body).slice('sha-256='.length);
  return header.split(',').some((member) => {
    const [name, ...value] = member.trim().split('=');
    return name.toLowerCase() === 'sha-256' && value.join('=').trim() === expected;
  });
}

/** A private key and the key id receivers look it up by (`user@host[:port]#id`, see signing-keys.service.ts). */
export interface RequestSigningKey {
  keyid: string;
  privateKey: KeyObject;
}

/**
 * Signs a POST with RFC 9421 over {@link SIGNED_COMPONENTS}, `created` now and `expires` after
 * {@link SIGNATURE_MAX_AGE_S}. @returns the headers to send: the given ones plus `content-digest`,
 * `signature-input` and `signature` (label `kith`).
 */
export async function signRequest(
  key: RequestSigningKey,
  req: { url: string; contentType: string; body: Buffer | string },
  now = Date.now(),
): Promise<Record<string, string>> {
  const headers = { 'content-type': req.contentType, 'content-digest': contentDigest(req.body) };
  const signed = await httpbis.signMessage(
    {
      key: createSigner(key.privateKey, SIGNATURE_ALG, key.keyid),
      name: 'kith',
      fields: SIGNED_COMPONENTS,
      params: ['created', 'expires', 'keyid', 'alg'],
      paramValues: { created: new Date(now), expires: new Date(now + SIGNATURE_MAX_AGE_S * 1000) },
    },
    { method: 'POST', url: req.url, headers },
  );
  return Object.fromEntries(Object.entries(signed.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
}
