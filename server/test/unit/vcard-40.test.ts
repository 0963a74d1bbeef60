import { beforeAll, describe, expect, it } from 'vitest';
import { parseVCardFile } from '@kith/address-book';
import { writeVCards } from '../../src/contacts/vcard-write.js';
import { card21, card30, card40, cardPhoto } from '../helpers/vcards.js';

describe('vCard 4.0 (RFC 6350)', () => {
  let photo: Buffer;
  beforeAll(async () => {
    photo = await cardPhoto(3);
  });

  it('reads TEL as a tel: URI and PHOTO as a data: URI', () => {
    const [card] = parseVCardFile(
      card40({ name: 'Zoë Li', phones: ['+1-555-555-0199'], email: 'zoe@example.com', url: 'https://photos.app.goo.gl/abc', photo }),
    );
    expect(card).toMatchObject({
      version: '4.0',
      name: 'Zoë Li',
      phones: ['tel:+1-555-555-0199'],
      emails: ['zoe@example.com'],
      urls: [{ value: 'https://photos.app.goo.gl/abc', types: [] }],
    });
    expect(card.photo?.equals(photo)).toBe(true);
  });

  it('reads one file mixing 2.1, 3.0 and 4.0 cards, in order', () => {
    const text =
      card21({ family: 'Alpha', given: 'Al', phones: ['+1 415 555 0101'] }) +
      card30({ name: 'Beta Bee', phones: ['+1 415 555 0102'] }) +
      card40({ name: 'Gamma Gee', phones: ['+1-415-555-0103'], kith: 'gamma@kith.test' });
    expect(parseVCardFile(text).map((c) => [c.index, c.version, c.name])).toEqual([
      [1, '2.1', 'Al Alpha'],
      [2, '3.0', 'Beta Bee'],
      [3, '4.0', 'Gamma Gee'],
    ]);
  });

  it('writes vCard 4.0 that reads back the same: tel: URIs, unescaped data: URI PHOTO, album URL, IMPP, X-KITH-ADDRESS', () => {
    const text = writeVCards([
      {
        id: '5f0c7a52-2f5e-4a43-9d0e-0d4b0f7b7c11',
        name: 'Smith, Jo; Jr',
        phones: ['+14155550100', '+442079460958'],
        emails: ['jo@example.com'],
        urls: ['https://jo.example.com/', 'xmpp:jo@jabber.example'],
        kithAddress: 'jo@kith.test:8443',
        albumUrl: 'https://kith.test/albums/1,2',
        photo: { data: photo, mime: 'image/jpeg' },
      },
    ]);
    expect(text).toMatch(/^BEGIN:VCARD\r\nVERSION:4\.0\r\n/);
    expect(text).toContain('TEL;VALUE=uri:tel:+14155550100\r\n');
    expect(text).toContain('PHOTO:data:image/jpeg;base64,/9j/');
    // Folded at 75 octets (RFC 6350 §3.2), the leading space of a continuation line included.
    expect(text.split('\r\n').every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
    expect(text.split('\r\n').length).toBeGreaterThan(20);
    const [card] = parseVCardFile(text);
    expect(card).toMatchObject({
      name: 'Smith, Jo; Jr',
      phones: ['tel:+14155550100', 'tel:+442079460958'],
      emails: ['jo@example.com'],
      urls: [
        { value: 'https://kith.test/albums/1,2', types: ['x-kith-album'] },
        { value: 'https://jo.example.com/', types: [] },
      ],
      impps: ['xmpp:jo@jabber.example'],
      kithAddresses: ['jo@kith.test:8443'],
    });
    expect(card.photo?.equals(photo)).toBe(true);
  });
});
