/**
 * @kith/address-book: address books as Kith reads them, one implementation for the server's contact
 * import and the CLI's `kith share`, so both understand exactly the same files and addresses.
 *
 * - vCard 2.1 / 3.0 (RFC 2426) / 4.0 (RFC 6350) reading: charsets, folded and quoted-printable lines,
 *   card splitting with limits, ical.js parsing into {@link ParsedCard};
 * - contact fields: a parsed card → the draft the server stores (names, E.164 phones, e-mails, Kith
 *   address, album URL), with the limits every reader enforces;
 * - Kith addresses `user@host[:port]` and album URLs `…/inbox/{user}` → the inbox origin and account.
 */
export * from './contact-limits.js';
export * from './phone.js';
export * from './contact-fields.js';
export * from './vcard-charset.js';
export * from './vcard-line.js';
export * from './vcard-read.js';
export * from './vcard-parse.js';
export * from './album-address.js';
