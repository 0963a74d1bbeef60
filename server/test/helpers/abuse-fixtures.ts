import crypto from 'node:crypto';
import { as, signup, type TestApp, type TestUser } from './test-app.js';
import { partyPhoto, postAssets } from './photos.js';
import { exchangeFixtures, insertPeople, ok } from './abuse-fixture-parts.js';
import { patternPng } from './region-fixtures.js';
import { multipart } from './photos.js';

/** Who calls a route in the abuse walk (docs/architecture.md "Abuse and authorisation"). */
export const PRINCIPALS = ['anonymous', 'other', 'guest', 'owner'] as const;
export type Principal = (typeof PRINCIPALS)[number];

/**
 * Everything the owner (alice, the first account, so also the admin) has, for the walk to aim at:
 * one real resource of each kind, and spare copies of those that a DELETE or a state change uses up.
 */
export interface AbuseFixtures {
  owner: TestUser;
  /** mallory: a second account with nothing shared with alice. */
  other: TestUser;
  /** bob: asks alice for exchanges (she answers them). */
  bob: TestUser;
  /** The guest of alice's exchange `exchange` (joined through an invite; no account). */
  guestToken: string;
  assetId: string;
  spareAssetId: string;
  albumId: string;
  spareAlbumId: string;
  contactId: string;
  spareContactId: string;
  tokenId: string;
  marker: string;
  otherMarker: string;
  personId: string;
  otherPersonId: string;
  faceId: string;
  splitFaceId: string;
  refFaceId: string;
  shareId: string;
  siteKeyId: string;
  siteKeyOrigin: string;
  siteKey: string;
  blockId: string;
  /** A signing key alice issued to a terminal (its id is public: it is part of the published key id). */
  signingKeyId: string;
  /** Active, round 1 finished by both sides. */
  exchange: { id: string; guestToken: string; spentInvite: string };
  /** Active, no capture yet: captures, then the owner ends it. */
  freshExchange: { id: string; guestToken: string };
  /** Active: the guest ends it. */
  guestEndsExchange: { id: string; guestToken: string };
  /** Unjoined invites: one to join, one to decline. */
  joinInvite: string;
  declineInvite: string;
  /** bob → alice, pending: alice accepts, declines, blocks. */
  toAccept: string;
  toDecline: string;
  toBlock: string;
  /** Every id and secret of alice's: none may appear in an answer to anyone else. */
  secrets: string[];
  /** An API token of the owner's (scrobbling clients send it as `Token …`). */
  ownerApiToken: string;
  /** Second sessions of the owner's and the other user's, for log-out. */
  spareOwnerCookie: string;
  spareOtherCookie: string;
  photo: Buffer;
  /**
   * alice's published album: a public link (upload allowed, no password) and a spare one to revoke. The published
   * photo's id is public through the link by alice's choice, so it is not among `secrets`; `photo` re-uploads it.
   */
  link: { id: string; key: string; spareId: string; assetId: string; photo: Buffer };
}

/**
 * Builds the owner's world through the public API (real photos, real exchanges), plus a person with
 * faces written straight to the tables: face analysis stays off so the walk loads no model.
 */
export async function buildAbuseFixtures(t: TestApp): Promise<AbuseFixtures> {
  const alice = await signup(t.app, 'alice', { displayName: 'Alice A.' });
  const mallory = await signup(t.app, 'mallory');
  const bob = await signup(t.app, 'bob');
  const a = as(t.app, alice);
  const photo = await partyPhoto(1, { capturedAt: new Date('2026-05-01T18:00:00Z') });

  const up = await ok(
    await postAssets(t.app, alice, [{ filename: 'party.jpg', data: photo, type: 'image/jpeg' }], { event: 'Abuse Party' }),
    'asset',
  );
  const assetId = up.results[0].asset.id as string;
  const later = await partyPhoto(3, { capturedAt: new Date('2026-05-01T20:00:00Z') });
  await ok(
    await postAssets(t.app, alice, [{ filename: 'later.jpg', data: later, type: 'image/jpeg' }], { event: 'Abuse Party' }),
    'later asset',
  );
  const spare = await ok(
    await postAssets(t.app, alice, [{ filename: 'p2.jpg', data: await partyPhoto(2), type: 'image/jpeg' }], { event: 'Abuse Other' }),
    'spare asset',
  );
  const spareAssetId = spare.results[0].asset.id as string;
  await t.container.jobs.drain();

  const albumId = (await ok(await a.post('/api/albums', { name: 'Walk', assetIds: [assetId] }), 'album')).album.id;
  const spareAlbumId = (await ok(await a.post('/api/albums', { name: 'Spare' }), 'album')).album.id;
  // bob is a viewer of the walk album (the member routes change and remove him).
  await ok(await a.post(`/api/albums/${albumId}/members`, { username: 'bob', role: 'viewer' }), 'member');
  const publishedPhoto = await partyPhoto(4, { capturedAt: new Date('2026-04-01T12:00:00Z') });
  const publishedAssetId = (
    await ok(await postAssets(t.app, alice, [{ filename: 'published.jpg', data: publishedPhoto, type: 'image/jpeg' }]), 'published asset')
  ).results[0].asset.id as string;
  const publishedAlbumId = (await ok(await a.post('/api/albums', { name: 'Published', assetIds: [publishedAssetId] }), 'published album'))
    .album.id as string;
  const link = (await ok(await a.post(`/api/albums/${publishedAlbumId}/links`, { allowUpload: true }), 'link')).link;
  const spareLink = (await ok(await a.post(`/api/albums/${publishedAlbumId}/links`, {}), 'spare link')).link;
  const contactId = (await ok(await a.post('/api/contacts', { name: 'Carol', phones: ['+4915110000009'] }), 'contact')).contact.id;
  const spareContactId = (await ok(await a.post('/api/contacts', { name: 'Dave' }), 'contact')).contact.id;
  const photoForm = await multipart([{ filename: 'carol.jpg', data: photo, type: 'image/jpeg' }]);
  await ok(
    await t.app.inject({
      method: 'PUT',
      url: `/api/contacts/${contactId}/photo`,
      payload: photoForm.payload,
      headers: { ...photoForm.headers, cookie: alice.cookie },
    }),
    'contact photo',
  );
  const tokenId = (await ok(await a.post('/api/me/tokens', { name: 'spare' }), 'token')).info.id;
  const ownerApiToken = (await ok(await a.post('/api/now-playing/scrobbler-token', { name: 'walk' }), 'scrobbler token')).token as string;
  const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'alice', password: 'password123' } });
  await ok(login, 'login');
  const spareOwnerCookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const otherLogin = await t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'mallory', password: 'password123' },
  });
  await ok(otherLogin, 'login');
  const spareOtherCookie = otherLogin.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const blockId = (await ok(await a.post('/api/inbox/blocks', { kind: 'host', value: 'spam.example' }), 'block')).id;
  const signingKeyId = (await ok(await a.post('/api/me/signing-keys', { name: 'walk' }), 'signing key')).key.id;
  const siteKeyOrigin = 'http://blog.test';
  const sk = (await ok(await a.post('/api/site-keys', { name: 'blog', origins: [siteKeyOrigin], targets: ['kith'] }), 'site key')).siteKey;
  const events = (await ok(await a.get('/api/events'), 'events')).events as Array<{ marker: string }>;
  const marker = events.find((e) => e.marker === 'abuse-party')?.marker ?? events[0].marker;
  const otherMarker = events.find((e) => e.marker !== marker)!.marker;

  const png = await patternPng(320, 240);
  const share = await ok(
    await a.post('/api/region-shares', {
      pageUrl: 'http://blog.test/post/1',
      imageUrl: 'http://blog.test/pattern.png',
      imageIndex: 0,
      rect: { x: 10, y: 10, width: 100, height: 80 },
      fraction: { x: 10 / 320, y: 10 / 240, width: 100 / 320, height: 80 / 240 },
      naturalWidth: 320,
      naturalHeight: 240,
      target: 'kith',
      imageData: png.toString('base64'),
    }),
    'region share',
  );

  // A reference face: with face analysis off the photo is stored unchecked (or refused: then none).
  const referenceFace = await multipart([{ filename: 'me.jpg', data: photo, type: 'image/jpeg' }]);
  const ref = await t.app.inject({
    method: 'POST',
    url: '/api/me/reference-faces',
    payload: referenceFace.payload,
    headers: { ...referenceFace.headers, cookie: alice.cookie },
  });
  const refFaceId =
    ref.statusCode === 201 ? (ref.json().faces?.[0]?.id ?? ref.json().face?.id ?? crypto.randomUUID()) : crypto.randomUUID();

  const { personId, otherPersonId, faceId, splitFaceId } = await insertPeople(t, alice.id, assetId);
  const ex = await exchangeFixtures(t, alice, bob);
  const { exchange, freshExchange, guestEndsExchange, joinInvite, declineInvite, toAccept, toDecline, toBlock } = ex;
  await t.container.jobs.drain();

  const shareId = share.share.id as string;
  return {
    owner: alice,
    other: mallory,
    bob,
    guestToken: exchange.guestToken,
    assetId,
    spareAssetId,
    albumId,
    spareAlbumId,
    contactId,
    spareContactId,
    tokenId,
    marker,
    otherMarker,
    personId,
    otherPersonId,
    faceId,
    splitFaceId,
    refFaceId,
    shareId,
    siteKeyId: sk.id,
    siteKeyOrigin,
    siteKey: sk.key,
    blockId,
    signingKeyId,
    exchange,
    freshExchange,
    guestEndsExchange,
    joinInvite,
    declineInvite,
    toAccept,
    toDecline,
    toBlock,
    link: { id: link.id, key: link.key, spareId: spareLink.id, assetId: publishedAssetId, photo: publishedPhoto },
    secrets: [
      link.id,
      spareLink.id,
      spareLink.key,
      assetId,
      spareAssetId,
      albumId,
      spareAlbumId,
      contactId,
      spareContactId,
      tokenId,
      personId,
      otherPersonId,
      faceId,
      splitFaceId,
      shareId,
      sk.key,
      blockId,
      exchange.id,
      exchange.guestToken,
      freshExchange.id,
      freshExchange.guestToken,
      guestEndsExchange.id,
      guestEndsExchange.guestToken,
      joinInvite,
      declineInvite,
      alice.cookie.split('=')[1],
      ownerApiToken,
      spareOwnerCookie.split('=')[1],
    ],
    ownerApiToken,
    spareOwnerCookie,
    spareOtherCookie,
    photo,
  };
}
