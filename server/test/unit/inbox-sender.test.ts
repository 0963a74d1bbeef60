import { describe, expect, it } from 'vitest';
import { normaliseBlockValue, safePictureName, senderIdentity } from '../../src/inbox/inbox-sender.js';

describe('inbox sender claims', () => {
  it('reads a Kith address or an album URL, with the hosts a block may name', () => {
    expect(senderIdentity('Alice@Kith-A.example:2342', '203.0.113.9')).toEqual({
      address: 'alice@kith-a.example:2342',
      hosts: ['203.0.113.9', 'kith-a.example:2342', 'kith-a.example'],
    });
    expect(senderIdentity('http://kith-a.example:2342/inbox/alice', 'local')).toEqual({
      address: 'alice@kith-a.example:2342',
      hosts: ['kith-a.example:2342', 'kith-a.example'],
    });
    expect(senderIdentity('not an address', '10.0.0.1')).toEqual({ address: null, hosts: ['10.0.0.1'] });
    expect(senderIdentity(null, 'local')).toEqual({ address: null, hosts: [] });
  });

  it('normalises block values and refuses unusable ones', () => {
    expect(normaliseBlockValue('sender', ' Mallory@Spam.example ')).toBe('mallory@spam.example');
    expect(normaliseBlockValue('sender', 'mallory')).toBeNull();
    expect(normaliseBlockValue('host', 'Spam.Example:8080')).toBe('spam.example:8080');
    expect(normaliseBlockValue('host', '2001:db8::1')).toBe('2001:db8::1');
    expect(normaliseBlockValue('host', 'spam example')).toBeNull();
  });

  it('keeps only the last path segment of a picture name, without control characters', () => {
    expect(safePictureName('../../etc/passwd', 0)).toBe('passwd');
    expect(safePictureName('..\\..\\windows\\win.ini', 0)).toBe('win.ini');
    expect(safePictureName('a\u0000b\u001f.jpg', 0)).toBe('ab.jpg');
    expect(safePictureName('photos/..', 2)).toBe('picture-3');
    expect(safePictureName('', 0)).toBe('picture-1');
    expect(safePictureName('фото 🎂.jpg', 0)).toBe('фото 🎂.jpg');
    expect(safePictureName('x'.repeat(500), 0)).toHaveLength(200);
  });
});
