import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partyPath, partyPhoto, postAssets } from '../helpers/photos.js';
import { as, createTestApp, engines, signup, type TestApp, type TestUser } from '../helpers/test-app.js';

const LISBON = { latitude: 38.7223, longitude: -9.1393 };
const BERLIN = { latitude: 52.52, longitude: 13.405 };

/**
 * Search (docs/features/search.md) on both engines, with real face analysis forming People from
 * real party photos, real EXIF dates and GPS, and the offline GeoNames place names.
 */
describe.each(engines)('search on %s', (engine) => {
  let t: TestApp;
  let alice: TestUser, bob: TestUser;
  const ids: Record<string, string> = {};
  const upload = async (user: TestUser, filename: string, data: Buffer, fields: Record<string, string> = {}) => {
    const res = await postAssets(t.app, user, [{ filename, data, type: 'image/jpeg' }], fields);
    expect(res.json().results[0].status).toBe('created');
    return res.json().results[0].asset.id as string;
  };
  // Party photo 1 with EXIF date and GPS at another width: the same three guests, other bytes.
  const party1 = async (width: number, capturedAt: Date, gps: { latitude: number; longitude: number }) =>
    partyPhoto(1, { width, capturedAt, gps, quality: 90 });
  const search = (user: TestUser, q: string, extra = '') => as(t.app, user).get(`/api/search?q=${encodeURIComponent(q)}${extra}`);
  const found = async (user: TestUser, q: string) => {
    const res = await search(user, q);
    expect(res.statusCode).toBe(200);
    return res.json().items.map((a: { id: string }) => a.id) as string[];
  };

  beforeAll(async () => {
    t = await createTestApp(engine, { faceAnalysis: true, faceWorkers: 1 });
    alice = await signup(t.app, 'alice');
    bob = await signup(t.app, 'bob');
    ids.lisbonCarol = await upload(alice, 'beach-day.jpg', await party1(1600, new Date(Date.UTC(2026, 5, 14, 12)), LISBON));
    ids.berlinCarol = await upload(alice, 'IMG_0042.jpg', await party1(1200, new Date(Date.UTC(2025, 2, 2, 12)), BERLIN));
    ids.lisbonOthers = await upload(
      alice,
      'sunset.jpg',
      await partyPhoto(2, { capturedAt: new Date(Date.UTC(2026, 5, 15, 20)), gps: LISBON }),
    );
    ids.notes = await upload(alice, 'notes.jpg', await sharp(partyPath(3)).resize({ width: 500 }).jpeg().toBuffer(), {
      sidecar: JSON.stringify({ capturedAt: '2026-01-10T09:00:00Z', description: "Grandma's recipe cards" }),
    });
    await t.container.jobs.drain();
    // The guest of party photo 1 seen in both of its copies becomes "Carol Smith".
    const people = (await as(t.app, alice).get('/api/people')).json().people as Array<{ id: string; photoCount: number }>;
    const carol = people.find((p) => p.photoCount === 2);
    expect(carol).toBeDefined();
    expect((await as(t.app, alice).patch(`/api/people/${carol!.id}`, { name: 'Carol Smith' })).statusCode).toBe(200);
  });
  afterAll(async () => t?.close());

  it('combines a person and a place: "Carol Lisbon" is photos of Carol taken in Lisbon, and says how it read the query', async () => {
    const res = await search(alice, 'Carol Lisbon');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.items.map((a: { id: string }) => a.id)).toEqual([ids.lisbonCarol]);
    expect(body.terms).toMatchObject([
      { kind: 'person', text: 'Carol', label: 'Carol Smith' },
      { kind: 'place', text: 'Lisbon', label: 'Lisbon' },
    ]);
    expect(body.nextCursor).toBeNull();
    // Same shape as the timeline's items.
    expect(body.items[0]).toMatchObject({ originalName: 'beach-day.jpg', owner: { username: 'alice' }, trashedAt: null });
    expect(await found(alice, 'carol')).toEqual([ids.lisbonCarol, ids.berlinCarol]);
    expect(await found(alice, 'carol smith berlin')).toEqual([ids.berlinCarol]);
    expect(await found(alice, 'lisboa')).toEqual([]);
    expect(await found(alice, 'lisbon')).toEqual([ids.lisbonOthers, ids.lisbonCarol]);
  });

  it('reads dates: a year, a month, a day, combined with a person', async () => {
    expect(await found(alice, 'June 2026')).toEqual([ids.lisbonOthers, ids.lisbonCarol]);
    expect(await found(alice, '2026')).toEqual([ids.lisbonOthers, ids.lisbonCarol, ids.notes]);
    expect(await found(alice, '2026-06-15')).toEqual([ids.lisbonOthers]);
    expect(await found(alice, 'Carol 2025')).toEqual([ids.berlinCarol]);
    const terms = (await search(alice, 'jun 2026')).json().terms;
    expect(terms).toEqual([
      { kind: 'date', text: 'jun 2026', label: 'June 2026', from: '2026-06-01T00:00:00.000Z', to: '2026-07-01T00:00:00.000Z' },
    ]);
  });

  it('finds words of file names, captions, albums and events, as prefixes, and keeps the index in step with renames', async () => {
    expect(await found(alice, 'IMG_0042')).toEqual([ids.berlinCarol]);
    expect(await found(alice, 'img')).toEqual([ids.berlinCarol]);
    expect(await found(alice, 'grandma')).toEqual([ids.notes]);
    expect(await found(alice, 'recipe 2026')).toEqual([ids.notes]);
    expect(await found(alice, 'recipe 2025')).toEqual([]);
    const album = (await as(t.app, alice).post('/api/albums', { name: 'Holiday snaps', assetIds: [ids.notes, ids.berlinCarol] })).json()
      .album;
    expect(await found(alice, 'holiday')).toEqual([ids.notes, ids.berlinCarol]);
    expect(await found(alice, 'holiday carol')).toEqual([ids.berlinCarol]);
    await as(t.app, alice).patch(`/api/albums/${album.id}`, { name: 'Winter trip' });
    expect(await found(alice, 'holiday')).toEqual([]);
    expect(await found(alice, 'winter')).toEqual([ids.notes, ids.berlinCarol]);
    // Bob, a member of the album, finds its photos by its name; not Alice's People nor her other photos.
    await t.container.repos.albums.addMembers(album.id, [bob.id], Date.now());
    expect(await found(bob, 'winter')).toEqual([ids.notes, ids.berlinCarol]);
    expect(await found(bob, 'sunset')).toEqual([]);
    const bobCarol = await search(bob, 'Carol');
    expect(bobCarol.json()).toMatchObject({ items: [], terms: [{ kind: 'text', text: 'Carol' }] });
    // Lisbon is no place for Bob (no photo of his there): a plain word, which matches nothing.
    expect((await search(bob, 'Lisbon')).json().terms[0].kind).toBe('text');
  });

  it('finds my events by name, and follows a rename of the event', async () => {
    const tagged = await as(t.app, alice).post(`/api/assets/${ids.notes}/markers`, { marker: 'Cookbook Club' });
    expect(tagged.statusCode).toBe(200);
    const marker = tagged.json().event.marker as string;
    expect(await found(alice, 'cookbook')).toEqual([ids.notes]);
    expect((await as(t.app, alice).patch(`/api/events/${encodeURIComponent(marker)}`, { name: 'Baking afternoon' })).statusCode).toBe(200);
    expect(await found(alice, 'baking')).toEqual([ids.notes]);
    expect(await found(alice, 'cookbook club')).toEqual([]);
    // Bob sees the photo (album member) but not Alice's events: their names find nothing for him.
    expect(await found(bob, 'baking')).toEqual([]);
  });

  it('pages like the timeline and never finds the trash', async () => {
    const first = (await search(alice, '2026', '&limit=2')).json();
    expect(first.items.map((a: { id: string }) => a.id)).toEqual([ids.lisbonOthers, ids.lisbonCarol]);
    const second = (await search(alice, '2026', `&limit=2&cursor=${first.nextCursor}`)).json();
    expect(second).toMatchObject({ nextCursor: null });
    expect(second.items.map((a: { id: string }) => a.id)).toEqual([ids.notes]);
    expect((await as(t.app, alice).delete('/api/assets', { assetIds: [ids.lisbonOthers] })).statusCode).toBe(200);
    expect(await found(alice, 'lisbon')).toEqual([ids.lisbonCarol]);
    expect(await found(alice, 'sunset')).toEqual([]);
    await as(t.app, alice).post('/api/trash/restore', { assetIds: [ids.lisbonOthers] });
    expect(await found(alice, 'sunset')).toEqual([ids.lisbonOthers]);
  });

  it('answers 400 with stable codes for an empty, a too-long or a malformed query', async () => {
    for (const q of ['', '   ', '?!']) {
      const res = await search(alice, q);
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('empty_query');
    }
    const long = await search(alice, 'a'.repeat(201));
    expect(long.statusCode).toBe(400);
    expect(long.json()).toMatchObject({ code: 'query_too_long', details: { limit: 200 } });
    expect((await as(t.app, alice).get('/api/search')).json().code).toBe('invalid_request');
    expect((await search(alice, 'carol', '&cursor=garbage')).json().code).toBe('invalid_cursor');
    expect((await t.app.inject({ method: 'GET', url: '/api/search?q=carol' })).statusCode).toBe(401);
  });
});
