import exifr from 'exifr';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, engines, signup, type TestApp, type TestUser } from '../helpers/test-app.js';
import type { RecordingSocket } from '../helpers/recording-socket.js';
import { aliceAndBobListening, gpsPhoto, postCapture, requestExchange } from '../helpers/exchanges.js';
import { partyPhoto, postAssets } from '../helpers/photos.js';

// Exchanges (the image-exchange-and-synthesis seed step 101, [0083]–[0098]): exchange mode between two accounts, end to end over the API and socket.io.
describe.each(engines)('exchanges between two accounts on %s', (engine) => {
  let t: TestApp;
  let alice: TestUser, bob: TestUser;
  let sa: RecordingSocket, sb: RecordingSocket;

  beforeAll(async () => {
    t = await createTestApp(engine);
    ({ alice, bob, sa, sb } = await aliceAndBobListening(t.app));
  });
  afterAll(async () => {
    sa?.close();
    sb?.close();
    await t?.close();
  });

  it('exchanges the two images only when both are in, strips GPS, saves each into a library on request', async () => {
    const { exchange } = await requestExchange(t.app, alice, { mode: 'exchange', to: 'bob@kith.test' });
    expect(exchange).toMatchObject({
      status: 'pending',
      role: 'requester',
      partner: { kind: 'account', username: 'bob', displayName: 'Bob B.' },
    });
    const id: string = exchange.id;
    const asked = await sb.next('exchange.requested', (e) => e.exchange.id === id);
    expect(asked.exchange).toMatchObject({ role: 'responder', partner: { username: 'alice' }, mode: 'exchange' });
    // Bob's incoming request is listed first.
    expect((await as(t.app, bob).get('/api/exchanges')).json().exchanges[0]).toMatchObject({ id, status: 'pending' });

    expect((await as(t.app, bob).post(`/api/exchanges/${id}/accept`)).json().exchange.status).toBe('active');
    await sa.next('exchange.updated', (e) => e.exchangeId === id && e.status === 'active');

    const aliceShot = await gpsPhoto(1);
    expect((await exifr.gps(aliceShot))?.latitude).toBeCloseTo(52.52, 2); // the input really carries GPS
    const first = await postCapture(t.app, `/api/exchanges/${id}/captures`, aliceShot, alice);
    expect(first.statusCode).toBe(200);
    expect(first.json().exchange.rounds[0]).toMatchObject({ phase: 'waiting', requesterCaptured: true, responderCaptured: false });
    await sb.next('exchange.updated', (e) => e.exchangeId === id && e.requesterCaptured && !e.responderCaptured);
    // Bob cannot see Alice's image before his own is in.
    const bobView = (await as(t.app, bob).get(`/api/exchanges/${id}`)).json().exchange;
    expect(bobView.rounds[0].images).toEqual({});
    expect((await as(t.app, bob).get(`/api/exchanges/${id}/rounds/1/requester`)).statusCode).toBe(404);
    // A second capture by the same side is refused.
    expect((await postCapture(t.app, `/api/exchanges/${id}/captures`, aliceShot, alice)).json().code).toBe('already_captured');

    const second = await postCapture(t.app, `/api/exchanges/${id}/captures`, await gpsPhoto(2), bob);
    expect(second.json().exchange.rounds[0]).toMatchObject({ phase: 'done', resultMode: 'exchange' });
    await sa.next('exchange.updated', (e) => e.exchangeId === id && e.phase === 'done');
    const images = (await as(t.app, alice).get(`/api/exchanges/${id}`)).json().exchange.rounds[0].images;
    expect(images).toEqual({ requester: `/api/exchanges/${id}/rounds/1/requester`, responder: `/api/exchanges/${id}/rounds/1/responder` });

    const received = await as(t.app, bob).get(`/api/exchanges/${id}/rounds/1/requester`);
    expect(received.statusCode).toBe(200);
    expect(received.headers['content-type']).toBe('image/jpeg');
    expect(await exifr.gps(received.rawPayload)).toBeUndefined();
    expect((await sharp(received.rawPayload).metadata()).exif).toBeUndefined();
    expect((await sharp(received.rawPayload).metadata()).width).toBe(640);
    // Someone else never reaches it.
    const carol = await signup(t.app, 'carol');
    expect((await as(t.app, carol).get(`/api/exchanges/${id}/rounds/1/requester`)).statusCode).toBe(404);

    await t.container.jobs.drain();
    for (const u of [alice, bob]) {
      // The images stay in the exchange until saved.
      expect((await as(t.app, u).get('/api/albums')).json().albums.filter((a: any) => a.name === 'Exchanges')).toEqual([]);
      for (const which of ['requester', 'responder'])
        expect((await as(t.app, u).post(`/api/exchanges/${id}/rounds/1/${which}/save`)).json().outcome).toBe('saved');
      const albums = (await as(t.app, u).get('/api/albums')).json().albums.filter((a: any) => a.name === 'Exchanges');
      expect(albums).toHaveLength(1);
      expect(albums[0].assetCount).toBe(2);
      // Exchange images are never routed on to the people in them (only the two of them shared them).
      const ids: string[] = (await as(t.app, u).get(`/api/albums/${albums[0].id}`)).json().album.assets.map((a: any) => a.id);
      expect(ids).toHaveLength(2);
      for (const assetId of ids) expect(await t.container.routingRepo.isReceived(assetId)).toBe(true);
    }
    const own = (await postAssets(t.app, alice, [{ filename: 'own.jpg', data: await partyPhoto(5) }])).json().results[0].asset;
    expect(await t.container.routingRepo.isReceived(own.id)).toBe(false);
  });

  it('reacts, runs another round and ends; both sides hear each step', async () => {
    const { exchange } = await requestExchange(t.app, alice, { mode: 'exchange', to: 'bob' });
    const id = exchange.id;
    await as(t.app, bob).post(`/api/exchanges/${id}/accept`);
    expect((await as(t.app, alice).post(`/api/exchanges/${id}/rounds`)).json().code).toBe('round_in_progress');
    await postCapture(t.app, `/api/exchanges/${id}/captures`, await gpsPhoto(3), alice);
    await postCapture(t.app, `/api/exchanges/${id}/captures`, await gpsPhoto(4), bob);
    const reacted = await as(t.app, bob).post(`/api/exchanges/${id}/rounds/1/reactions`, { emoji: '🎉' });
    expect(reacted.json().exchange.rounds[0].reactions).toEqual([{ by: 'responder', emoji: '🎉' }]);
    expect(await sa.next('exchange.reaction', (e) => e.exchangeId === id)).toEqual({
      exchangeId: id,
      round: 1,
      by: 'responder',
      emoji: '🎉',
    });
    expect((await as(t.app, bob).post(`/api/exchanges/${id}/rounds/1/reactions`, { emoji: '💩' })).statusCode).toBe(400);

    const next = (await as(t.app, bob).post(`/api/exchanges/${id}/rounds`)).json().exchange;
    expect(next.rounds.map((r: any) => [r.n, r.phase])).toEqual([
      [1, 'done'],
      [2, 'waiting'],
    ]);
    await sa.next('exchange.updated', (e) => e.exchangeId === id && e.round === 2 && e.phase === 'waiting');
    expect((await as(t.app, alice).post(`/api/exchanges/${id}/end`)).json().exchange.status).toBe('ended');
    await sb.next('exchange.updated', (e) => e.exchangeId === id && e.status === 'ended');
    expect((await postCapture(t.app, `/api/exchanges/${id}/captures`, await gpsPhoto(3), alice)).json().code).toBe('exchange_not_active');
  });
});
