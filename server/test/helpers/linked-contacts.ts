import crypto from 'node:crypto';
import type { Db } from '../../src/db/database.js';
import type { TestUser } from './test-app.js';

/** `owner` holds `other` in their address book, linked to other's account (both ways makes them mutual contacts). */
export async function linkContact(db: Db, owner: TestUser, other: TestUser): Promise<void> {
  const now = Date.now();
  await db
    .insertInto('contact')
    .values({
      id: crypto.randomUUID(),
      owner_id: owner.id,
      name: other.username,
      phones: '[]',
      emails: '[]',
      urls: '[]',
      kith_address: `${other.username}@kith.test`,
      album_url: null,
      photo_sha256: null,
      photo_mime: null,
      linked_account_id: other.id,
      created_at: now,
      updated_at: now,
    })
    .execute();
}
