import { z } from 'zod';
import { isoOrNull } from '../common/time.js';
import type { BookRow } from './carddav.repository.js';
import type { SyncCounts } from './carddav-sync.js';
import type { CardConflict, SyncedFields } from './carddav-state.js';

const countsSchema = z
  .object({ added: z.number(), changed: z.number(), deleted: z.number(), conflicts: z.number(), skipped: z.number() })
  .meta({ id: 'CarddavSyncCounts' });

export const bookSchema = z
  .object({
    id: z.string(),
    url: z.string().describe('The address-book collection URL'),
    username: z.string(),
    displayName: z.string().nullable(),
    lastSyncAt: z.string().nullable().describe('ISO 8601 time of the last sync, or null before the first'),
    lastStatus: z.enum(['ok', 'error']).nullable(),
    lastError: z.string().nullable().describe('Why the last sync failed, in words'),
    lastCounts: countsSchema.nullable(),
    cards: z.number().describe('Cards of the book Kith knows'),
    conflicts: z.number().describe('Cards waiting on the owner to choose between Kith and the server'),
  })
  .meta({ id: 'CarddavBook' });

export const connectBody = z.object({
  url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2000),
  username: z.string().trim().min(1).max(200),
  password: z.string().min(1).max(500).describe('Password or app password; stored AES-256-GCM encrypted, never returned'),
});

const fieldsSchema = z
  .object({
    name: z.string(),
    phones: z.array(z.string()),
    otherPhones: z.array(z.string()),
    emails: z.array(z.string()),
    urls: z.array(z.string()),
    kithAddress: z.string().nullable(),
    albumUrl: z.string().nullable(),
    hasPhoto: z.boolean(),
  })
  .meta({ id: 'CarddavFields' });

export const conflictSchema = z
  .object({
    id: z.string().describe('The card; pass it to the resolve operation'),
    bookId: z.string(),
    contactId: z.string(),
    kind: z.enum(['changed', 'deleted']).describe('`changed`: edited on both sides; `deleted`: edited in Kith, deleted on the server'),
    kith: fieldsSchema.describe("The contact's values in Kith now"),
    server: fieldsSchema.nullable().describe("The card's values on the server; null when the card was deleted"),
    at: z.string().describe('When the sync found it (ISO 8601)'),
  })
  .meta({ id: 'CarddavConflict' });

export const resolveBody = z.object({
  keep: z.enum(['kith', 'server']).describe("`kith` keeps Kith's values; `server` takes the card's (or deletes the contact)"),
});

export const syncResult = z.object({ counts: countsSchema, book: bookSchema }).meta({ id: 'CarddavSyncResult' });

const fieldsView = (f: SyncedFields) => {
  const { photo, ...rest } = f;
  return { ...rest, hasPhoto: photo != null };
};

/** Response mappers: never the sealed password nor the sync token. */
export const toBook = (b: BookRow, counts: { cards: number; conflicts: number }): z.infer<typeof bookSchema> => ({
  id: b.id,
  url: b.url,
  username: b.username,
  displayName: b.display_name,
  lastSyncAt: isoOrNull(b.last_sync_at),
  lastStatus: b.last_status,
  lastError: b.last_error,
  lastCounts: b.last_counts ? (JSON.parse(b.last_counts) as SyncCounts) : null,
  ...counts,
});

export const toConflict = (c: {
  card: { id: string; book_id: string };
  contact: { id: string };
  conflict: CardConflict;
  kith: SyncedFields;
}): z.infer<typeof conflictSchema> => ({
  id: c.card.id,
  bookId: c.card.book_id,
  contactId: c.contact.id,
  kind: c.conflict.kind,
  kith: fieldsView(c.kith),
  server: c.conflict.server ? fieldsView(c.conflict.server.fields) : null,
  at: new Date(c.conflict.at).toISOString(),
});
