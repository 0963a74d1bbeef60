import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

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
 * The server key: `configured` (64 hex digits or base64 of 32 bytes, from
 * `KITH_SECRET_KEY`), else `<dataDir>/secret.key`, created once with mode 0600.
 * Losing that file makes stored tokens unreadable: users re-link their accounts.
 */
export function loadServerKey(dataDir: string, configured?: string): Buffer {
  if (configured) return /^[0-9a-f]{64}$/i.test(configured) ? Buffer.from(configured, 'hex') : Buffer.from(configured, 'base64');
  const file = path.join(dataDir, 'secret.key');
  try {
    const key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
    if (key.length === 32) return key;
    throw new Error(`${file} does not hold a 32-byte base64 key; restore it or set KITH_SECRET_KEY`);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const key = crypto.randomBytes(32);
  // 'wx': if another process created it meanwhile, keep theirs.
  try {
    fs.writeFileSync(file, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return loadServerKey(dataDir);
    throw e;
  }
  return key;
}

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
