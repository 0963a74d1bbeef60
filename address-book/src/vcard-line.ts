/**
 * One unfolded vCard property line, rewritten into the syntax ical.js reads (RFC 2426 / RFC 6350),
 * whatever the version and however the exporter bent it:
 *
 * - bare parameters (`TEL;CELL;VOICE:` in vCard 2.1 §2.4, and `PHOTO;ENCODING=BASE64;JPEG:` as some
 *   Android exporters write in 3.0) become `TYPE=…`; RFC 2426 has no bare parameter, ical.js refuses it;
 * - `ENCODING=QUOTED-PRINTABLE` (vCard 2.1 §2.1.3, also found in 3.0 exports) is decoded in any
 *   version, with its `CHARSET=` (vCard 2.1 §2.1.4), newlines escaped as `\n`;
 * - on binary (one byte per character) text, any value is decoded with its `CHARSET=`, else the
 *   file's charset or the UTF-8/Windows-1252 guess (`vcard-charset.ts`);
 * - `ENCODING=BASE64` becomes `ENCODING=b`, `VALUE=URL` becomes `VALUE=uri`, CHARSET and 7BIT/8BIT go.
 */
import { decodeBinaryValue, decodeValueBytes } from './vcard-charset.js';

/** How the file's text was read (see `vcard-charset.ts`). */
export interface LineContext {
  /** The text holds one byte per character (latin1), values still to be decoded. */
  binary: boolean;
  /** The Content-Type charset, when one was given. */
  charset: string | null;
}

export const TEXT_CONTEXT: LineContext = { binary: false, charset: null };

/**
 * Splits a property line at the first ";" and ":" outside double quotes (RFC 6350 §3.3 param-values
 * may quote both): the name, the raw parameters and the value. `value` is null when there is no ":".
 */
export function splitLine(text: string): { name: string; params: string[]; value: string | null } {
  const params: string[] = [];
  let quoted = false;
  let start = 0;
  let name: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === ';' || c === ':')) {
      const part = text.slice(start, i);
      if (name === null) name = part;
      else params.push(part);
      start = i + 1;
      if (c === ':') return { name, params, value: text.slice(i + 1) };
    }
  }
  return { name: name ?? text, params, value: null };
}

/** Quoted-printable (RFC 2045 §6.7; soft breaks already joined) to bytes; characters that are not escapes are taken as they are. */
export function quotedPrintableBytes(value: string, binary: boolean): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const hex = value.slice(i + 1, i + 3);
    if (value[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else bytes.push(...Buffer.from(value.charAt(i), binary ? 'latin1' : 'utf8'));
  }
  return Buffer.from(bytes);
}

/**
 * Rewrites one unfolded line as described in the module comment. A line without ":" is returned
 * unchanged so that the parser reports it.
 */
export function normaliseLine(text: string, ctx: LineContext): string {
  const { name, params, value: raw } = splitLine(text);
  if (raw === null) return text;
  let quotedPrintable = false;
  let charset: string | null = null;
  const out: string[] = [];
  for (const p of params) {
    const eq = p.indexOf('=');
    if (eq < 0) {
      const bare = p.trim();
      if (/^quoted-printable$/i.test(bare)) quotedPrintable = true;
      else if (/^(base64|b)$/i.test(bare)) out.push('ENCODING=b');
      else if (bare && !/^[78]bit$/i.test(bare)) out.push(`TYPE=${bare}`);
      continue;
    }
    const key = p.slice(0, eq).trim().toUpperCase();
    const v = p.slice(eq + 1).trim();
    if (key === 'ENCODING') {
      const enc = v.toUpperCase();
      if (enc === 'QUOTED-PRINTABLE') quotedPrintable = true;
      else if (enc === 'BASE64' || enc === 'B') out.push('ENCODING=b');
      continue;
    }
    if (key === 'CHARSET') charset = v.replace(/^"|"$/g, '');
    else if (key === 'VALUE' && v.toUpperCase() === 'URL') out.push('VALUE=uri');
    else out.push(p);
  }
  let value = raw;
  if (quotedPrintable) value = decodeValueBytes(quotedPrintableBytes(raw, ctx.binary), charset, ctx.charset).replace(/\r\n|\r|\n/g, '\\n');
  else if (ctx.binary) value = decodeBinaryValue(raw, charset, ctx.charset);
  return [name, ...out].join(';') + ':' + value;
}
