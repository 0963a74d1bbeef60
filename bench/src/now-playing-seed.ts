/**
 * Seeds a Kith data directory for `bench:now-playing` straight through Kysely (no HTTP, no argon2 per
 * account): one host and `friends` accounts whose address books hold the host's number, each with an
 * API token. The server then starts on the same directory and secret.
 */
import crypto from 'node:crypto';
import { hash as argon2Hash } from '@node-rs/argon2';
import { openDatabase } from '../../server/src/db/database.js';
import { chunked } from '../../server/src/db/chunks.js';
import { phoneHash } from '../../server/src/now-playing/now-playing-association.service.js';

export interface NowPlayingSeed {
  hostToken: string;
  /** One API token per friend, in order. */
  friendTokens: string[];
}

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');
const phoneOf = (i: number) => `+1415${String(5_000_000 + i).padStart(7, '0')}`;

export async function seedNowPlaying(file: string, secret: string, friends: number): Promise<NowPlayingSeed> {
  const { db, close } = await openDatabase({ engine: 'sqlite', file });
  const passwordHash = await argon2Hash('bench-password-1');
  const now = Date.now();
  const hash = (phone: string) => phoneHash(secret, phone);
  const accounts = Array.from({ length: friends + 1 }, (_, i) => ({
    id: crypto.randomUUID(),
    username: i === 0 ? 'host' : `friend${i}`,
    display_name: i === 0 ? 'Host' : `Friend ${i}`,
    password_hash: passwordHash,
    email: null,
    phone: null,
    is_admin: i === 0 ? 1 : 0,
    allow_event_gathering: 1,
    created_at: now,
  }));
  const tokens = accounts.map((a) => `kith_bench_${a.username}_${crypto.randomBytes(12).toString('hex')}`);
  for (const part of chunked(accounts, 200)) await db.insertInto('account').values(part).execute();
  for (const part of chunked(
    accounts.map((a, i) => ({ a, i })),
    200,
  )) {
    await db
      .insertInto('api_token')
      .values(
        part.map(({ a, i }) => ({
          id: crypto.randomUUID(),
          account_id: a.id,
          name: 'bench',
          scope: 'full' as const,
          token_hash: sha256(tokens[i]),
          prefix: tokens[i].slice(0, 10),
          created_at: now,
          last_used_at: now,
        })),
      )
      .execute();
    await db
      .insertInto('np_profile')
      .values(
        part.map(({ a, i }) => ({
          account_id: a.id,
          name: a.display_name,
          phone_hash: hash(phoneOf(i)),
          // Verified: only a verified number reaches an audience (docs/security.md).
          phone_verified_at: now,
          sharing: 1,
          require_mutual: 0,
          private_until: null,
          book_size: i === 0 ? 0 : 1,
          associated_at: now,
          updated_at: now,
        })),
      )
      .execute();
  }
  // Every friend's book holds the host's number: the host's plays reach all of them (seed [0046]).
  for (const part of chunked(accounts.slice(1), 400))
    await db
      .insertInto('np_book_entry')
      .values(part.map((a) => ({ owner_id: a.id, phone_hash: hash(phoneOf(0)) })))
      .execute();
  await close();
  return { hostToken: tokens[0], friendTokens: tokens.slice(1) };
}
