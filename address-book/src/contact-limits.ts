/**
 * The address book's size limits, one set for every way in: `POST /api/contacts` and `PATCH`
 * (the zod schema), `POST /api/contacts/import` (the vCard reader and the importer) and the
 * now-playing association's book (`PUT /api/now-playing/association`). A vCard import can never
 * store a contact the API would refuse. docs/security.md "Address-book parsing limits" lists them.
 */

/** Characters of a contact's name (longer vCard names are cut to this). */
export const MAX_CONTACT_NAME_CHARS = 200;
/** Phones, e-mails or URLs on one contact; a vCard card with more is skipped (`over_limit`). */
export const MAX_VALUES_PER_FIELD = 50;
/** Characters of one phone number as typed (E.164 itself is at most 16). */
export const MAX_PHONE_CHARS = 40;
/** Characters of one e-mail address (RFC 5321 §4.5.3.1: 64 + "@" + 255). */
export const MAX_EMAIL_CHARS = 320;
/** Characters of one URL. */
export const MAX_URL_CHARS = 2000;

/** Bytes of one vCard file (raw body or multipart part); over it: 413 `payload_too_large`. */
export const VCARD_IMPORT_LIMIT = 20 * 1024 * 1024;
/**
 * Cards in one file, and entries in a JSON address book; over it the whole file is refused at once
 * (422 `too_many_cards`) before any card is parsed.
 */
export const MAX_CARDS_PER_IMPORT = 20_000;
/**
 * Characters of one unfolded vCard line. An inline PHOTO is one line, so this is set by photos:
 * 4 Mi characters of base64 hold a 3 MB image, well above what phones export (tens of KB).
 */
export const MAX_VCARD_LINE_CHARS = 4 * 1024 * 1024;
/** Parameters of one property (`TEL;TYPE=cell;PREF=1:` has 2); real cards use fewer than 10. */
export const MAX_VCARD_PARAMETERS = 50;
/** Property lines of one card: the three lists at their cap plus room for every other property. */
export const MAX_VCARD_PROPERTIES = 500;

/** Contacts per page of `GET /api/contacts` when `limit` is not given, and the most a page holds. */
export const CONTACTS_PAGE_DEFAULT = 100;
export const CONTACTS_PAGE_MAX = 500;
