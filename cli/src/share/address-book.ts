/**
 * The address book of `kith share` (seed CN103369031A claim 1 "the terminal reads the contacts'
 * electronic album information from the address book", and [0068]: traverse every contact, or
 * only a group the user made beforehand).
 *
 * Formats, told apart by content: vCard 2.1/3.0/4.0 (vcard-contacts.ts) and the document's XML
 * contact format in either spelling (xml-contacts.ts).
 *
 * Groups (`--group NAME`), first that applies:
 * 1. NAME is the path of a file (`friends.group`, `./party.txt`): a group file;
 * 2. a file `NAME.group` sits next to the address book: that group file;
 * 3. otherwise the contacts whose vCard CATEGORIES (or XML `<group>`) include NAME, ignoring case.
 * A group file lists one contact per line, by name or album address (`bob@kith.example`),
 * ignoring case; blank lines and lines starting with `#` are skipped.
 */
import { existsSync, statSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { VCardSyntaxError } from '@kith/address-book';
import { CliError } from '../cli-error.js';
import type { ShareContact } from './share-contact.js';
import { readVCardContacts } from './vcard-contacts.js';
import { looksLikeXmlContacts, readXmlContacts, XmlContactsError } from './xml-contacts.js';

/**
 * Reads an address book file (vCard or XML contacts).
 * @throws CliError when the file cannot be read or is malformed (naming card/line or line/column).
 */
export async function readAddressBook(file: string): Promise<ShareContact[]> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (e) {
    throw new CliError(`cannot read the address book ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  try {
    return looksLikeXmlContacts(text) ? await readXmlContacts(text, file) : await readVCardContacts(text, file);
  } catch (e) {
    if (e instanceof VCardSyntaxError || e instanceof XmlContactsError) throw new CliError(`${file}: ${e.message}`);
    throw e;
  }
}

const isFile = (p: string) => existsSync(p) && statSync(p).isFile();

/** Entries of a group file: lower-cased names or addresses. */
export function parseGroupFile(text: string): string[] {
  return text
    .split(/\r\n|\r|\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => l.toLowerCase());
}

/**
 * The contacts of group `group` (see the file comment for the three ways), or all of them.
 * @returns the chosen contacts and warnings (group-file lines that name nobody).
 * @throws CliError when the group names no contact at all.
 */
export async function selectGroup(
  contacts: ShareContact[],
  group: string | undefined,
  bookFile: string,
): Promise<{ contacts: ShareContact[]; warnings: string[] }> {
  if (!group) return { contacts, warnings: [] };
  const beside = path.join(path.dirname(bookFile), `${group}.group`);
  const groupFile = isFile(group) ? group : isFile(beside) ? beside : null;
  if (!groupFile) {
    const g = group.toLowerCase();
    const chosen = contacts.filter((c) => c.groups.some((x) => x.toLowerCase() === g));
    if (!chosen.length) {
      const known = [...new Set(contacts.flatMap((c) => c.groups))].sort();
      throw new CliError(
        `no contact is in group "${group}" (vCard CATEGORIES${known.length ? `: the book has ${known.join(', ')}` : ': the book has none'}), and there is no group file ${beside}`,
      );
    }
    return { contacts: chosen, warnings: [] };
  }
  const wanted = parseGroupFile(await fs.readFile(groupFile, 'utf8'));
  const chosen = contacts.filter(
    (c) => wanted.includes(c.name.toLowerCase()) || (c.album && wanted.includes(c.album.address.toLowerCase())),
  );
  const warnings = wanted
    .filter((w) => !contacts.some((c) => c.name.toLowerCase() === w || c.album?.address.toLowerCase() === w))
    .map((w) => `group file ${groupFile}: "${w}" names no contact of the address book`);
  if (!chosen.length) throw new CliError(`the group file ${groupFile} names no contact of ${bookFile}`);
  return { contacts: chosen, warnings };
}
