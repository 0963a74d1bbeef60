import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { as, createTestApp, engines, signup, type TestApp, type TestUser } from '../helpers/test-app.js';
import { multipart, postAssets, partyPath, partyPhoto } from '../helpers/photos.js';

describe.each(engines)('assets on %s', (engine) => {
  let t: TestApp;
  let alice: TestUser;
  let bob: TestUser;
  const upload = (user: TestUser, files: Parameters<typeof multipart>[0], fields?: Record<string, string>) =>
    postAssets(t.app, user, files, fields);
  const blobFiles = () => {
    const root = path.join(t.config.dataDir, 'blobs');
    const out: string[] = [];
    const walk = (d: string) =>
      fs.readdirSync(d, { withFileTypes: true }).forEach((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : out.push(e.name)));
    if (fs.existsSync(root)) walk(root);
    return out;
  };
  const tmpFiles = () => fs.readdirSync(path.join(t.config.dataDir, 'tmp'));

  beforeAll(async () => {
    t = await createTestApp(engine, { maxUploadBytes: 400_000, maxImagePixels: 4_000_000 });
    alice = await signup(t.app, 'alice');
    bob = await signup(t.app, 'bob');
  });
  afterAll(async () => t?.close());

  it('stores a real photo, reads EXIF time, GPS and camera, and makes WebP thumbnail and preview', async () => {
    const jpeg = await partyPhoto(1, {
      width: 1600,
      capturedAt: new Date('2026-06-13T19:30:00Z'),
      gps: { latitude: 52.52, longitude: 13.405 },
    });
    const res = await upload(alice, [{ filename: 'party.jpg', data: jpeg, type: 'image/jpeg' }]);
    expect(res.statusCode).toBe(200);
    const [r] = res.json().results;
    expect(r.status).toBe('created');
    expect(r.asset).toMatchObject({
      capturedAt: '2026-06-13T19:30:00.000Z',
      capturedAtSource: 'exif',
      width: 1600,
      mime: 'image/jpeg',
      camera: { make: 'Kith', model: 'Party Cam' },
    });
    expect(r.asset.latitude).toBeCloseTo(52.52, 3);
    expect(r.asset.longitude).toBeCloseTo(13.405, 3);
    await t.container.jobs.drain();
    const thumb = await as(t.app, alice).get(`/api/assets/${r.asset.id}/thumbnail`);
    expect(thumb.headers['content-type']).toBe('image/webp');
    const tm = await sharp(thumb.rawPayload).metadata();
    expect(Math.min(tm.width!, tm.height!)).toBe(250);
    const preview = await sharp((await as(t.app, alice).get(`/api/assets/${r.asset.id}/preview`)).rawPayload).metadata();
    expect(Math.max(preview.width!, preview.height!)).toBe(1440);
    const original = await as(t.app, alice).get(`/api/assets/${r.asset.id}/original`);
    expect(Buffer.compare(original.rawPayload, jpeg)).toBe(0);
    expect((await as(t.app, alice).get(`/api/assets/${r.asset.id}`)).json().asset.ready).toBe(true);
  });

  it('gives the existing asset back for the same bytes', async () => {
    const jpeg = await partyPhoto(2);
    const first = (await upload(alice, [{ filename: 'a.jpg', data: jpeg }])).json().results[0];
    const again = (await upload(alice, [{ filename: 'b.jpg', data: jpeg }])).json().results[0];
    expect(again.status).toBe('duplicate');
    expect(again.asset.id).toBe(first.asset.id);
  });

  it('verifies by decoding, not by name: PNG, WebP, AVIF, GIF and TIFF are accepted', async () => {
    const base = sharp(partyPath(3)).resize(320);
    const files = await Promise.all(
      (['png', 'webp', 'avif', 'gif', 'tiff'] as const).map(async (f) => ({
        filename: `photo.jpg`,
        data: await base.clone().toFormat(f).toBuffer(),
      })),
    );
    const res = await upload(alice, files);
    expect(res.json().results.map((r: any) => r.asset?.mime)).toEqual(['image/png', 'image/webp', 'image/avif', 'image/gif', 'image/tiff']);
  });

  it('answers 415 unsupported_media_type for a file that is not an image', async () => {
    const res = await upload(alice, [{ filename: 'photo.jpg', data: Buffer.from('%PDF-1.7 not a photo at all'), type: 'image/jpeg' }]);
    expect(res.statusCode).toBe(415);
    expect(res.json().code).toBe('unsupported_media_type');
  });

  it('answers 422 invalid_image for a truncated JPEG, a corrupt one and zero bytes', async () => {
    const jpeg = fs.readFileSync(partyPath(4));
    const cut = await upload(alice, [{ filename: 'cut.jpg', data: jpeg.subarray(0, Math.floor(jpeg.length / 3)) }]);
    expect(cut.statusCode).toBe(422);
    expect(cut.json().code).toBe('invalid_image');
    const corrupt = Buffer.from(jpeg);
    corrupt.fill(0x5a, 2, 600); // JPEG signature intact, headers and tables destroyed
    const bad = await upload(alice, [{ filename: 'corrupt.jpg', data: corrupt }]);
    expect(bad.statusCode).toBe(422);
    expect(bad.json().code).toBe('invalid_image');
    const empty = await upload(alice, [{ filename: 'empty.jpg', data: Buffer.alloc(0) }]);
    expect(empty.statusCode).toBe(422);
    expect(empty.json().code).toBe('invalid_image');
  });

  it('answers 413 payload_too_large over the byte limit, keeping no partial file', async () => {
    const big = Buffer.concat([fs.readFileSync(partyPath(5)), Buffer.alloc(500_000)]);
    await t.container.jobs.drain();
    const before = blobFiles().length;
    const res = await upload(alice, [{ filename: 'big.jpg', data: big }]);
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('payload_too_large');
    expect(blobFiles().length).toBe(before);
    expect(tmpFiles()).toEqual([]);
  });

  it('answers 422 image_too_large for a decompression bomb over the pixel limit', async () => {
    // 3000×3000 of flat colour: a few KB of PNG, 9 MP decoded (limit here is 4 MP).
    const bomb = await sharp({ create: { width: 3000, height: 3000, channels: 3, background: '#888' } })
      .png({ compressionLevel: 9 })
      .toBuffer();
    expect(bomb.length).toBeLessThan(100_000);
    const res = await upload(alice, [{ filename: 'bomb.png', data: bomb }]);
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('image_too_large');
  });

  it('does not fail the good files of a batch because of a bad one', async () => {
    const good = await partyPhoto(6, { width: 500 });
    const res = await upload(alice, [
      { filename: 'good.jpg', data: good },
      { filename: 'bad.jpg', data: Buffer.from('nope') },
    ]);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ created: 1, failed: 1 });
    expect(body.results[1].error.code).toBe('unsupported_media_type');
  });

  it('leaves no file and no row when the client goes away mid-upload', async () => {
    await t.container.jobs.drain();
    const rowsBefore = (await t.container.db.selectFrom('asset').select('id').execute()).length;
    const blobsBefore = blobFiles().length;
    const { payload, headers } = await multipart([{ filename: 'x.jpg', data: await partyPhoto(1, { width: 900 }) }]);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/assets',
      headers: { ...headers, cookie: alice.cookie },
      payload: payload.subarray(0, Math.floor(payload.length / 2)), // body ends before the boundary
    });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect((await t.container.db.selectFrom('asset').select('id').execute()).length).toBe(rowsBefore);
    expect(blobFiles().length).toBe(blobsBefore);
    expect(tmpFiles()).toEqual([]);
  });

  it('leaves no file and no row when a real TCP client is cut off mid-file', async () => {
    await t.container.jobs.drain();
    const rowsBefore = (await t.container.db.selectFrom('asset').select('id').execute()).length;
    const blobsBefore = blobFiles().length;
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as { port: number };
    const { payload, headers } = await multipart([{ filename: 'cut.jpg', data: await partyPhoto(3, { width: 1400 }) }]);
    const req = http.request({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: '/api/assets',
      headers: { ...headers, cookie: alice.cookie, 'content-length': payload.length },
    });
    req.on('error', () => undefined);
    req.write(payload.subarray(0, Math.floor(payload.length * 0.6)));
    await vi.waitFor(() => expect(tmpFiles()).toHaveLength(1), { timeout: 10_000 }); // the server is spooling it
    req.destroy(); // the connection drops with 40% of the file unsent
    await vi.waitFor(() => expect(tmpFiles()).toEqual([]), { timeout: 10_000 });
    expect((await t.container.db.selectFrom('asset').select('id').execute()).length).toBe(rowsBefore);
    expect(blobFiles().length).toBe(blobsBefore);
  });

  it('pages the timeline by capture time, newest first', async () => {
    const carol = await signup(t.app, 'carol-timeline');
    for (let i = 0; i < 5; i++)
      await upload(carol, [
        { filename: `${i}.jpg`, data: await partyPhoto(1 + i, { width: 300, capturedAt: new Date(Date.UTC(2026, 0, 1 + i)) }) },
      ]);
    const p1 = (await as(t.app, carol).get('/api/assets?limit=2')).json();
    const p2 = (await as(t.app, carol).get(`/api/assets?limit=2&cursor=${p1.nextCursor}`)).json();
    const p3 = (await as(t.app, carol).get(`/api/assets?limit=2&cursor=${p2.nextCursor}`)).json();
    const days = [...p1.items, ...p2.items, ...p3.items].map((a: any) => a.capturedAt.slice(0, 10));
    expect(days).toEqual(['2026-01-05', '2026-01-04', '2026-01-03', '2026-01-02', '2026-01-01']);
    expect(p3.nextCursor).toBeNull();
    expect((await as(t.app, carol).get('/api/assets?cursor=garbage')).json().code).toBe('invalid_cursor');
  });

  it("answers 404 not_found (never 403) for another user's asset, and deletes my own with its blobs", async () => {
    const mine = (await upload(alice, [{ filename: 'del.jpg', data: await partyPhoto(2, { width: 333 }) }])).json().results[0].asset;
    for (const url of [`/api/assets/${mine.id}`, `/api/assets/${mine.id}/original`, `/api/assets/${mine.id}/thumbnail`]) {
      const res = await as(t.app, bob).get(url);
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('not_found');
    }
    expect((await as(t.app, bob).delete(`/api/assets/${mine.id}`)).statusCode).toBe(404);
    await t.container.jobs.drain();
    const row = await t.container.db.selectFrom('asset').selectAll().where('id', '=', mine.id).executeTakeFirstOrThrow();
    expect((await as(t.app, alice).delete(`/api/assets/${mine.id}?force=true`)).statusCode).toBe(204);
    expect(await t.container.blobs.has(row.sha256)).toBe(false);
    expect(await t.container.blobs.has(row.thumbnail_sha256!)).toBe(false);
    expect((await as(t.app, alice).get(`/api/assets/${mine.id}`)).statusCode).toBe(404);
  });

  it('re-queues the jobs a crash lost: missing previews and unplaced photos', async () => {
    const dave = await signup(t.app, 'dave-crash');
    const res = await upload(dave, [
      { filename: 'lost.jpg', data: await partyPhoto(4, { width: 500, capturedAt: new Date('2026-02-02T20:00:00Z') }) },
    ]);
    const id = res.json().results[0].asset.id;
    await t.container.jobs.drain();
    // As if the process died before its jobs ran: no preview, not placed in an event.
    await t.container.db.updateTable('asset').set({ preview_sha256: null, events_detected: 0 }).where('id', '=', id).execute();
    await t.container.db.deleteFrom('event').where('owner_id', '=', dave.id).execute();
    expect(await t.container.assets.requeueLostJobs()).toBeGreaterThanOrEqual(2);
    await t.container.jobs.drain();
    expect((await as(t.app, dave).get(`/api/assets/${id}`)).json().asset).toMatchObject({
      ready: true,
      markers: [expect.stringMatching(/^ev-20260202-/)],
    });
  });

  it('answers 401 without a session', async () => {
    const { payload, headers } = await multipart([{ filename: 'x.jpg', data: await partyPhoto(1, { width: 200 }) }]);
    expect((await t.app.inject({ method: 'POST', url: '/api/assets', payload, headers })).statusCode).toBe(401);
  });
});
