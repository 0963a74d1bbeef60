import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, engines, signup, type TestApp, type TestUser } from '../helpers/test-app.js';
import type { RecordingSocket } from '../helpers/recording-socket.js';
import { aliceAndBobListening, gpsPhoto, postCapture, requestExchange } from '../helpers/exchanges.js';
import { postAssets } from '../helpers/photos.js';

/**
 * Exchange images stay in the exchange: a finished round adds nothing to either library. A
 * participant saves an image on request, once, and an image sent from a photo already in the
 * library files that photo instead of a re-encoded copy without its date.
 */
describe.each(engines)('exchange images and the library on %s', (engine) => {
  let t: TestApp;
  let alice: TestUser, bob: TestUser;
  let sa: RecordingSocket, sb: RecordingSocket;

  const library = async (u: TestUser) =>
    (await as(t.app, u).get('/api/assets')).json().items as Array<{ id: string; originalName: string }>;
  const exchangesAlbum = async (u: TestUser) => {
    const album = (await as(t.app, u).get('/api/albums')).json().albums.find((a: any) => a.name === 'Exchanges');
    return album ? ((await as(t.app, u).get(`/api/albums/${album.id}`)).json().album.assets as Array<{ id: string }>).map((a) => a.id) : [];
  };
  const save = (u: TestUser, id: string, n: number, which: string) => as(t.app, u).post(`/api/exchanges/${id}/rounds/${n}/${which}/save`);

  beforeAll(async () => {
    t = await createTestApp(engine);
    ({ alice, bob, sa, sb } = await aliceAndBobListening(t.app));
  });
  afterAll(async () => {
    sa?.close();
    sb?.close();
    await t?.close();
  });

  it('adds nothing to the libraries when a round is done; saving files one photo, once, never a copy of the original', async () => {
    const picked = await gpsPhoto(1);
    const original = (await postAssets(t.app, alice, [{ filename: 'picked.jpg', data: picked }])).json().results[0].asset;
    await t.container.jobs.drain();
    const { exchange } = await requestExchange(t.app, alice, { mode: 'exchange', to: 'bob' });
    const id: string = exchange.id;
    await as(t.app, bob).post(`/api/exchanges/${id}/accept`);
    await postCapture(t.app, `/api/exchanges/${id}/captures`, picked, alice);
    // Bob may not save alice's image before his own is in.
    expect((await save(bob, id, 1, 'requester')).json().code).toBe('not_found');
    const done = await postCapture(t.app, `/api/exchanges/${id}/captures`, await gpsPhoto(2), bob);
    expect(done.json().exchange.rounds[0].phase).toBe('done');
    await t.container.jobs.drain();

    // The flood: nothing joined either library or any album.
    expect((await library(alice)).map((a) => a.id)).toEqual([original.id]);
    expect(await library(bob)).toEqual([]);
    expect(await exchangesAlbum(alice)).toEqual([]);

    // Alice's own image came from a photo in her library: that photo is filed, no copy made.
    const mine = await save(alice, id, 1, 'requester');
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toEqual({ assetId: original.id, outcome: 'original' });
    expect((await library(alice)).map((a) => a.id)).toEqual([original.id]);

    // Bob's image is new to her: saved once; saving again gives the same photo.
    const theirs = (await save(alice, id, 1, 'responder')).json();
    expect(theirs.outcome).toBe('saved');
    expect((await save(alice, id, 1, 'responder')).json()).toEqual({ assetId: theirs.assetId, outcome: 'already_saved' });
    expect((await library(alice)).map((a) => a.id).sort()).toEqual([original.id, theirs.assetId].sort());
    expect((await exchangesAlbum(alice)).sort()).toEqual([original.id, theirs.assetId].sort());
    // A saved exchange image is received, never routed on to the people in it.
    expect(await t.container.routingRepo.isReceived(theirs.assetId)).toBe(true);

    // Bob has no original of alice's photo: he gets one copy of it, in his own library.
    const bobSaved = (await save(bob, id, 1, 'requester')).json();
    expect(bobSaved.outcome).toBe('saved');
    expect((await library(bob)).map((a) => a.id)).toEqual([bobSaved.assetId]);

    // Others cannot reach the round, nor a round that does not exist.
    const carol = await signup(t.app, 'carol');
    expect((await save(carol, id, 1, 'requester')).statusCode).toBe(404);
    expect((await save(alice, id, 9, 'requester')).json().code).toBe('not_found');
    expect((await save(alice, id, 1, 'result')).json().code).toBe('not_found'); // exchange mode makes no composite
  });
});
