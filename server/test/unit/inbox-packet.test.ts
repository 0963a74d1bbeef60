import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildInboxPacketXml, InboxPacketError, parseInboxPacketXml } from '@kith/sdk';

const LIMITS = { maxBytes: 1_000_000, maxPictures: 3, maxPictureBytes: 1000 };
const bytes = (...n: number[]) => new Uint8Array(n);

function refusal(xml: string, limits = LIMITS): InboxPacketError {
  try {
    parseInboxPacketXml(xml, limits);
  } catch (err) {
    if (err instanceof InboxPacketError) return err;
    throw err;
  }
  throw new Error('expected the packet to be refused');
}

describe('inbox packet XML (seed CN103369031A [0063]–[0067])', () => {
  it('round-trips a built packet with several pictures and escaped names', () => {
    const xml = buildInboxPacketXml({
      address: 'http://kith-b.example:2342',
      username: 'bob',
      senderName: 'Tom & Jerry <3',
      senderAddress: 'alice@kith-a.example',
      pictures: [
        { name: 'a "party".jpg', bytes: bytes(1, 2, 3) },
        { name: 'Zoë.png', bytes: bytes(255, 0) },
      ],
    });
    const p = parseInboxPacketXml(xml, LIMITS);
    expect(p).toMatchObject({ address: 'http://kith-b.example:2342', username: 'bob', senderName: 'Tom & Jerry <3' });
    expect(p.senderAddress).toBe('alice@kith-a.example');
    expect(p.pictures.map((x) => x.name)).toEqual(['a "party".jpg', 'Zoë.png']);
    expect([...p.pictures[0].bytes!]).toEqual([1, 2, 3]);
    expect([...p.pictures[1].bytes!]).toEqual([255, 0]);
  });

  it("accepts the document's bare sibling form with a file-name reference", () => {
    const p = parseInboxPacketXml('<address>http://sit.com.cn</address><username>user</username><picture>sample.png</picture>', LIMITS);
    expect(p).toMatchObject({ address: 'http://sit.com.cn', username: 'user', senderName: null });
    expect(p.pictures).toEqual([{ name: 'sample.png', bytes: null, ref: 'sample.png' }]);
  });

  it('treats a base64-looking text as a reference when the multipart body has a part of that name', () => {
    const p = parseInboxPacketXml('<packet><username>u</username><picture>photo</picture></packet>', {
      ...LIMITS,
      references: new Set(['photo']),
    });
    expect(p.pictures[0]).toEqual({ name: 'photo', bytes: null, ref: 'photo' });
  });

  it('builds reference-only packets for multipart bodies', () => {
    const xml = buildInboxPacketXml({ address: 'http://b', username: 'bob', embed: false, pictures: [{ name: 'x.jpg' }] });
    expect(parseInboxPacketXml(xml, LIMITS).pictures[0].ref).toBe('x.jpg');
  });

  it('refuses a DOCTYPE (XXE) without reading anything', () => {
    const xxe =
      '<?xml version="1.0"?><!DOCTYPE p [<!ENTITY x SYSTEM "file:///etc/passwd">]><packet><username>&x;</username><picture>AAAA</picture></packet>';
    expect(refusal(xxe)).toMatchObject({ code: 'invalid_packet', status: 400 });
  });

  it('leaves undeclared entity references unexpanded', () => {
    const p = parseInboxPacketXml('<packet><username>&x;</username><picture>AAAA</picture></packet>', LIMITS);
    expect(p.username).toBe('&x;');
  });

  it('caps size, picture count, picture bytes and depth', () => {
    expect(refusal('<packet><picture>AAAA</picture></packet>', { ...LIMITS, maxBytes: 10 }).code).toBe('packet_too_large');
    expect(refusal('<picture>AAAA</picture>'.repeat(4)).code).toBe('too_many_pictures');
    expect(refusal(`<picture>${'A'.repeat(2000)}</picture>`)).toMatchObject({ code: 'packet_too_large', status: 413 });
    expect(refusal(`${'<a>'.repeat(20)}<picture>AAAA</picture>${'</a>'.repeat(20)}`).code).toBe('invalid_packet');
  });

  it('refuses malformed XML, no picture, repeated fields and bad base64', () => {
    expect(refusal('<packet><username>bob</packet>').code).toBe('invalid_packet');
    expect(refusal('<packet><username>bob</username></packet>').code).toBe('invalid_packet');
    expect(refusal('<username>a</username><username>b</username><picture>AAAA</picture>').code).toBe('invalid_packet');
    expect(refusal('<picture>AA=A</picture>').code).toBe('invalid_packet');
  });

  it('never throws anything but InboxPacketError on arbitrary input (fast-check)', () => {
    const token = fc.constantFrom(
      '<',
      '>',
      '/',
      '!',
      '&',
      ';',
      '"',
      '=',
      'picture',
      'packet',
      'username',
      'DOCTYPE',
      'AAAA',
      ' ',
      'é',
      '\u0000',
    );
    const xmlish = fc.array(token, { maxLength: 120 }).map((t) => t.join(''));
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 300 }), xmlish), (s) => {
        try {
          const p = parseInboxPacketXml(s, LIMITS);
          expect(p.pictures.length).toBeGreaterThan(0);
          expect(p.pictures.length).toBeLessThanOrEqual(LIMITS.maxPictures);
        } catch (err) {
          expect(err).toBeInstanceOf(InboxPacketError);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
