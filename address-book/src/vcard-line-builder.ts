/** Unfolding one vCard property line (RFC 6350 §3.2, vCard 2.1 quoted-printable and base64 continuations). */
import type { VCardLine } from './vcard-read.js';

/** Longest property head (name and parameters) looked at for ENCODING; real heads are under 200 characters. */
const HEAD_SCAN = 1000;

/**
 * A property line while its continuation lines are joined. Parts are joined once at the end and the head
 * (name and parameters, upper-cased) is read once from the first characters, so unfolding is linear in
 * the card's size however many continuation lines it has (re-reading or re-slicing the growing text at
 * every line would be quadratic).
 */
export class LineBuilder {
  parts: string[];
  length: number;
  private head = '';
  constructor(
    readonly line: number,
    first: string,
  ) {
    this.parts = [first];
    this.length = first.length;
    this.readHead();
  }
  private readHead() {
    const start = this.parts.join('').slice(0, HEAD_SCAN);
    const colon = start.indexOf(':');
    this.head = (colon < 0 ? start : start.slice(0, colon)).toUpperCase();
  }
  /** Adds a continuation line's text (its fold marker already removed). */
  append(text: string) {
    this.parts.push(text);
    this.length += text.length;
    if (this.length - text.length < HEAD_SCAN) this.readHead(); // a head folded over lines; bounded by HEAD_SCAN
  }
  /** Drops a quoted-printable soft line break's "=" (RFC 2045 §6.7) before the next line is appended. */
  dropLastChar() {
    for (let i = this.parts.length - 1; i >= 0; i--) {
      const part = this.parts[i];
      if (part) {
        this.parts[i] = part.slice(0, -1);
        this.length--;
        return;
      }
    }
  }
  /** Whether the text so far ends with `c` (empty parts, left by a dropped "=", are skipped). */
  endsWith(c: string): boolean {
    for (let i = this.parts.length - 1; i >= 0; i--) {
      const part = this.parts[i];
      if (part) return part.endsWith(c);
    }
    return false;
  }
  /** ENCODING=QUOTED-PRINTABLE in the head (vCard 2.1 §2.1.3): "=" at the end continues the value. */
  get quotedPrintable() {
    return this.head.includes('QUOTED-PRINTABLE');
  }
  /** ENCODING=BASE64 or b in the head: unindented base64 lines continue the value (2.1 exporters). */
  get base64() {
    return /;ENCODING=(BASE64|B)(;|$)/.test(this.head);
  }
  /** The unfolded line, its parts joined once. */
  done(): VCardLine {
    return { line: this.line, text: this.parts.join('') };
  }
}
