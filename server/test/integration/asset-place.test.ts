import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, engines, signup, type TestApp, type TestUser } from '../helpers/test-app.js';
import { postAssets, partyPhoto } from '../helpers/photos.js';

// GET /api/assets/{id}/place: the viewer's place name comes from the photo's own GPS position
// (offline GeoNames, the most populous place within 25 km), not from the event the photo is in.
describe.each(engines)('the place name of one photo on %s', (engine) => {
  let t: TestApp;
  let alice: TestUser, bob: TestUser;
  let lisbon: string, atSea: string, noGps: string;
  const upload = async (user: TestUser, n: number, gps?: { latitude: number; longitude: number }) => {
    const res = await postAssets(t.app, user, [{ filename: `place${n}.jpg`, data: await partyPhoto(n, { width: 500 + n, gps }) }]);
    expect(res.json().results[0].status).toBe('created');
    return res.json().results[0].asset.id as string;
  };

  beforeAll(async () => {
    t = await createTestApp(engine);
    alice = await signup(t.app, 'alice');
    bob = await signup(t.app, 'bob');
    lisbon = await upload(alice, 1, { latitude: 38.7223, longitude: -9.1393 });
    atSea = await upload(alice, 2, { latitude: 0, longitude: -30 });
    noGps = await upload(alice, 3);
  });
  afterAll(async () => t?.close());

  it('names the place near the position, and null at sea or without a position', async () => {
    const place = async (id: string) => (await as(t.app, alice).get(`/api/assets/${id}/place`)).json();
    expect(await place(lisbon)).toEqual({ place: 'Lisbon' });
    expect(await place(atSea)).toEqual({ place: null });
    expect(await place(noGps)).toEqual({ place: null });
  });

  it('answers 404 to someone who cannot see the photo, and to an unknown id', async () => {
    const res = await as(t.app, bob).get(`/api/assets/${lisbon}/place`);
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('not_found');
    expect((await as(t.app, alice).get('/api/assets/00000000-0000-4000-8000-000000000000/place')).statusCode).toBe(404);
  });

  it('answers a member of an album that holds the photo', async () => {
    const album = (await as(t.app, alice).post('/api/albums', { name: 'Trip', assetIds: [lisbon] })).json().album;
    await t.container.repos.albums.addMembers(album.id, [bob.id], Date.now());
    expect((await as(t.app, bob).get(`/api/assets/${lisbon}/place`)).json()).toEqual({ place: 'Lisbon' });
  });
});
