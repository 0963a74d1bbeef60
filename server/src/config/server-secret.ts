import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ensurePrivateDir } from '../common/private-files.js';

/** Name of the secret file inside the data directory when KITH_SECRET is not set. */
export const SECRET_FILE = 'secret.key';

/**
 * The server secret (phone hashes, Audioscrobbler sessions, Last.fm keys, and through
 * {@link deriveServerKey} the key sealing connector tokens): KITH_SECRET when set, otherwise the contents of `<dataDir>/secret.key`,
 * created on first boot with 32 random bytes (hex, mode 0600).
 *
 * It stays out of the database on purpose: phone numbers are stored only as HMACs keyed with
 * it, and a phone number space is small enough to brute-force if the key leaked with the rows.
 * Several instances must share it: set KITH_SECRET on each (or share the data directory).
 *
 * @throws when the file exists but holds fewer than 32 characters (a truncated copy).
 */
export function resolveServerSecret(configured: string | undefined, dataDir: string): string {
  if (configured) return configured;
  const file = path.join(dataDir, SECRET_FILE);
  ensurePrivateDir(dataDir);
  try {
    // 'wx' fails when the file exists, so two instances starting together keep one secret.
    fs.writeFileSync(file, crypto.randomBytes(32).toString('hex') + '\n', { flag: 'wx', mode: 0o600 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  const secret = fs.readFileSync(file, 'utf8').trim();
  if (secret.length < 32) throw new Error(`${file} holds fewer than 32 characters; delete it to make a new secret, or set KITH_SECRET.`);
  return secret;
}

/** HMAC-SHA-256 of `purpose:value` with the server secret, hex; purposes keep the derived keys apart. */
export function keyedHash(secret: string, purpose: string, value: string): string {
  return crypto.createHmac('sha256', secret).update(`${purpose}:${value}`).digest('hex');
}

/**
 * A 32-byte key for one purpose, derived from the server secret with HKDF-SHA-256 (RFC 5869),
 * so one secret serves every use without the uses sharing key material.
 */
export function deriveServerKey(secret: string, purpose: string): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', secret, 'kith', purpose, 32));
}
