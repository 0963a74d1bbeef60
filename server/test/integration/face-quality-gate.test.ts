/**
 * The quality floor (`MIN_MATCH_QUALITY`, @kith/faces quality.ts) with the real engine: party photo 1
 * scaled to 240 px wide keeps guest 2's face recognisable (it still matches her reference face) but at a
 * quality under the floor. Such a face is placed in People, yet it neither routes the photo nor
 * passes the inbox check; the same photo at 1400 px does both.
 */
import sharp from 'sharp';
import { MIN_MATCH_QUALITY } from '@kith/faces';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partyFaceCrop } from '../helpers/face-fixtures.js';
import { postMultipart, registerReferenceFace } from '../helpers/inbox.js';
import { multipart, partyPath, postAssets } from '../helpers/photos.js';
import { as, createTestApp, engines, signup, type TestApp, type TestUser } from '../helpers/test-app.js';

const party1 = (width: number) => sharp(partyPath(1)).resize({ width }).jpeg({ quality: 90 }).toBuffer();

describe.each(engines)('face quality gate on %s', (engine) => {
  let t: TestApp;
  let alice: TestUser;
  let bob: TestUser;

  const upload = async (user: TestUser, data: Buffer) => {
    const res = await postAssets(t.app, user, [{ filename: 'party.jpg', data, type: 'image/jpeg' }]);
    expect(res.json().results[0].status).toBe('created');
    await t.container.jobs.drain();
    return res.json().results[0].asset.id as string;
  };
  const deliveries = async (assetId: string) =>
    (
      (await as(t.app, bob).get(`/api/assets/${assetId}/deliveries`)).json().deliveries as Array<{
        contact: { name: string };
        status: string;
      }>
    ).map((d) => `${d.contact.name}:${d.status}`);

  beforeAll(async () => {
    t = await createTestApp(engine, { faceAnalysis: true, faceWorkers: 1 });
    alice = await signup(t.app, 'alice');
    bob = await signup(t.app, 'bob');
    await registerReferenceFace(t, alice, 2);
    // Bob holds Alice in his book with her photo (guest 2) and sends recognised photos by himself.
    const c = (await as(t.app, bob).post('/api/contacts', { name: 'Alice', kithAddress: 'alice@kith.test' })).json().contact;
    const form = await multipart([{ filename: 'alice.jpg', data: await partyFaceCrop(2), type: 'image/jpeg' }]);
    const put = await t.app.inject({
      method: 'PUT',
      url: `/api/contacts/${c.id}/photo`,
      payload: form.payload,
      headers: { ...form.headers, cookie: bob.cookie },
    });
    expect(put.statusCode).toBe(200);
    expect((await as(t.app, bob).put('/api/routing/settings', { mode: 'auto' })).statusCode).toBe(200);
  }, 240_000);
  afterAll(async () => t?.close());

  it('a face under the floor is placed in People but routes nothing; the same face large enough routes', { timeout: 180_000 }, async () => {
    const small = await upload(bob, await party1(240));
    const faces = await t.container.db.selectFrom('face').select(['quality_score', 'person_id']).where('asset_id', '=', small).execute();
    expect(faces.length).toBe(3);
    expect(faces.every((f) => f.quality_score < MIN_MATCH_QUALITY)).toBe(true);
    // Placed in People all the same (one of them in the person linked to Alice).
    const people = (await as(t.app, bob).get('/api/people')).json().people as Array<{ id: string; contact: { name: string } | null }>;
    const alicePerson = people.find((p) => p.contact?.name === 'Alice');
    expect(alicePerson).toBeDefined();
    expect(faces.map((f) => f.person_id)).toContain(alicePerson!.id);
    expect(await deliveries(small)).toEqual([]);

    const large = await upload(bob, await party1(1400));
    expect(await deliveries(large)).toEqual(['Alice:delivered']);
  });

  it('the inbox refuses a picture whose only matching face is under the floor, and says why', { timeout: 120_000 }, async () => {
    const refused = await postMultipart(t, 'alice', [{ filename: 'small.jpg', data: await party1(240) }]);
    expect(refused.statusCode).toBe(422);
    const r = refused.json().pictures[0];
    expect(r).toMatchObject({ status: 'refused', code: 'face_not_found' });
    expect(r.message).toMatch(/3 too small, blurred or turned away to be checked/);
    const accepted = await postMultipart(t, 'alice', [{ filename: 'large.jpg', data: await party1(1400) }]);
    expect(accepted.json().pictures[0].status).toBe('accepted');
  });
});
