import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postAssets, partyPath } from '../helpers/photos.js';
import { as, createTestApp, engines, signup, type TestApp, type TestUser } from '../helpers/test-app.js';

describe.each(engines)('a person’s cover and the trash on %s', (engine) => {
  let t: TestApp;
  let alice: TestUser;
  const upload = async (width: number) => {
    const data = await sharp(partyPath(1)).resize({ width }).jpeg({ quality: 90 }).toBuffer();
    const res = await postAssets(t.app, alice, [{ filename: `party-${width}.jpg`, data, type: 'image/jpeg' }]);
    return res.json().results[0].asset.id as string;
  };
  const covers = async () =>
    ((await as(t.app, alice).get('/api/people')).json().people as Array<{ id: string; coverUrl: string | null }>).map((p) => ({
      id: p.id,
      faceId: p.coverUrl?.split('/')[3] ?? null,
    }));
  const assetOfFace = async (faceId: string) =>
    (await t.container.db.selectFrom('face').select('asset_id').where('id', '=', faceId).executeTakeFirstOrThrow()).asset_id;

  beforeAll(async () => {
    t = await createTestApp(engine, { faceAnalysis: true, faceWorkers: 1 });
    alice = await signup(t.app, 'alice');
    // The same guests in two photos: people form, each with a face in both.
    await upload(1600);
    await upload(1000);
    await t.container.jobs.drain();
  });
  afterAll(async () => t?.close());

  it('takes the cover from a photo in the library when the chosen one is in the trash, and gives it back on restore', async () => {
    const before = await covers();
    expect(before.length).toBeGreaterThan(0);
    const person = before[0];
    const coverAsset = await assetOfFace(person.faceId!);

    await as(t.app, alice).delete('/api/assets', { assetIds: [coverAsset] });
    const during = (await covers()).find((p) => p.id === person.id)!;
    expect(during.faceId).not.toBeNull();
    expect(during.faceId).not.toBe(person.faceId);
    expect(await assetOfFace(during.faceId!)).not.toBe(coverAsset);
    expect((await as(t.app, alice).get(`/api/faces/${during.faceId}/thumbnail`)).statusCode).toBe(200);

    await as(t.app, alice).post('/api/trash/restore', { assetIds: [coverAsset] });
    expect((await covers()).find((p) => p.id === person.id)!.faceId).toBe(person.faceId);
  });
});
