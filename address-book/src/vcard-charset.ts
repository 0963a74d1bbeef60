import iconv from 'iconv-lite';

/**
 * Character sets of vCard files as address books write them, decoded with iconv-lite.
 *
 * Real exports are not all UTF-8 (RFC 6350 §3.1 requires it only of 4.0): Outlook writes vCard 2.1
 * in the Windows code page (`FN;CHARSET=Windows-1252:J\xfcrgen`), older macOS Address Book writes
 * UTF-16 LE with a byte-order mark, and a server may name the charset in `Content-Type`. So a file
 * is read in one of two ways:
 *
 * - UTF-16 (a BOM, or a UTF-16 Content-Type charset): decoded to text as a whole;
 * - any ASCII-compatible charset: read as latin1 "binary" text, one character per byte, so card
 *   splitting and parameter parsing see ASCII and every value keeps its bytes; each value is then
 *   decoded by {@link decodeValueBytes} with its own `CHARSET=` parameter (vCard 2.1 §2.1.4, as
 *   Outlook and Android write it), else the Content-Type charset, else UTF-8 when the bytes are
 *   valid UTF-8 and Windows-1252 otherwise (what a Western Windows machine wrote).
 */

/** How a file's text was obtained: `binary` text holds one byte per character and needs {@link decodeValueBytes}. */
export interface VCardText {
  text: string;
  binary: boolean;
  /** The Content-Type charset (iconv-lite name), when given and known; overrides the UTF-8 guess, not `CHARSET=`. */
  charset: string | null;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Whether the bytes are well-formed UTF-8 (the WHATWG decoder in fatal mode). */
export function isUtf8(bytes: Uint8Array): boolean {
  try {
    UTF8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** A charset label iconv-lite knows, normalised; null for an unknown or absent label. */
export function knownCharset(label: string | null | undefined): string | null {
  const l = label?.trim().replace(/^"|"$/g, '').toLowerCase();
  return l && iconv.encodingExists(l) ? l : null;
}

/** The `charset` parameter of a Content-Type header (RFC 9110 §8.3.2), or null. */
export function contentTypeCharset(contentType: string | undefined): string | null {
  const m = /;\s*charset\s*=\s*("?)([^";\s]+)\1/i.exec(contentType ?? '');
  return m?.[2] ?? null;
}

const isUtf16 = (c: string | null) => !!c && /^utf-?16/i.test(c);

/**
 * Reads a vCard file's bytes as described in the module comment.
 * @param contentTypeLabel the Content-Type charset as sent (unknown labels are ignored); a BOM wins over it.
 */
export function readVCardBytes(bytes: Uint8Array, contentTypeLabel?: string | null): VCardText {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const charset = knownCharset(contentTypeLabel);
  if (buf[0] === 0xff && buf[1] === 0xfe) return { text: iconv.decode(buf.subarray(2), 'utf-16le'), binary: false, charset: null };
  if (buf[0] === 0xfe && buf[1] === 0xff) return { text: iconv.decode(buf.subarray(2), 'utf-16be'), binary: false, charset: null };
  if (isUtf16(charset)) return { text: iconv.decode(buf, charset!), binary: false, charset: null };
  const start = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  // "utf-8" in Content-Type is what most clients send whatever the file holds; the per-value check below still applies.
  return { text: buf.subarray(start).toString('latin1'), binary: true, charset: charset && !/^utf-?8$/.test(charset) ? charset : null };
}

const ASCII = /^[\x00-\x7f]*$/;

/**
 * Decodes bytes of one value: `valueCharset` (a `CHARSET=` label) if iconv-lite knows it, else
 * `fileCharset`, else UTF-8 when the bytes are valid UTF-8, else Windows-1252.
 */
export function decodeValueBytes(bytes: Uint8Array, valueCharset: string | null, fileCharset: string | null): string {
  const chosen = knownCharset(valueCharset) ?? fileCharset;
  if (chosen && !(/^utf-?8$/.test(chosen) && !isUtf8(bytes))) return iconv.decode(Buffer.from(bytes), chosen);
  return isUtf8(bytes) ? Buffer.from(bytes).toString('utf8') : iconv.decode(Buffer.from(bytes), 'windows-1252');
}

/** {@link decodeValueBytes} for a value held as binary (latin1) text; ASCII comes back unchanged, at no cost. */
export function decodeBinaryValue(value: string, valueCharset: string | null, fileCharset: string | null): string {
  if (ASCII.test(value)) return value;
  return decodeValueBytes(Buffer.from(value, 'latin1'), valueCharset, fileCharset);
}
