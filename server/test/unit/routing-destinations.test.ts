import { describe, expect, it } from 'vitest';
import { outcomeOfAnswer } from '../../src/routing/inbox-client.js';
import { namesList } from '../../src/routing/routing.mapper.js';
import { parseInboxUrl } from '@kith/address-book';
import { destinationOf, displayAddress, targetOf } from '../../src/routing/routing-destinations.js';

const none = { linked_username: null, kith_address: null, album_url: null };

describe('routing destinations', () => {
  it('prefers a linked local account, then a Kith address, then an inbox-shaped album URL', () => {
    expect(destinationOf({ ...none, linked_username: 'bob', kith_address: 'bob@other.example' }, 'kith.test')).toEqual({
      kind: 'local',
      username: 'bob',
    });
    expect(destinationOf({ ...none, kith_address: 'carol@kith.test:2342' }, 'kith.test:2342')).toEqual({
      kind: 'local',
      username: 'carol',
    });
    expect(destinationOf({ ...none, kith_address: 'bob@kith-b.example:2342' }, 'kith.test')).toEqual({
      kind: 'remote',
      origin: 'https://kith-b.example:2342',
      username: 'bob',
      inboxUrl: 'https://kith-b.example:2342/inbox/bob',
    });
    // Loopback servers (development, tests) have no certificate: plain HTTP.
    expect(destinationOf({ ...none, kith_address: 'bob@127.0.0.1:4000' }, 'kith.test')).toMatchObject({ origin: 'http://127.0.0.1:4000' });
    expect(destinationOf({ ...none, album_url: 'http://photos.example:8080/kith/inbox/Bea' }, 'kith.test')).toEqual({
      kind: 'remote',
      origin: 'http://photos.example:8080/kith',
      username: 'bea',
      inboxUrl: 'http://photos.example:8080/kith/inbox/bea',
    });
    // A Google Photos album is no inbox: not a routing candidate.
    expect(destinationOf({ ...none, album_url: 'https://photos.app.goo.gl/abc' }, 'kith.test')).toBeNull();
    expect(destinationOf(none, 'kith.test')).toBeNull();
  });

  it('stores and shows targets', () => {
    const d = destinationOf({ ...none, kith_address: 'bob@127.0.0.1:4000' }, 'kith.test')!;
    expect(displayAddress('remote', targetOf(d))).toBe('bob@127.0.0.1:4000');
    expect(displayAddress('local', 'carol')).toBe('carol');
    expect(parseInboxUrl('ftp://x/inbox/bob')).toBeNull();
    expect(parseInboxUrl('not a url')).toBeNull();
  });

  it('reads inbox answers: accepted, per-picture refusal, final 4xx, passing 429/5xx', () => {
    expect(outcomeOfAnswer(200, { accepted: 1, pictures: [{ status: 'accepted', assetId: 'x' }] })).toEqual({
      status: 'delivered',
      remoteAssetId: 'x',
    });
    expect(outcomeOfAnswer(422, { accepted: 0, pictures: [{ status: 'refused', code: 'face_not_found', message: 'no' }] })).toEqual({
      status: 'refused',
      code: 'face_not_found',
      message: 'no',
    });
    expect(outcomeOfAnswer(404, { code: 'unknown_account', message: 'who?' })).toMatchObject({
      status: 'refused',
      code: 'unknown_account',
    });
    expect(outcomeOfAnswer(429, { code: 'rate_limited', message: 'slow' })).toMatchObject({ status: 'retry', code: 'rate_limited' });
    expect(outcomeOfAnswer(502, undefined)).toMatchObject({ status: 'retry', code: 'http_502' });
  });

  it('names people the way the card asks', () => {
    expect(namesList(['Bob'])).toBe('Bob');
    expect(namesList(['Bob', 'Carol'])).toBe('Bob and Carol');
    expect(namesList(['Bob', 'Carol', 'Dan'])).toBe('Bob, Carol and Dan');
  });
});
