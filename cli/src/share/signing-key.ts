/**
 * Signing `kith share` packets with a key the user's own Kith issued (`POST /api/me/signing-keys`),
 * so inboxes open to contacts only can tell the packet really comes from that Kith address.
 * HTTP Message Signatures (RFC 9421) through the `http-message-signatures` library, over the
 * components Kith servers require (docs/security.md "Server-to-server deliveries"): `@method`,
 * `@authority`, `@path`, `content-type` and the body's RFC 9530 `content-digest`, with `created`
 * and a five-minute `expires`.
 */
import crypto, { type KeyObject } from 'node:crypto';
import fs from 'node:fs/promises';
import { createSigner, httpbis } from 'http-message-signatures';

/** A key file as `POST /api/me/signing-keys` answers it (saved as JSON), read for signing. */
export interface CliSigningKey {
  /** RFC 9421 `keyid`: `user@host[:port]#<id>`. */
  keyid: string;
  /** The Kith address the key speaks for: packets must claim it as `sender_address`. */
  owner: string;
  privateKey: KeyObject;
}

const SIGNATURE_LIFETIME_MS = 5 * 60_000;

/**
 * Reads the JSON the server answered when it issued the key (`{ key: { keyid, alg }, owner, privateKeyPem }`).
 * @throws Error naming what is wrong with the file (unreadable, not that JSON, not an Ed25519 key).
 */
export async function readSigningKey(file: string): Promise<CliSigningKey> {
  let doc: { key?: { keyid?: unknown; alg?: unknown }; owner?: unknown; privateKeyPem?: unknown };
  try {
    doc = JSON.parse(await fs.readFile(file, 'utf8'));
  } catch (e) {
    throw new Error(`cannot read the signing key ${file}: ${(e as Error).message}`);
  }
  const { key, owner, privateKeyPem } = doc;
  if (typeof key?.keyid !== 'string' || key.alg !== 'ed25519' || typeof owner !== 'string' || typeof privateKeyPem !== 'string')
    throw new Error(`${file} is not a signing key issued by Kith (POST /api/me/signing-keys answers { key, owner, privateKeyPem })`);
  let privateKey: KeyObject;
  try {
    privateKey = crypto.createPrivateKey(privateKeyPem);
  } catch (e) {
    throw new Error(`${file} holds no readable private key: ${(e as Error).message}`);
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`${file} holds a ${privateKey.asymmetricKeyType} key, not Ed25519`);
  return { keyid: key.keyid, owner: owner.toLowerCase(), privateKey };
}

/** The headers of one signed XML packet POST (fresh `created` each call: sign again for every retry). */
export async function signedXmlHeaders(key: CliSigningKey, url: string, body: string): Promise<Record<string, string>> {
  const now = Date.now();
  const headers = {
    'content-type': 'application/xml',
    'content-digest': `sha-256=:${crypto.createHash('sha256').update(body, 'utf8').digest('base64')}:`,
  };
  const signed = await httpbis.signMessage(
    {
      key: createSigner(key.privateKey, 'ed25519', key.keyid),
      name: 'kith',
      fields: ['@method', '@authority', '@path', 'content-type', 'content-digest'],
      params: ['created', 'expires', 'keyid', 'alg'],
      paramValues: { created: new Date(now), expires: new Date(now + SIGNATURE_LIFETIME_MS) },
    },
    { method: 'POST', url, headers },
  );
  return Object.fromEntries(Object.entries(signed.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
}
