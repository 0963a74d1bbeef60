import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { descriptorFromBytes, DESCRIPTOR_DIMS } from '@kith/faces';
import { postAssets, partyPath } from '../helpers/photos.js';
import { as, createTestApp, engines, signup, type TestApp, type TestUser } from '../helpers/test-app.js';

describe.each(engines)('face analysis of uploads on %s', (engine) => {
  let t: TestApp;
  let alice: TestUser;
  const upload = async (user: TestUser, name: string, data: Buffer) => {
    const res = await postAssets(t.app, user, [{ filename: name, data, type: 'image/jpeg' }]);
    expect(res.json().results[0].status).toBe('created');
    return res.json().results[0].asset.id as string;
  };
  const party = (n: number, width = 1600) => sharp(partyPath(n)).resize({ width }).jpeg({ quality: 88 }).toBuffer();

  beforeAll(async () => {
    t = await createTestApp(engine, { faceAnalysis: true, faceWorkers: 1 });
    alice = await signup(t.app, 'alice');
  });
  afterAll(async () => t?.close());

  it('finds the faces of an uploaded photo: boxes, descriptors, crops, model version', async () => {
    const id = await upload(alice, 'party1.jpg', await party(1));
    await t.container.jobs.drain();
    const res = await as(t.app, alice).get(`/api/assets/${id}/faces`);
    expect(res.statusCode).toBe(200);
    const { faces, analysed } = res.json();
    expect(analysed).toBe(true);
    // Party photo 1 shows three guests, all facing the camera.
    expect(faces).toHaveLength(3);
    for (const f of faces) {
      expect(f.box.x).toBeGreaterThanOrEqual(0);
      expect(f.box.x + f.box.width).toBeLessThanOrEqual(1600 + 1);
      expect(f.boxNorm.width).toBeCloseTo(f.box.width / 1600, 3);
      expect(f.quality.eyeDistancePx).toBeGreaterThan(50);
      expect(f.modelVersion).toBe(t.container.faceAnalyser.modelVersion);
      const crop = await as(t.app, alice).get(f.thumbnailUrl);
      expect(crop.headers['content-type']).toBe('image/webp');
      const meta = await sharp(crop.rawPayload).metadata();
      expect([meta.width, meta.height]).toEqual([160, 160]);
    }
    const stored = await t.container.db.selectFrom('face').select(['descriptor', 'model']).where('asset_id', '=', id).execute();
    expect(stored.map((r) => descriptorFromBytes(r.descriptor).length)).toEqual(
      stored.map((r) => DESCRIPTOR_DIMS[r.model as 'faceplugin']),
    );
  });

  it('is idempotent: a forced re-run replaces the faces with the same ids and rows', async () => {
    const id = await upload(alice, 'party2.jpg', await party(2));
    await t.container.jobs.drain();
    const before = (await as(t.app, alice).get(`/api/assets/${id}/faces`)).json().faces;
    expect(before.length).toBeGreaterThan(1);
    await t.container.faces.analysis.analyseAsset(id, { force: true });
    const after = (await as(t.app, alice).get(`/api/assets/${id}/faces`)).json().faces;
    expect(after.map((f: { id: string }) => f.id)).toEqual(before.map((f: { id: string }) => f.id));
    const count = await t.container.db
      .selectFrom('face')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('asset_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(before.length);
  });

  it('reports progress and re-indexes photos analysed with another model version', async () => {
    const status = (await as(t.app, alice).get('/api/faces/status')).json();
    expect(status).toMatchObject({ enabled: true, total: 2, done: 2 });
    expect(status.faces).toBeGreaterThanOrEqual(5);
    await t.container.db.updateTable('asset').set({ faces_model_version: 'older@0' }).where('owner_id', '=', alice.id).execute();
    expect((await as(t.app, alice).get('/api/faces/status')).json()).toMatchObject({ total: 2, done: 0 });
    const res = await as(t.app, alice).post('/api/faces/reindex');
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ queued: 2 });
    await t.container.jobs.drain();
    expect((await as(t.app, alice).get('/api/faces/status')).json()).toMatchObject({ total: 2, done: 2, faces: status.faces });
  });

  it('re-indexes at start a library described by another face model (an upgrade), and only that one', async () => {
    const bob = await signup(t.app, 'bobby');
    const bobPhoto = await upload(bob, 'bob.jpg', await party(4, 900));
    await t.container.jobs.drain();
    // Alice's photos as an older model left them; Bob's are current.
    await t.container.db.updateTable('asset').set({ faces_model_version: 'older@0' }).where('owner_id', '=', alice.id).execute();
    expect((await as(t.app, alice).get('/api/faces/status')).json()).toMatchObject({ total: 2, done: 0 });
    // What `kith serve` and `kith worker` run at start: one re-index job, for Alice alone.
    expect(await t.container.faces.requeueUnanalysed()).toBe(1);
    await t.container.jobs.drain();
    expect((await as(t.app, alice).get('/api/faces/status')).json()).toMatchObject({ total: 2, done: 2 });
    expect((await as(t.app, bob).get(`/api/assets/${bobPhoto}/faces`)).json().analysed).toBe(true);
    // Nothing left on another model: the next start queues nothing.
    expect(await t.container.faces.requeueUnanalysed()).toBe(0);
  });

  it("keeps people and crops to the owner, and removes a deleted photo's face crops", async () => {
    const id = await upload(alice, 'party3.jpg', await party(3));
    await t.container.jobs.drain();
    const faces = (await as(t.app, alice).get(`/api/assets/${id}/faces`)).json().faces;
    const bob = await signup(t.app, 'bob');
    expect((await as(t.app, bob).get(`/api/assets/${id}/faces`)).statusCode).toBe(404);
    expect((await as(t.app, bob).get(faces[0].thumbnailUrl)).statusCode).toBe(404);
    const shas = await t.container.db.selectFrom('face').select('thumbnail_sha256').where('asset_id', '=', id).execute();
    expect((await as(t.app, alice).delete(`/api/assets/${id}?force=true`)).statusCode).toBe(204);
    for (const s of shas) expect(await t.container.blobs.has(s.thumbnail_sha256!)).toBe(false);
  });
});
