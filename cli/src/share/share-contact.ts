/**
 * One entry of the sender's address book as `kith share` sees it (seed CN103369031A claim 1 /
 * [0054]: the contact's album server address and account name; [0059]–[0062]: the contact's
 * pre-stored photo used for face matching).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AlbumAddress } from '@kith/address-book';

export interface ShareContact {
  /** Display name (vCard FN/N/ORG, XML `<name>`). */
  name: string;
  /** Where it was read, for messages: `contacts.vcf card 2`, `book.xml contact 1`. */
  source: string;
  /** Null when the entry has no usable album address (then it is skipped, with a problem). */
  album: AlbumAddress | null;
  /** The reference face photo (encoded image bytes); null when absent or unreadable. */
  face: Uint8Array | null;
  /** Group names (vCard CATEGORIES, XML `<group>`), as written. */
  groups: string[];
  /** Sentences a person can act on: why the contact cannot take part (no album address, no photo…). */
  problems: string[];
}

/** A contact that can receive photos: it has an album address and a reference face. */
export const isUsable = (c: ShareContact): c is ShareContact & { album: AlbumAddress; face: Uint8Array } =>
  c.album !== null && c.face !== null;

/**
 * Reads a reference face given as a path or `file:` URI, relative to the address book's folder
 * (the document's `<head>head.png</head>`, a vCard `PHOTO;VALUE=uri:head.png`).
 * Remote (http/https…) URIs are not fetched: the address book stays a local, offline input.
 * @returns the bytes, or a problem sentence.
 */
export async function readFacePath(ref: string, bookFile: string): Promise<{ bytes?: Uint8Array; problem?: string }> {
  const value = ref.trim();
  if (/^file:/i.test(value)) {
    let file: string;
    try {
      file = fileURLToPath(value);
    } catch (e) {
      // file://other-host/…, encoded "/" and the like (ERR_INVALID_FILE_URL_*): a problem of this contact, not a crash.
      return { problem: `its photo "${ref.slice(0, 80)}" is not a local file URI (${(e as Error).message})` };
    }
    return readFrom(file, ref);
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(value) && !/^[a-z]:[\\/]/i.test(value))
    return {
      problem: `its photo is a remote URI (${value.slice(0, 80)}), which kith share does not fetch; embed it or save it next to the address book`,
    };
  return readFrom(path.resolve(path.dirname(bookFile), value), ref);
}

async function readFrom(file: string, ref: string) {
  try {
    return { bytes: new Uint8Array(await fs.readFile(file)) };
  } catch (e) {
    return { problem: `its photo "${ref}" cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` };
  }
}
