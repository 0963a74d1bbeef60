/**
 * "Same person?" on real faces: party photo 1 at three sizes gives three people with a face in each photo;
 * splitting one person's face off makes two people of one guest, which Kith then suggests merging.
 */
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postAssets, partyPath } from '../helpers/photos.js';
import { as, createTestApp, engines, signup, type TestApp, type TestUser } from '../helpers/test-app.js';

interface Suggestion {
  a: { id: string; name: string | null };
  b: { id: string; name: string | null };
  distance: number;
}

describe.each(engines)('merge suggestions on %s', (engine) => {
  let t: TestApp;
  let alice: TestUser;
  let bob: TestUser;
  const suggestions = async (user: TestUser): Promise<Suggestion[]> => {
    const res = await as(t.app, user).get('/api/people/merge-suggestions');
    expect(res.statusCode).toBe(200);
    return res.json().suggestions;
  };

  beforeAll(async () => {
    t = await createTestApp(engine, { faceAnalysis: true, faceWorkers: 1 });
    alice = await signup(t.app, 'alice');
    bob = await signup(t.app, 'bob');
    for (const width of [1600, 1200, 1000]) {
      const data = await sharp(partyPath(1)).resize({ width }).jpeg({ quality: 90 }).toBuffer();
      const res = await postAssets(t.app, alice, [{ filename: `party-${width}.jpg`, data, type: 'image/jpeg' }]);
      expect(res.json().results[0].status).toBe('created');
    }
    await t.container.jobs.drain();
  });
  afterAll(async () => t?.close());

  it('suggests nothing while every person is one guest', async () => {
    expect(await suggestions(alice)).toEqual([]);
  });

  it('suggests the two halves of a split person, and only them', async () => {
    const people = (await as(t.app, alice).get('/api/people')).json().people as Array<{ id: string }>;
    expect(people).toHaveLength(3);
    const faces = (await as(t.app, alice).get(`/api/people/${people[0].id}/faces`)).json().faces as Array<{ id: string }>;
    const split = await as(t.app, alice).post(`/api/people/${people[0].id}/split`, { faceIds: [faces[0].id], name: 'Guest again' });
    expect(split.statusCode).toBe(201);
    const half = split.json().person.id as string;

    const found = await suggestions(alice);
    expect(found).toHaveLength(1);
    expect([found[0].a.id, found[0].b.id].sort()).toEqual([people[0].id, half].sort());
    expect(found[0].distance).toBeGreaterThanOrEqual(0);
    // Another account sees none of it, and cannot dismiss alice's pair.
    expect(await suggestions(bob)).toEqual([]);
    const foreign = await as(t.app, bob).post(`/api/people/${people[0].id}/not-same`, { personId: half });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().code).toBe('not_found');
  });

  it('forgets a pair the owner says is not one person, and refuses one person twice', async () => {
    const [s] = await suggestions(alice);
    const twice = await as(t.app, alice).post(`/api/people/${s.a.id}/not-same`, { personId: s.a.id });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().code).toBe('invalid_request');
    const res = await as(t.app, alice).post(`/api/people/${s.b.id}/not-same`, { personId: s.a.id });
    expect(res.statusCode).toBe(204);
    expect(await suggestions(alice)).toEqual([]);
    // Said twice, it is still one answer.
    expect((await as(t.app, alice).post(`/api/people/${s.a.id}/not-same`, { personId: s.b.id })).statusCode).toBe(204);
    // Merging anyway removes the pair with its source person.
    const merged = await as(t.app, alice).post(`/api/people/${s.a.id}/merge`, { personIds: [s.b.id] });
    expect(merged.statusCode).toBe(200);
    expect(await suggestions(alice)).toEqual([]);
  });
});
