import { describe, expect, it } from 'vitest';
import { cardToDraft, isAlbumUrl, normaliseEmail, normaliseKithAddress, parseVCardFile } from '@kith/address-book';
import { crlf } from '../helpers/vcards.js';

const one = (...lines: string[]) => parseVCardFile(crlf(['BEGIN:VCARD', 'VERSION:3.0', ...lines, 'END:VCARD']))[0];

describe('vCard fields to a contact draft', () => {
  it('normalises phones to E.164 with the default region, lower-cases e-mails, reads the Kith address from X-KITH-ADDRESS or a kith: IMPP', () => {
    const { draft, notes } = cardToDraft(
      one(
        'FN:Ann',
        'TEL:(415) 555-0100',
        'TEL:tel:+44-20-7946-0958',
        'TEL:+1 415 555 0100',
        'EMAIL:Ann@Example.ORG',
        'IMPP:kith:Ann@Kith.Test:8443',
        'IMPP:xmpp:ann@jabber.example',
      ),
      'US',
    );
    expect(notes).toEqual([]);
    expect(draft).toEqual({
      name: 'Ann',
      phones: ['+14155550100', '+442079460958'],
      otherPhones: [],
      emails: ['ann@example.org'],
      urls: ['xmpp:ann@jabber.example'],
      kithAddress: 'ann@kith.test:8443',
      albumUrl: null,
    });
  });

  it('puts the first album-like URL in albumUrl and keeps the others in urls', () => {
    const { draft } = cardToDraft(
      one('FN:B', 'URL:https://b.example.com/', 'URL:https://photos.app.goo.gl/xYz', 'URL:https://kith.test/albums/9'),
      'US',
    );
    expect(draft).toMatchObject({
      albumUrl: 'https://photos.app.goo.gl/xYz',
      urls: ['https://b.example.com/', 'https://kith.test/albums/9'],
    });
  });

  it('skips a card without a name, and one whose only identifiers are unreadable phone numbers', () => {
    expect(cardToDraft(one('TEL:+1 415 555 0100'), 'US').skip?.code).toBe('no_name');
    const bad = cardToDraft(one('FN:C', 'TEL:call me maybe'), 'US');
    expect(bad.skip).toMatchObject({ code: 'invalid_phone' });
    expect(bad.skip!.reason).toContain('call me maybe');
  });

  it('keeps a card with one unreadable phone when something else identifies the person, and says what it dropped', () => {
    const { draft, notes } = cardToDraft(
      one('FN:D', 'TEL:12', 'EMAIL:d@example.com', 'EMAIL:not-an-email', 'X-KITH-ADDRESS:no address'),
      'US',
    );
    expect(draft).toMatchObject({ phones: [], emails: ['d@example.com'], kithAddress: null });
    expect(notes.join(' ')).toMatch(/"not-an-email".*"no address".*"12"/);
  });

  it('recognises album URLs by TYPE or by shape', () => {
    expect(isAlbumUrl('https://x.example/anything', ['x-kith-album'])).toBe(true);
    for (const u of [
      'https://photos.google.com/share/AF1Qip',
      'https://www.icloud.com/sharedalbum/#B0aGW',
      'https://immich.example/share/k3y',
      'https://www.flickr.com/photos/u/albums/72157',
    ])
      expect(isAlbumUrl(u), u).toBe(true);
    for (const u of ['https://example.com/', 'https://photos.google.com/', 'ftp://x.example/albums/1', 'not a url'])
      expect(isAlbumUrl(u), u).toBe(false);
  });

  it('validates Kith addresses and e-mails', () => {
    expect(normaliseKithAddress('Bob@Kith.Example:2342')).toBe('bob@kith.example:2342');
    expect(normaliseKithAddress('bob@[::1]:2342')).toBe('bob@[::1]:2342');
    expect(normaliseKithAddress('bob@')).toBeNull();
    expect(normaliseEmail('mailto:Bob@Example.com')).toBe('bob@example.com');
    expect(normaliseEmail('bob')).toBeNull();
  });
});
