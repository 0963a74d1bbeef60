import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, engines, signup, type TestApp, type TestUser } from '../helpers/test-app.js';
import { postAssets, partyPhoto } from '../helpers/photos.js';

describe.each(engines)('albums on %s', (engine) => {
  let t: TestApp;
  let alice: TestUser, bob: TestUser;
  const ids: string[] = [];

  beforeAll(async () => {
    t = await createTestApp(engine);
    alice = await signup(t.app, 'alice');
    bob = await signup(t.app, 'bob');
    const files = await Promise.all(
      [1, 2, 3].map(async (n) => ({
        filename: `s${n}.jpg`,
        data: await partyPhoto(n, { width: 300, capturedAt: new Date(Date.UTC(2026, 2, n)) }),
      })),
    );
    const res = await postAssets(t.app, alice, files);
    ids.push(...res.json().results.map((r: any) => r.asset.id));
  });
  afterAll(async () => t?.close());

  it('creates, renames, adds, removes and deletes an album', async () => {
    const created = await as(t.app, alice).post('/api/albums', { name: 'Spring', assetIds: [ids[0]] });
    expect(created.statusCode).toBe(201);
    const album = created.json().album;
    expect(album).toMatchObject({ name: 'Spring', kind: 'user', role: 'owner', assetCount: 1, coverAssetId: ids[0] });

    expect((await as(t.app, alice).post(`/api/albums/${album.id}/assets`, { assetIds: [ids[0], ids[1], ids[2]] })).json()).toEqual({
      added: 2,
    });
    expect((await as(t.app, alice).patch(`/api/albums/${album.id}`, { name: 'Spring 2026' })).json().album.name).toBe('Spring 2026');
    const detail = (await as(t.app, alice).get(`/api/albums/${album.id}`)).json().album;
    expect(detail.assets.map((a: any) => a.id)).toEqual(ids);
    expect(detail.assets.every((a: any) => a.contributor.username === 'alice')).toBe(true);

    expect((await as(t.app, alice).delete(`/api/albums/${album.id}/assets`, { assetIds: [ids[1]] })).json()).toEqual({ removed: 1 });
    expect((await as(t.app, alice).get('/api/albums')).json().albums[0].assetCount).toBe(2);
    expect((await as(t.app, alice).delete(`/api/albums/${album.id}`)).statusCode).toBe(204);
    expect((await as(t.app, alice).get(`/api/albums/${album.id}`)).statusCode).toBe(404);
    // The photos stay in the library.
    expect((await as(t.app, alice).get('/api/assets')).json().items).toHaveLength(3);
  });

  it("answers 404 not_found, never 403, for another user's album, and refuses foreign photos", async () => {
    const album = (await as(t.app, alice).post('/api/albums', { name: 'Private' })).json().album;
    for (const res of [
      await as(t.app, bob).get(`/api/albums/${album.id}`),
      await as(t.app, bob).patch(`/api/albums/${album.id}`, { name: 'Mine now' }),
      await as(t.app, bob).delete(`/api/albums/${album.id}`),
      await as(t.app, bob).post(`/api/albums/${album.id}/assets`, { assetIds: [ids[0]] }),
    ]) {
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('not_found');
    }
    const bobs = (await as(t.app, bob).post('/api/albums', { name: 'Bob' })).json().album;
    const steal = await as(t.app, bob).post(`/api/albums/${bobs.id}/assets`, { assetIds: [ids[0]] });
    expect(steal.statusCode).toBe(404);
    expect((await as(t.app, bob).get('/api/albums/shared')).json().albums).toEqual([]);
  });

  it('validates input with a stable code', async () => {
    const res = await as(t.app, alice).post('/api/albums', { name: '' });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('invalid_request');
    expect((await as(t.app, alice).get('/api/albums/not-a-uuid')).json().code).toBe('invalid_request');
  });
});
