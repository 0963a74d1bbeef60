import { describe, expect, it } from 'vitest';
import { parseVCardFile, VCardSyntaxError } from '@kith/address-book';
import { crlf } from '../helpers/vcards.js';

const good = (name: string) => ['BEGIN:VCARD', 'VERSION:3.0', `FN:${name}`, 'END:VCARD'];

/** The error parseVCardFile throws for `text` (a file whose structure is broken), as {card, line, message}. */
function fileFailure(text: string) {
  try {
    parseVCardFile(text);
  } catch (e) {
    expect(e).toBeInstanceOf(VCardSyntaxError);
    const err = e as VCardSyntaxError;
    return { card: err.card, line: err.line, message: err.message };
  }
  throw new Error('expected a VCardSyntaxError');
}

/** The `invalid` of the card at 1-based `index`, which parseVCardFile reports instead of throwing; the other cards are read. */
function failure(text: string, index?: number) {
  if (index === undefined) return fileFailure(text);
  const cards = parseVCardFile(text);
  const bad = cards[index - 1].invalid;
  if (!bad) throw new Error(`expected card ${index} to be invalid`);
  expect(cards.filter((c) => c.invalid)).toHaveLength(1);
  return { card: index, line: bad.line, message: bad.message };
}

describe('malformed vCard files and cards name the card and line', () => {
  it('a line without ":" in the second card', () => {
    const f = failure(crlf([...good('A'), 'BEGIN:VCARD', 'VERSION:3.0', 'FN:B', 'this is not a property', 'END:VCARD']), 2);
    expect(f).toMatchObject({ card: 2, line: 8 });
    expect(f.message).toMatch(/^Card 2, line 8: /);
  });

  it('an unterminated quoted parameter (ical.js ParserError) in the third card', () => {
    const f = failure(
      crlf([...good('A'), ...good('B'), 'BEGIN:VCARD', 'VERSION:4.0', 'FN:C', 'EMAIL;TYPE="home:c@example.com', 'END:VCARD']),
      3,
    );
    expect(f).toMatchObject({ card: 3, line: 12 });
    expect(f.message).toMatch(/double quote/);
  });

  it('a card cut off without END:VCARD, and a BEGIN inside a card', () => {
    expect(failure(crlf([...good('A'), 'BEGIN:VCARD', 'FN:B']))).toMatchObject({ card: 2, line: 7 });
    expect(failure(crlf(['BEGIN:VCARD', 'FN:A', 'BEGIN:VCARD', 'FN:B', 'END:VCARD']))).toMatchObject({ card: 1, line: 3 });
  });

  it('text outside a card, END without BEGIN, an empty file, an unknown version', () => {
    expect(failure(crlf([...good('A'), 'FN:stray']))).toMatchObject({ card: 2, line: 5 });
    expect(failure(crlf(['END:VCARD']))).toMatchObject({ card: 1, line: 1 });
    expect(failure('\r\n \r\n')).toMatchObject({ card: 1, line: 1 });
    expect(failure(crlf(['BEGIN:VCARD', 'VERSION:5.0', 'FN:A', 'END:VCARD']), 1)).toMatchObject({ card: 1, line: 2 });
  });

  it('an empty property name', () => {
    expect(failure(crlf([...good('A'), 'BEGIN:VCARD', ':value', 'END:VCARD']), 2)).toMatchObject({ card: 2, line: 6 });
  });

  it('the line number counts physical lines, so folded lines before the error are counted', () => {
    const f = failure(crlf(['BEGIN:VCARD', 'VERSION:3.0', 'NOTE:a long', '  folded note', 'FN:A', 'broken', 'END:VCARD']), 1);
    expect(f).toMatchObject({ card: 1, line: 6 });
  });
});
