import crypto, { type KeyObject } from 'node:crypto';
import type { Principal } from '../common/principal.js';
import { kithAddressOf } from '../accounts/accounts.mapper.js';
import type { SecretBox } from '../connectors/secret-box.js';
import { errors } from '../common/errors.js';
import { SIGNATURE_ALG, type RequestSigningKey } from './http-signature.js';
import type { SigningKeyAccess } from './signing-key.access.js';
import type { SigningKeyRow, SigningKeysRepository } from './signing-keys.repository.js';

export interface SigningKeysDeps {
  repo: SigningKeysRepository;
  /** The one signing-key access check (signing-key.access.ts). */
  access: SigningKeyAccess;
  /** This server's public URL: the host of its accounts' Kith addresses. */
  publicUrl: string;
  /** Seals `server` private keys at rest (AES-256-GCM under a key derived from the server secret). */
  box: SecretBox;
}

/** A key as published and listed: RFC 9421 key id and algorithm, the public key as SPKI PEM and JWK (RFC 8037). */
export interface PublishedKey {
  id: string;
  keyid: string;
  alg: string;
  kind: SigningKeyRow['kind'];
  name: string;
  publicKeyPem: string;
  /** RFC 8037 OKP key: `{ kty: 'OKP', crv: 'Ed25519', x }`. */
  publicKeyJwk: { kty: string; crv?: string; x?: string };
  createdAt: string;
  revokedAt: string | null;
}

function jwkOf(pem: string) {
  const { kty, crv, x } = crypto.createPublicKey(pem).export({ format: 'jwk' });
  return { kty: kty ?? 'OKP', crv, x };
}

/**
 * Key id of an account's key: `user@host[:port]#<id>`. It names the owner's Kith address, so a
 * receiver knows which server to ask for the key (`/.well-known/kith-keys/{user}` on that host)
 * and can check that the key belongs to the packet's claimed sender (docs/security.md).
 */
export const keyIdOf = (address: string, id: string) => `${address}#${id}`;

/** Splits a key id into the owner's address and the key's id; null when it is not `address#id`. */
export function parseKeyId(keyid: string): { address: string; id: string } | null {
  const hash = keyid.lastIndexOf('#');
  if (hash <= 0 || hash === keyid.length - 1) return null;
  return { address: keyid.slice(0, hash).toLowerCase(), id: keyid.slice(hash + 1) };
}

/**
 * Accounts' Ed25519 signing keys for RFC 9421 inbox deliveries. `server` keys are made on demand
 * the first time the server signs for an account; `cli` keys are issued to the account's own
 * terminal (`kith share --signing-key`), their private half returned once and never stored.
 */
export function createSigningKeysService(deps: SigningKeysDeps) {
  const { repo } = deps;
  const sealContext = (id: string) => `signing-key:${id}`;

  const toPublished = (username: string, k: SigningKeyRow): PublishedKey => ({
    id: k.id,
    keyid: keyIdOf(kithAddressOf(username, deps.publicUrl), k.id),
    alg: k.alg,
    kind: k.kind,
    name: k.name,
    publicKeyPem: k.public_key_pem,
    publicKeyJwk: jwkOf(k.public_key_pem),
    createdAt: new Date(k.created_at).toISOString(),
    revokedAt: k.revoked_at === null ? null : new Date(k.revoked_at).toISOString(),
  });

  function newKey(accountId: string, kind: SigningKeyRow['kind'], name: string, seal: boolean) {
    const { publicKey, privateKey } = crypto.generateKeyPairSync('ed25519');
    const id = crypto.randomUUID();
    const privateKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const row: SigningKeyRow = {
      id,
      account_id: accountId,
      kind,
      name,
      alg: SIGNATURE_ALG,
      public_key_pem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      private_key_sealed: seal ? deps.box.seal(privateKeyPem, sealContext(id)) : null,
      created_at: Date.now(),
      revoked_at: null,
    };
    return { row, privateKeyPem };
  }

  return {
    /** The key this server signs `username`'s deliveries with, made (and published) on first use. */
    async serverKey(accountId: string, username: string): Promise<RequestSigningKey> {
      let row = await repo.firstLive(accountId, 'server');
      if (!row) {
        await repo.insert(newKey(accountId, 'server', 'This server', true).row);
        row = (await repo.firstLive(accountId, 'server'))!;
      }
      const pem = deps.box.open(row.private_key_sealed!, sealContext(row.id));
      return { keyid: keyIdOf(kithAddressOf(username, deps.publicUrl), row.id), privateKey: crypto.createPrivateKey(pem) };
    },

    /**
     * Issues a key for the caller's terminal. @returns the published key and its private half
     * (PKCS#8 PEM), shown this once. Source: RFC 9421 §3.1 (the signer holds the private key).
     */
    async issue(principal: Principal, name: string): Promise<{ key: PublishedKey; privateKeyPem: string; owner: string }> {
      const { row, privateKeyPem } = newKey(principal.accountId, 'cli', name, false);
      await repo.insert(row);
      return { key: toPublished(principal.username, row), privateKeyPem, owner: kithAddressOf(principal.username, deps.publicUrl) };
    },

    /** The caller's keys, revoked ones included (newest first). */
    async list(principal: Principal): Promise<PublishedKey[]> {
      return (await repo.ofAccount(principal.accountId, false)).map((k) => toPublished(principal.username, k));
    },

    /**
     * Revokes one of the caller's `cli` keys: it is unpublished at once.
     * @throws 404 `not_found` (another's or none; also the server's own key, and one already revoked, as before).
     */
    async revoke(principal: Principal, id: string): Promise<void> {
      const key = await deps.access.requireSigningKey(principal, id);
      // The server's key is not the terminal's to revoke; a revoked one has nothing left to revoke.
      if (key.kind !== 'cli' || key.revoked_at !== null || !(await repo.revoke(principal.accountId, id, Date.now())))
        throw errors.notFound('signing key');
    },

    /**
     * What `/.well-known/kith-keys/{username}` publishes: the owner's address and live keys.
     * @throws 404 `unknown_account`.
     */
    async published(username: string): Promise<{ owner: string; keys: PublishedKey[] }> {
      const account = await repo.accountByUsername(username);
      if (!account) throw errors.unknown('unknown_account', `No account named "${username.slice(0, 100)}" on this server.`);
      const keys = await repo.ofAccount(account.id, true);
      return { owner: kithAddressOf(account.username, deps.publicUrl), keys: keys.map((k) => toPublished(account.username, k)) };
    },

    /** A live public key of a local account by key id parts (same-server senders skip the HTTP round trip). */
    async localPublicKey(username: string, id: string): Promise<KeyObject | null> {
      const row = await repo.liveOf(username, id);
      return row ? crypto.createPublicKey(row.public_key_pem) : null;
    },
  };
}

export type SigningKeysService = ReturnType<typeof createSigningKeysService>;
