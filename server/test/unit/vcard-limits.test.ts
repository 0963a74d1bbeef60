import fc from 'fast-check';
import ICAL from 'ical.js';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_CARDS_PER_IMPORT, MAX_VCARD_PARAMETERS, parseVCardFile, parameterCount, splitCards } from '@kith/address-book';
import { createVCardReader, VCardLimitError } from '../../src/contacts/vcard-pool.js';
import { countCards } from '../../src/contacts/vcard-tasks.js';

const file = (...lines: string[]) => ['BEGIN:VCARD', 'VERSION:3.0', 'FN:Ann', ...lines, 'END:VCARD', ''].join('\r\n');
/** The reproduction's line: 4 characters a parameter (500,000 of them in 2 MB). */
const withParams = (n: number) => 'TEL' + ';X=1'.repeat(n) + ':+14155550100';

describe('vCard reader limits (docs/security.md "Address-book parsing limits")', () => {
  afterEach(() => vi.restoreAllMocks());

  it('counts parameters in one pass, outside double quotes, up to the value', () => {
    expect(parameterCount('TEL;TYPE=cell;PREF=1:+1;2;3')).toBe(2);
    expect(parameterCount('X-A;X-B="a;b:c";X-C=d:v')).toBe(2);
    expect(parameterCount('FN:Ann')).toBe(0);
    fc.assert(
      fc.property(fc.nat({ max: 300 }), fc.constantFrom('TYPE=x', 'X="q;:"', 'CELL'), (n, p) => {
        expect(parameterCount(`TEL${`;${p}`.repeat(n)}:+1;2`)).toBe(n);
      }),
    );
  });

  it('refuses the 500,000- and 1,000,000-parameter lines before ical.js sees them (its parameter parser is quadratic)', () => {
    const property = vi.spyOn(ICAL.parse, 'property');
    for (const n of [500_000, 1_000_000]) {
      property.mockClear();
      const [card] = parseVCardFile(file(withParams(n), 'EMAIL:ann@example.org'));
      expect(card.overLimit).toEqual({
        line: 4,
        reason: `line 4 has ${n} parameters; a property may have at most ${MAX_VCARD_PARAMETERS}`,
      });
      // VERSION and FN only: neither the hostile line nor anything after it reached ical.js.
      expect(property).toHaveBeenCalledTimes(2);
      expect(card.name).toBe('Ann');
    }
  });

  it('parses a line at the parameter cap, and refuses one over it, whatever the parameters', () => {
    fc.assert(
      fc.property(fc.integer({ min: MAX_VCARD_PARAMETERS - 3, max: MAX_VCARD_PARAMETERS + 3 }), (n) => {
        const [card] = parseVCardFile(file(withParams(n)));
        if (n <= MAX_VCARD_PARAMETERS) expect(card).toMatchObject({ phones: ['+14155550100'] });
        else expect(card.overLimit?.reason).toMatch(/at most 50/);
      }),
      { numRuns: 20 },
    );
  });

  it('unfolds a line of 300,000 continuation lines and a quoted-printable value of 100,000 soft breaks into the right text', () => {
    const folded = ['NOTE:', ...Array.from({ length: 300_000 }, () => ' ab')].join('\r\n');
    const [a] = splitCards(file(folded));
    expect(a.lines.find((l) => l.text.startsWith('NOTE'))!.text).toBe('NOTE:' + 'ab'.repeat(300_000));
    const qp = ['NOTE;ENCODING=QUOTED-PRINTABLE:x=', ...Array.from({ length: 99_999 }, () => 'x=')].join('\r\n') + '\r\nend';
    const [b] = splitCards(['BEGIN:VCARD', 'VERSION:2.1', 'FN:Bo', qp, 'END:VCARD', ''].join('\r\n'));
    expect(b.lines.find((l) => l.text.startsWith('NOTE'))!.text).toBe('NOTE;ENCODING=QUOTED-PRINTABLE:' + 'x'.repeat(100_000) + 'end');
  });

  it('counts BEGIN:VCARD lines in one scan, whatever the line ends and case', () => {
    expect(countCards('begin:vcard\r\nEND:VCARD\nBEGIN:VCARD\rEND:VCARD\r\n  BEGIN:VCARD \n')).toBe(3);
    expect(countCards('NOTE:BEGIN:VCARD\r\n')).toBe(0);
  });
});

describe('vCard worker thread', () => {
  const reader = createVCardReader();
  afterAll(() => reader.close());
  const big = Buffer.from(Array.from({ length: 5000 }, (_, i) => file(`TEL:+1415${2000000 + i}`)).join(''));

  it('parses off the main thread: the event loop turns while a file is read', async () => {
    await reader.contacts(Buffer.from(file()), 'US'); // the thread is up
    const order: string[] = [];
    const parsed = reader.contacts(big, 'US').then((cards) => order.push(`parsed ${cards.length}`));
    await new Promise((resolve) => setImmediate(resolve));
    order.push('tick');
    await parsed;
    expect(order).toEqual(['tick', 'parsed 5000']);
  });

  it('refuses a file over the card cap before parsing it, and reports syntax errors with card and line', async () => {
    const over = Buffer.from('BEGIN:VCARD\r\nEND:VCARD\r\n'.repeat(MAX_CARDS_PER_IMPORT + 1));
    await expect(reader.contacts(over, 'US')).rejects.toBeInstanceOf(VCardLimitError);
    await expect(reader.contacts(Buffer.from('BEGIN:VCARD\r\nFN:A\r\n'), 'US')).rejects.toMatchObject({
      name: 'VCardSyntaxError',
      card: 1,
      line: 3,
    });
  });
});
