import exifr from 'exifr';
import sharp from 'sharp';
import { CALIBRATION, descriptorDistance, type AnalysedFace } from '@kith/faces';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, engines, signup, type TestApp, type TestUser } from '../helpers/test-app.js';
import { listenAs, type RecordingSocket } from '../helpers/recording-socket.js';
import { urlOf } from '../helpers/now-playing.js';
import { partyPath } from '../helpers/photos.js';
import { postCapture, requestExchange, tokenOf } from '../helpers/exchanges.js';

/** A party photo (real people) at 1024 px wide, as a phone would send it, with GPS. */
const shot = (n: number) =>
  sharp(partyPath(n))
    .resize({ width: 1024 })
    .withExif({ IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '48/1 8/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '11/1 34/1 0/1' } })
    .jpeg()
    .toBuffer();

// Exchange synthesis mode with the real compositor (segmentation in the face pool) and real photos: a
// logged-in requester and a stranger; the composite reaches both at once and holds both people.
describe.each(engines)('synthesis with the real compositor on %s', (engine) => {
  let t: TestApp;
  let alice: TestUser;
  let sa: RecordingSocket;
  const fusion = (a: AnalysedFace, b: AnalysedFace) => descriptorDistance('fusion', a.descriptor, b.descriptor);

  beforeAll(async () => {
    t = await createTestApp(engine, { faceAnalysis: true, faceWorkers: 1, faceModel: 'fusion' });
    alice = await signup(t.app, 'alice');
    sa = await listenAs(await urlOf(t.app), alice);
  });
  afterAll(async () => {
    sa?.close();
    await t?.close();
  });

  it('composes the stranger into the requester’s group photo; both get the same composite, without GPS', async () => {
    const { exchange, invite } = await requestExchange(t.app, alice, { mode: 'synthesis', invite: true });
    const id = exchange.id;
    const join = await t.app.inject({
      method: 'POST',
      url: `/api/guest/exchanges/${tokenOf(invite.url)}/join`,
      payload: { displayName: 'Stranger' },
    });
    const guestToken = join.json().guestToken;
    const guest = await listenAs(await urlOf(t.app), { guestToken });
    try {
      // sample6: four people (the scene); sample1: the stranger's photo, whose largest face is the person cut out.
      const [scene, other] = await Promise.all([shot(6), shot(1)]);
      await postCapture(t.app, `/api/exchanges/${id}/captures`, scene, alice);
      const second = await postCapture(t.app, `/api/guest/exchanges/${guestToken}/captures`, other);
      expect(second.json().exchange.rounds[0].phase).toBe('composing');
      const [toAlice, toGuest] = await Promise.all(
        [sa, guest].map((s) => s.next('exchange.updated', (e) => e.exchangeId === id && (e.phase === 'done' || e.phase === 'failed'))),
      );
      expect(toAlice).toEqual(toGuest);
      expect(toAlice).toMatchObject({ phase: 'done', resultMode: 'synthesis', note: null });

      const round = (await t.app.inject({ method: 'GET', url: `/api/guest/exchanges/${guestToken}` })).json().exchange.rounds[0];
      const forGuest = await t.app.inject({ method: 'GET', url: round.images.result });
      const forAlice = await as(t.app, alice).get(`/api/exchanges/${id}/rounds/1/result`);
      expect(forGuest.statusCode).toBe(200);
      expect(forAlice.rawPayload.equals(forGuest.rawPayload)).toBe(true);
      expect(await exifr.gps(forAlice.rawPayload)).toBeUndefined();

      // Both people are in it: the stranger's face, and faces of the requester's group.
      const [a, b, composite] = await Promise.all([scene, other, forAlice.rawPayload].map((x) => t.container.faceAnalyser.analyse(x)));
      const threshold = CALIBRATION.fusion.threshold;
      const cutOut = b.faces.reduce((x, y) => (y.box.height > x.box.height ? y : x));
      expect(Math.min(...composite.faces.map((f) => fusion(f, cutOut)))).toBeLessThan(threshold);
      const fromScene = composite.faces.filter((f) => a.faces.some((g) => fusion(f, g) < threshold));
      expect(fromScene.length).toBeGreaterThanOrEqual(2);
      expect(composite.faces.length).toBeGreaterThanOrEqual(fromScene.length + 1);

      // The group photo stays in the exchange until alice keeps it.
      await t.container.jobs.drain();
      expect((await as(t.app, alice).post(`/api/exchanges/${id}/rounds/1/result/save`)).json().outcome).toBe('saved');
      const album = (await as(t.app, alice).get('/api/albums')).json().albums.find((x: any) => x.name === 'Exchanges');
      expect(album.assetCount).toBe(1);
    } finally {
      guest.close();
    }
  }, 150_000); // face analysis and segmentation of three photos on a shared 2-core machine
});
