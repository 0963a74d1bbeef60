import exifr from 'exifr';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExchangeComposer } from '../../src/exchanges/composer-port.js';
import { as, createTestApp, engines, type TestApp, type TestUser } from '../helpers/test-app.js';
import type { RecordingSocket } from '../helpers/recording-socket.js';
import { aliceAndBobListening, gpsPhoto, postCapture, requestExchange } from '../helpers/exchanges.js';

/**
 * A stand-in compositor (the real one is tested in exchange-synthesis.test.ts): the two images side by side,
 * held until released so the test sees the `composing` phase; `fail` makes the next call throw.
 */
function recordingComposer() {
  const calls: Array<{ requester: Buffer; responder: Buffer }> = [];
  let release!: () => void;
  let gate = new Promise<void>((r) => (release = r));
  const composer: ExchangeComposer & { fail: boolean } = {
    fail: false,
    async compose(a, b) {
      calls.push({ requester: Buffer.from(a), responder: Buffer.from(b) });
      await gate;
      gate = new Promise<void>((r) => (release = r));
      if (composer.fail) throw new Error('segmentation crashed');
      const [left, right] = await Promise.all([a, b].map((x) => sharp(x).resize({ height: 400 }).toBuffer({ resolveWithObject: true })));
      const width = left.info.width + right.info.width;
      const bytes = await sharp({ create: { width, height: 400, channels: 3, background: '#000' } })
        .composite([
          { input: left.data, left: 0, top: 0 },
          { input: right.data, left: left.info.width, top: 0 },
        ])
        .jpeg()
        .toBuffer();
      return {
        bytes,
        width,
        height: 400,
        mode: 'diptych',
        note: 'no person found: side-by-side instead',
        timings: { segmentationMs: 1, totalMs: 2 },
      };
    },
  };
  return { composer, calls, release: () => release() };
}

// Exchange synthesis mode: when both images are in, the server composes one photo and both sides get it at once.
describe.each(engines)('synthesis rounds on %s', (engine) => {
  let t: TestApp;
  let alice: TestUser, bob: TestUser;
  let sa: RecordingSocket, sb: RecordingSocket;
  const fake = recordingComposer();

  beforeAll(async () => {
    t = await createTestApp(engine, {}, { composer: fake.composer });
    ({ alice, bob, sa, sb } = await aliceAndBobListening(t.app));
  });
  afterAll(async () => {
    sa?.close();
    sb?.close();
    await t?.close();
  });

  it('composes once both are in, shows composing, then the result to both at once, saved in both libraries', async () => {
    const { exchange } = await requestExchange(t.app, alice, { mode: 'synthesis', to: 'bob' });
    const id = exchange.id;
    await as(t.app, bob).post(`/api/exchanges/${id}/accept`);
    await postCapture(t.app, `/api/exchanges/${id}/captures`, await gpsPhoto(1), alice);
    const second = await postCapture(t.app, `/api/exchanges/${id}/captures`, await gpsPhoto(2), bob);
    expect(second.json().exchange.rounds[0]).toMatchObject({ phase: 'composing', requesterCaptured: true, responderCaptured: true });
    await Promise.all([sa, sb].map((s) => s.next('exchange.updated', (e) => e.exchangeId === id && e.phase === 'composing')));
    // The compositor gets the clean copies, requester's first.
    await until(() => fake.calls.length === 1);
    expect(await exifr.gps(fake.calls[0].requester)).toBeUndefined();
    expect((await sharp(fake.calls[0].requester).metadata()).width).toBe(640);
    fake.release();

    const [doneA, doneB] = await Promise.all(
      [sa, sb].map((s) => s.next('exchange.updated', (e) => e.exchangeId === id && e.phase === 'done')),
    );
    expect(doneA).toEqual(doneB);
    expect(doneA).toMatchObject({ resultMode: 'diptych', note: 'no person found: side-by-side instead' });
    const round = (await as(t.app, bob).get(`/api/exchanges/${id}`)).json().exchange.rounds[0];
    expect(round.images.result).toBe(`/api/exchanges/${id}/rounds/1/result`);
    const result = await as(t.app, alice).get(round.images.result);
    expect(result.headers['content-type']).toBe('image/jpeg');
    expect((await sharp(result.rawPayload).metadata()).height).toBe(400);

    await t.container.jobs.drain();
    for (const u of [alice, bob]) {
      for (const which of ['requester', 'responder', 'result'])
        expect((await as(t.app, u).post(`/api/exchanges/${id}/rounds/1/${which}/save`)).json().outcome).toBe('saved');
      const album = (await as(t.app, u).get('/api/albums')).json().albums.find((a: any) => a.name === 'Exchanges');
      expect(album.assetCount).toBe(3);
    }
  });

  it('a compositor failure fails the round with a note; another round can follow', async () => {
    const { exchange } = await requestExchange(t.app, alice, { mode: 'synthesis', to: 'bob' });
    const id = exchange.id;
    await as(t.app, bob).post(`/api/exchanges/${id}/accept`);
    fake.composer.fail = true;
    await postCapture(t.app, `/api/exchanges/${id}/captures`, await gpsPhoto(3), alice);
    await postCapture(t.app, `/api/exchanges/${id}/captures`, await gpsPhoto(4), bob);
    await until(() => fake.calls.length === 2);
    fake.release();
    const failed = await sb.next('exchange.updated', (e) => e.exchangeId === id && e.phase === 'failed');
    expect(failed.note).toMatch(/could not be made/);
    fake.composer.fail = false;
    expect((await as(t.app, bob).post(`/api/exchanges/${id}/rounds`)).json().exchange.rounds[1]).toMatchObject({ n: 2, phase: 'waiting' });
  });
});

/** Polls (no timed assertion: the test timeout bounds it). */
async function until(check: () => boolean) {
  while (!check()) await new Promise((r) => setTimeout(r, 20));
}
