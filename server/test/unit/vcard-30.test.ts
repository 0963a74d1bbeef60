import { beforeAll, describe, expect, it } from 'vitest';
import { parseVCardFile } from '@kith/address-book';
import { card30, crlf, fold, cardPhoto } from '../helpers/vcards.js';

describe('vCard 3.0 (RFC 2426, as iOS exports it)', () => {
  let photo: Buffer;
  beforeAll(async () => {
    photo = await cardPhoto(2);
  });

  it('reads a folded PHOTO;ENCODING=b;TYPE=JPEG, TEL types, EMAIL, a grouped URL with an escaped colon, IMPP and X-KITH-ADDRESS', () => {
    const text = card30({
      name: 'Jane Doe',
      phones: ['+44 7700 900123'],
      email: 'jane@example.co.uk',
      url: 'https://jane.example.co.uk/blog',
      impp: 'xmpp:jane@jabber.example',
      kith: 'jane@kith.example:8443',
      photo,
    });
    const [card] = parseVCardFile(text);
    expect(card).toMatchObject({
      version: '3.0',
      name: 'Jane Doe',
      phones: ['+44 7700 900123'],
      emails: ['jane@example.co.uk'],
      urls: [{ value: 'https://jane.example.co.uk/blog', types: ['pref'] }],
      impps: ['xmpp:jane@jabber.example'],
      kithAddresses: ['jane@kith.example:8443'],
    });
    expect(card.photo?.equals(photo)).toBe(true);
  });

  it('unescapes text values and falls back from FN to N to ORG for the name', () => {
    const text = crlf([
      'BEGIN:VCARD',
      'VERSION:3.0',
      'FN:Smith\\, John',
      'END:VCARD',
      'BEGIN:VCARD',
      'VERSION:3.0',
      'N:Lovelace;Ada;;Lady;',
      'END:VCARD',
      'BEGIN:VCARD',
      'VERSION:3.0',
      'ORG:Acme Plumbing;Emergencies',
      'TEL:555-0100',
      'END:VCARD',
      'BEGIN:VCARD',
      'VERSION:3.0',
      'TEL:555-0199',
      'END:VCARD',
    ]);
    expect(parseVCardFile(text).map((c) => c.name)).toEqual(['Smith, John', 'Lady Ada Lovelace', 'Acme Plumbing', null]);
  });

  it('reads a data: URI PHOTO in 3.0 too, including the escaped comma some servers write', () => {
    const b64 = photo.toString('base64');
    const text = crlf(['BEGIN:VCARD', 'VERSION:3.0', 'FN:X', fold(`PHOTO;VALUE=URI:data:image/jpeg;base64\\,${b64}`), 'END:VCARD']);
    expect(parseVCardFile(text)[0].photo?.equals(photo)).toBe(true);
  });

  it('keeps a remote PHOTO URI aside instead of fetching it', () => {
    const text = crlf(['BEGIN:VCARD', 'VERSION:3.0', 'FN:X', 'PHOTO;VALUE=uri:https://example.com/x.jpg', 'END:VCARD']);
    expect(parseVCardFile(text)[0]).toMatchObject({ photo: null, photoUri: 'https://example.com/x.jpg' });
  });

  it('reads a card without VERSION as 3.0', () => {
    expect(parseVCardFile(crlf(['BEGIN:VCARD', 'FN:No Version', 'END:VCARD']))[0]).toMatchObject({ version: '3.0', name: 'No Version' });
  });
});
