import type { ContactDraft } from '@kith/address-book';
import { iso } from '../common/time.js';
import type { ContactRow, ContactView } from './contacts.repository.js';

/** A contact row's fields as a draft (lists are stored as JSON text): the inverse of `draftColumns`. */
export const draftOfRow = (
  c: Pick<ContactRow, 'name' | 'phones' | 'other_phones' | 'emails' | 'urls' | 'kith_address' | 'album_url'>,
): ContactDraft => ({
  name: c.name,
  phones: JSON.parse(c.phones) as string[],
  otherPhones: JSON.parse(c.other_phones ?? '[]') as string[],
  emails: JSON.parse(c.emails) as string[],
  urls: JSON.parse(c.urls) as string[],
  kithAddress: c.kith_address,
  albumUrl: c.album_url,
});

/** Contact row (with its link) -> the API's `Contact`. Lists are stored as JSON text. */
export const toContactDto = (c: ContactView) => ({
  id: c.id,
  ...draftOfRow(c),
  photoUrl: c.photo_sha256 ? `/api/contacts/${c.id}/photo` : null,
  photoNote: c.photo_sha256 ? (c.photo_note ?? null) : null,
  linkedAccount:
    c.linked_account_id && c.linked_username
      ? { id: c.linked_account_id, username: c.linked_username, displayName: c.linked_display_name ?? c.linked_username }
      : null,
  mutual: c.linked_account_id ? Boolean(c.mutual) : false,
  createdAt: iso(c.created_at),
  updatedAt: iso(c.updated_at),
});
