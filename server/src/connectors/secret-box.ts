import crypto from 'node:crypto';

/**
 * Encrypts connector secrets (Mastodon access tokens, webhook signing secrets) at rest
 * with AES-256-GCM (node:crypto; NIST SP 800-38D). A fresh 96-bit IV per value; the
 * 128-bit tag authenticates it, and `context` (e.g. the owning account and connector
 * kind) is bound as additional authenticated data, so a ciphertext copied into another
 * row does not decrypt.
 *
 * Stored form: `v1.<iv>.<tag>.<ciphertext>` (base64url parts).
 */
export interface SecretBox {
  seal(plain: string, context: string): string;
  /** @throws Error when the value was tampered with, moved, or sealed under another key. */
  open(sealed: string, context: string): string;
}

/**
 * A SecretBox under `key` (32 bytes). The server derives it from its one secret
 * (`deriveServerKey(secret, 'connector-secrets')`, config/server-secret.ts): losing the secret
 * makes stored tokens unreadable, and users re-link their accounts.
 */
export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new Error('AES-256-GCM needs a 32-byte key');
  return {
    seal(plain, context) {
      const iv = crypto.randomBytes(12);
      const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(context));
      const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return ['v1', iv, cipher.getAuthTag(), ct].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
    },
    open(sealed, context) {
      const [v, iv, tag, ct] = sealed.split('.');
      if (v !== 'v1' || !iv || !tag || ct === undefined) throw new Error('not a sealed secret');
      const decipher = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(context));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
    },
  };
}
