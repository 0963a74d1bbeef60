import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseVCardFile, decodeQuotedPrintable, normalise21Line } from '@kith/address-book';
import { card21, crlf, cardPhoto } from '../helpers/vcards.js';

describe('vCard 2.1 (as phones export it)', () => {
  let photo: Buffer;
  beforeAll(async () => {
    photo = await cardPhoto(1);
  });

  it('decodes a quoted-printable UTF-8 name with a soft line break, bare TEL types and a folded base64 PHOTO', async () => {
    const text = card21({
      family: 'Müller',
      given: 'Jürgen Å',
      phones: ['+49 151 23456789', '(030) 1234567'],
      email: 'Juergen@Example.de',
      photo,
    });
    expect(text).toContain('=\r\n'); // the fixture really has a soft break
    const [card] = parseVCardFile(text);
    expect(card).toMatchObject({
      index: 1,
      line: 1,
      version: '2.1',
      name: 'Jürgen Å Müller',
      phones: ['+49 151 23456789', '(030) 1234567'],
      emails: ['Juergen@Example.de'],
    });
    expect(card.photo?.equals(photo)).toBe(true);
    const meta = await sharp(card.photo!).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 96, 96]);
  });

  it('reads base64 continuation lines that are not indented (Outlook style, value on the next line)', async () => {
    const b64 = photo.toString('base64');
    const lines = b64.match(/.{1,76}/g)!;
    const text = crlf([
      'BEGIN:VCARD',
      'VERSION:2.1',
      'N:Smith;Ann',
      'PHOTO;TYPE=JPEG;ENCODING=BASE64:',
      ...lines,
      '',
      'TEL;WORK;PREF:+1-415-555-0100',
      'END:VCARD',
    ]);
    const [card] = parseVCardFile(text);
    expect(card.name).toBe('Ann Smith');
    expect(card.photo?.equals(photo)).toBe(true);
    expect(card.phones).toEqual(['+1-415-555-0100']);
  });

  it('honours CHARSET on quoted-printable values and LF-only line ends', () => {
    const text = ['BEGIN:VCARD', 'VERSION:2.1', 'FN;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:Ren=E9e Fran=E7ois', 'END:VCARD', ''].join(
      '\n',
    );
    expect(parseVCardFile(text)[0].name).toBe('Renée François');
  });

  it('rewrites 2.1 lines into 3.0 syntax for ical.js', () => {
    expect(normalise21Line('TEL;CELL;VOICE:+1 555')).toBe('TEL;TYPE=CELL;TYPE=VOICE:+1 555');
    expect(normalise21Line('PHOTO;ENCODING=BASE64;JPEG:AAAA')).toBe('PHOTO;ENCODING=b;TYPE=JPEG:AAAA');
    expect(normalise21Line('NOTE;ENCODING=QUOTED-PRINTABLE:a=0D=0Ab')).toBe('NOTE:a\\nb');
    expect(decodeQuotedPrintable('=E2=82=AC 5')).toBe('€ 5');
  });

  it("reads a file of several 2.1 cards and keeps each card's starting line", () => {
    const a = card21({ family: 'One', given: 'Ada', phones: ['+1 415 555 0101'] });
    const b = card21({ family: 'Two', given: 'Bo', phones: ['+1 415 555 0102'] });
    const cards = parseVCardFile(a + b);
    expect(cards.map((c) => [c.index, c.line, c.name])).toEqual([
      [1, 1, 'Ada One'],
      [2, a.split('\r\n').length, 'Bo Two'],
    ]);
  });
});
