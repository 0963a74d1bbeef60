import crypto from 'node:crypto';
import type { ContactDraft } from '@kith/address-book';
import { draftOfRow } from '../contacts/contacts.mapper.js';
import type { ContactRow } from '../contacts/contacts.repository.js';

/** The contact fields a card sets (a vCard import's draft, and its photo), as compared between syncs and shown in a conflict. */
export interface SyncedFields extends ContactDraft {
  /** SHA-256 of the photo blob, or null. */
  photo: string | null;
}

/**
 * A pending conflict of one card (stored as JSON in `carddav_card.conflict`): the contact was edited in
 * Kith since the last sync, and the card changed (`changed`, with the server's values) or was deleted
 * (`deleted`) on the server. Resolved by the owner's choice (`carddav.service.ts` `resolve`).
 */
export interface CardConflict {
  kind: 'changed' | 'deleted';
  /** The server's values (`changed` only), with what re-applying them needs. */
  server: { fields: SyncedFields; draft: ContactDraft; photoMime: string | null } | null;
  at: number;
}

/** The synced fields of a contact row. */
export function fieldsOf(
  row: Pick<ContactRow, 'name' | 'phones' | 'other_phones' | 'emails' | 'urls' | 'kith_address' | 'album_url' | 'photo_sha256'>,
): SyncedFields {
  return { ...draftOfRow(row), photo: row.photo_sha256 };
}

/**
 * SHA-256 (hex) of a contact's synced fields in a fixed order: equal hashes mean equal values. The
 * hash of the last sync against the contact's hash now tells whether it was edited in Kith since.
 */
export function fieldsHash(f: SyncedFields): string {
  const ordered = [f.name, f.phones, f.otherPhones, f.emails, f.urls, f.kithAddress, f.albumUrl, f.photo];
  return crypto.createHash('sha256').update(JSON.stringify(ordered)).digest('hex');
}

export const rowHash = (row: Parameters<typeof fieldsOf>[0]) => fieldsHash(fieldsOf(row));
