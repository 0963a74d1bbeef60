/**
 * The document's XML contact format (seed CN103369031A [0056], with the photo of [0061]/[0062]):
 *
 * ```xml
 * <contacts>                                   <!-- optional root; one bare <contact> works too -->
 *   <contact>
 *     <name>somebody</name>
 *     <photo album address>http://sit.com.cn</photo album address>   <!-- the document's spelling -->
 *     <port>8080</port>
 *     <username>user_id</username>
 *     <head>head.png</head>                     <!-- path relative to this file, or a data: URI -->
 *     <group>Party</group>                      <!-- Kith extension, repeatable -->
 *   </contact>
 * </contacts>
 * ```
 *
 * The tidy spelling `<photo_album_address>` is read the same. The document's element name has
 * spaces, which XML forbids (a name ends at the first space), so it is rewritten to the tidy one
 * before parsing; so are the full-width angle brackets 〈 〉 its text uses around some tags.
 * Parsing is fast-xml-parser with entities off and DOCTYPE refused (an address book is data:
 * no entity expansion, no external references).
 */
import { decodeXmlRefs } from '@kith/sdk';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { decodeDataUri, fromAlbumUrl } from '@kith/address-book';
import { readFacePath, type ShareContact } from './share-contact.js';

/** A malformed XML address book; `line` is 1-based when known. */
export class XmlContactsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XmlContactsError';
  }
}

/**
 * Rewrites the document's spellings into well-formed XML: `<photo album address>` (any spacing,
 * any case) → `<photo_album_address>`, full-width `〈tag〉` → `<tag>`; drops the XML declaration so
 * the text can be wrapped in a root. Other text is left as it is.
 */
export function normaliseContactsXml(text: string): string {
  return text
    .replace(/^\uFEFF/, '')
    .replace(/〈(\/?[A-Za-z_][\w .-]*)〉/g, '<$1>')
    .replace(/〈(\/?[A-Za-z_][\w .-]*)>/g, '<$1>')
    .replace(/<(\/?[A-Za-z_][\w .-]*)〉/g, '<$1>')
    .replace(/<(\/?)\s*photo[\s_]+album[\s_]+address\s*>/gi, '<$1photo_album_address>')
    .replace(/^\s*<\?xml[^>]*\?>/, '');
}

type XmlContact = Record<string, string | string[] | undefined>;
// Entity processing is off in the parser (no expansion of anything declared), so the five predefined
// entities and numeric references are decoded here, by the same fixed table as the inbox packet.
const one = (v: string | string[] | undefined) => decodeXmlRefs((Array.isArray(v) ? v[0] : v)?.toString() ?? '').trim() || null;

/** Whether a file's text looks like the XML contact format rather than vCard. */
export const looksLikeXmlContacts = (text: string) => /^\s*(\uFEFF)?\s*(<|〈)/.test(text) && !/^\s*BEGIN:VCARD/im.test(text);

/**
 * Parses the XML contact format into share contacts, in document order.
 * @param bookFile the file's path: `<head>` paths are relative to its folder.
 * @throws XmlContactsError for malformed XML (with line and column), a DOCTYPE, or no `<contact>`.
 */
export async function readXmlContacts(text: string, bookFile: string): Promise<ShareContact[]> {
  const xml = `<kith-contacts>${normaliseContactsXml(text)}</kith-contacts>`;
  if (/<!DOCTYPE/i.test(xml))
    throw new XmlContactsError('the address book has a DOCTYPE, which kith share refuses (no entities, no external references)');
  const valid = XMLValidator.validate(xml);
  if (valid !== true)
    throw new XmlContactsError(`the XML address book is malformed at line ${valid.err.line}, column ${valid.err.col}: ${valid.err.msg}`);
  const parser = new XMLParser({
    ignoreAttributes: true,
    processEntities: false,
    parseTagValue: false,
    trimValues: true,
    isArray: (name) => name === 'contact' || name === 'group',
  });
  let root;
  try {
    root = parser.parse(xml)['kith-contacts'] ?? {};
  } catch (e) {
    // What the validator lets through and the parser does not ("<!D…>" that is not a DOCTYPE).
    throw new XmlContactsError(`the XML address book is malformed: ${(e as Error).message}`);
  }
  const list: XmlContact[] = root.contacts?.contact ?? root.contact ?? [];
  if (!Array.isArray(list) || !list.length) throw new XmlContactsError('the XML address book holds no <contact> element');
  const label = bookFile.split(/[\\/]/).pop();
  return Promise.all(
    list.map(async (c, i) => {
      const problems: string[] = [];
      const address = one(c.photo_album_address);
      const album = address ? fromAlbumUrl(address, one(c.username), one(c.port)) : null;
      if (!album)
        problems.push(
          address
            ? `its album address "${address.slice(0, 80)}" with port "${one(c.port) ?? ''}" and username "${one(c.username) ?? ''}" is not usable`
            : 'it has no <photo album address>',
        );
      let face: Uint8Array | null = null;
      const head = one(c.head);
      if (head && /^data:/i.test(head)) {
        const bytes = decodeDataUri(head);
        if (bytes) face = new Uint8Array(bytes);
        else problems.push('its <head> data: URI cannot be decoded');
      } else if (head) {
        const r = await readFacePath(head, bookFile);
        if (r.problem) problems.push(r.problem);
        face = r.bytes ?? null;
      } else problems.push('it has no <head> photo to recognise the person by');
      const groups = ([] as string[])
        .concat(c.group ?? [])
        .map((g) => decodeXmlRefs(String(g)).trim())
        .filter(Boolean);
      return {
        name: one(c.name) ?? album?.address ?? `contact ${i + 1}`,
        source: `${label} contact ${i + 1}`,
        album,
        face,
        groups,
        problems,
      };
    }),
  );
}
