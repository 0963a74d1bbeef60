/**
 * vCard 2.1 / 3.0 (RFC 2426) / 4.0 (RFC 6350) address books for `kith share`, read with the
 * server's own vCard reader (`@kith/address-book`, address-book/src/vcard-parse.ts: ical.js plus the 2.1 quirks),
 * so the CLI and the server's contact import understand exactly the same files.
 *
 * Per card:
 * - album address: `X-KITH-ADDRESS:bob@kith.example:2342` (or an IMPP `kith:` URI), else a URL
 *   whose path is `/inbox/{user}` or whose TYPE mentions album (`URL;TYPE=x-kith-album:…`);
 * - reference face: PHOTO, inline (2.1/3.0 `ENCODING=b`, 4.0 `data:` URI) or a relative path /
 *   `file:` URI (resolved next to the vCard file);
 * - groups: CATEGORIES.
 */
import { fromAlbumUrl, fromKithAddress, parseVCardFile, type AlbumAddress, type ParsedCard } from '@kith/address-book';
import { readFacePath, type ShareContact } from './share-contact.js';

function albumOf(card: ParsedCard): AlbumAddress | null {
  for (const raw of [...card.kithAddresses, ...card.impps.filter((i) => /^kith:/i.test(i))]) {
    const a = fromKithAddress(raw);
    if (a) return a;
  }
  for (const { value, types } of card.urls) {
    const looksLikeInbox = /\/inbox\/[^/]+\/?$/.test(value) || types.some((t) => t.includes('album'));
    const a = looksLikeInbox ? fromAlbumUrl(value) : null;
    if (a) return a;
  }
  return null;
}

/**
 * Parses a vCard file into share contacts (one per card, in file order).
 * @param bookFile the file's path, to resolve relative PHOTO URIs and name cards in messages.
 * A malformed card comes back with a problem naming its card and line.
 * @throws VCardSyntaxError (from the server's reader) naming the card and line when the file's structure is broken.
 */
export async function readVCardContacts(text: string, bookFile: string): Promise<ShareContact[]> {
  const label = bookFile.split(/[\\/]/).pop();
  return Promise.all(
    parseVCardFile(text).map(async (card) => {
      const problems: string[] = [];
      // A malformed card is one contact with a problem (never shared to); the rest of the book is read.
      if (card.invalid) problems.push(`the card is malformed (${card.invalid.message})`);
      const album = albumOf(card);
      if (!album) problems.push('it has no album address (X-KITH-ADDRESS user@host[:port], or an album URL …/inbox/user)');
      let face: Uint8Array | null = card.photo ? new Uint8Array(card.photo) : null;
      if (!face && card.photoUri) {
        const r = await readFacePath(card.photoUri, bookFile);
        if (r.problem) problems.push(r.problem);
        face = r.bytes ?? null;
      } else if (!face) problems.push('it has no PHOTO to recognise the person by');
      return {
        name: card.name ?? album?.address ?? `card ${card.index}`,
        source: `${label} card ${card.index}`,
        album,
        face,
        groups: card.categories,
        problems,
      };
    }),
  );
}
