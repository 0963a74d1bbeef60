import { MAX_VCARD_LINE_CHARS, MAX_VCARD_PROPERTIES } from './contact-limits.js';
import { decodeValueBytes } from './vcard-charset.js';
import { LineBuilder } from './vcard-line-builder.js';
import { normaliseLine, quotedPrintableBytes, TEXT_CONTEXT } from './vcard-line.js';

/**
 * First stage of vCard reading: split a file into cards and unfold its lines, keeping the
 * physical line number where each property starts, so a malformed card can be named by
 * card number and line. Property syntax (parameters, quoting, escapes, value types) is
 * left to ical.js (see `vcard-parse.ts`); this file only does what ical.js cannot:
 *
 * - card boundaries with line positions (ical.js reports neither card nor line);
 * - vCard 2.1 quirks as phones export them: quoted-printable values with soft line breaks
 *   (RFC 2045 §6.7), base64 continuation lines without the leading space and ended by a blank
 *   line (vCard 2.1 §2.1.3); each line is then rewritten for ical.js by `vcard-line.ts`.
 */

/** A property line after unfolding; `line` is the 1-based physical line it starts on. */
export interface VCardLine {
  line: number;
  text: string;
}

export type VCardVersion = '2.1' | '3.0' | '4.0';

/** One BEGIN:VCARD … END:VCARD block, without those two lines. */
export interface RawCard {
  /** 1-based position of the card in the file. */
  index: number;
  /** Physical line of its BEGIN:VCARD. */
  line: number;
  version: VCardVersion;
  lines: VCardLine[];
  /**
   * Set when the card breaks a per-card limit (a line over {@link MAX_VCARD_LINE_CHARS}, more than
   * {@link MAX_VCARD_PROPERTIES} properties): `lines` is then empty, the card is reported, not parsed.
   */
  overLimit?: { line: number; reason: string };
  /** Set when the card itself is malformed (an unsupported VERSION, a line that is no property): reported, not imported. */
  invalid?: { line: number; message: string };
}

/** A malformed file: `card` (1-based) and `line` (1-based, physical) locate the problem. */
export class VCardSyntaxError extends Error {
  constructor(
    public readonly card: number,
    public readonly line: number,
    public readonly detail: string,
  ) {
    super(`Card ${card}, line ${line}: ${detail}`);
    this.name = 'VCardSyntaxError';
  }
}

const BASE64_LINE = /^[A-Za-z0-9+/=]+$/;
interface OpenCard {
  index: number;
  line: number;
  lines: VCardLine[];
  last: LineBuilder | null;
  overLimit?: RawCard['overLimit'];
}

/**
 * Splits a vCard file (any of 2.1, 3.0, 4.0; CRLF, LF or CR line ends; many cards) into
 * cards of unfolded lines. Blank lines are ignored. A card with a line over
 * {@link MAX_VCARD_LINE_CHARS} characters or more than {@link MAX_VCARD_PROPERTIES} properties
 * comes back with `overLimit` and no lines; the rest of the file is read as usual.
 * A card with an unsupported VERSION comes back with `invalid`. Linear in the length of the text.
 * @throws VCardSyntaxError for what breaks the file's structure: text outside a card, a card without
 *         END:VCARD, an END without BEGIN, or a file with no card at all.
 */
export function splitCards(text: string): RawCard[] {
  const physical = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const cards: RawCard[] = [];
  let current: OpenCard | null = null;
  // A card over a limit keeps no lines: its text is skipped up to END:VCARD, so its cost stops at the limit.
  const refuse = (card: OpenCard, line: number, reason: string) => {
    card.overLimit = { line, reason };
    card.lines = [];
    card.last = null;
  };
  const close = (card: OpenCard) => {
    if (card.last) card.lines.push(card.last.done());
    card.last = null;
  };
  const tooLong = (line: number) => `line ${line} is longer than ${MAX_VCARD_LINE_CHARS} characters`;

  for (const [i, raw] of physical.entries()) {
    const lineNo = i + 1;
    const upper = raw.trim().toUpperCase();
    if (current?.overLimit && upper !== 'END:VCARD' && upper !== 'BEGIN:VCARD') continue;
    const last = current?.last;
    // A quoted-printable value ending in "=" continues on the next line, which has no leading space.
    const continues =
      last &&
      ((last.quotedPrintable && last.endsWith('=') && upper !== 'END:VCARD') ||
        (raw.trim() && /^[ \t]/.test(raw)) ||
        (last.base64 && BASE64_LINE.test(raw)));
    if (current && last && continues) {
      if (last.length + raw.length > MAX_VCARD_LINE_CHARS) {
        refuse(current, last.line, tooLong(last.line));
        continue;
      }
      if (last.quotedPrintable && last.endsWith('=') && upper !== 'END:VCARD') {
        last.dropLastChar();
        last.append(raw);
      } else if (/^[ \t]/.test(raw))
        last.append(raw.slice(1)); // RFC 6350 §3.2 unfolding: drop the CRLF and one white space
      else last.append(raw); // 2.1 exporters that wrap base64 without indenting
      continue;
    }
    if (!raw.trim()) continue;
    if (upper === 'BEGIN:VCARD') {
      if (current) throw new VCardSyntaxError(current.index, lineNo, "a new BEGIN:VCARD starts before this card's END:VCARD.");
      current = { index: cards.length + 1, line: lineNo, lines: [], last: null };
      continue;
    }
    if (upper === 'END:VCARD') {
      if (!current) throw new VCardSyntaxError(cards.length + 1, lineNo, 'END:VCARD without a BEGIN:VCARD before it.');
      close(current);
      const { index, line, lines, overLimit } = current;
      let version: VCardVersion = '3.0';
      let invalid: RawCard['invalid'];
      try {
        version = versionOf(current);
      } catch (e) {
        if (!(e instanceof VCardSyntaxError)) throw e;
        invalid = { line: e.line, message: e.message };
      }
      cards.push({ index, line, lines, version, ...(overLimit ? { overLimit } : {}), ...(invalid ? { invalid } : {}) });
      current = null;
      continue;
    }
    if (!current) throw new VCardSyntaxError(cards.length + 1, lineNo, 'text outside a card; expected BEGIN:VCARD.');
    close(current);
    if (raw.length > MAX_VCARD_LINE_CHARS) refuse(current, lineNo, tooLong(lineNo));
    else if (current.lines.length >= MAX_VCARD_PROPERTIES)
      refuse(current, lineNo, `it has more than ${MAX_VCARD_PROPERTIES} properties (line ${lineNo})`);
    else current.last = new LineBuilder(lineNo, raw);
  }
  if (current) throw new VCardSyntaxError(current.index, physical.length, 'the card has no END:VCARD; the file may be cut off.');
  if (!cards.length) throw new VCardSyntaxError(1, 1, 'the file holds no vCard (no BEGIN:VCARD line).');
  return cards;
}

/** VERSION may sit anywhere in a 2.1/3.0 card; without one we read the card as 3.0, as ical.js does. */
function versionOf(card: { index: number; lines: VCardLine[] }): VCardVersion {
  const v = card.lines.find((l) => /^VERSION[;:]/i.test(l.text));
  if (!v) return '3.0';
  const value = v.text.slice(v.text.indexOf(':') + 1).trim();
  if (value === '2.1' || value === '3.0' || value === '4.0') return value;
  throw new VCardSyntaxError(card.index, v.line, `unsupported vCard version "${value.slice(0, 20)}"; Kith reads 2.1, 3.0 and 4.0.`);
}

/**
 * How many parameters a property line has: the ";" before the first ":" outside double quotes
 * (RFC 6350 §3.3 param-value may quote ";" and ":"). One pass, so a line of any length costs its
 * length; ical.js's own parameter parser rescans the rest of the line at every parameter
 * (quadratic), so lines are counted here and refused over MAX_VCARD_PARAMETERS (`contact-limits.ts`) before it runs.
 */
export function parameterCount(text: string): number {
  let count = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) quoted = !quoted;
    else if (!quoted && c === 0x3a) break;
    else if (!quoted && c === 0x3b) count++;
  }
  return count;
}

/** Decodes quoted-printable (RFC 2045 §6.7; soft breaks already joined) into text of `charset` (see `vcard-line.ts`). */
export function decodeQuotedPrintable(value: string, charset = 'utf-8'): string {
  return decodeValueBytes(quotedPrintableBytes(value, false), charset, null);
}

/** {@link normaliseLine} on text already decoded (the vCard 2.1 rewrite, kept under its old name). */
export function normalise21Line(text: string): string {
  return normaliseLine(text, TEXT_CONTEXT);
}
