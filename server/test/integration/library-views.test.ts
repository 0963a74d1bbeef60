import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, engines, signup, type TestApp, type TestUser } from '../helpers/test-app.js';
import { postAssets, partyPhoto } from '../helpers/photos.js';

describe.each(engines)('favourites, archive and timeline buckets on %s', (engine) => {
  let t: TestApp;
  let alice: TestUser, bob: TestUser;
  let width = 300;
  // Photo n of the party fixtures, each at a width of its own so every upload is different bytes.
  const upload = async (user: TestUser, at: Date) => {
    const data = await partyPhoto((width % 6) + 1, { width: width++, capturedAt: at });
    const res = await postAssets(t.app, user, [{ filename: `p${width}.jpg`, data }]);
    expect(res.json().results[0].status).toBe('created');
    return res.json().results[0].asset.id as string;
  };
  const ids = async (user: TestUser, query = '') => (await as(t.app, user).get(`/api/assets${query}`)).json().items.map((a: any) => a.id);
  const events = async (user: TestUser) =>
    (await as(t.app, user).get('/api/events')).json().events as Array<{ marker: string; assetCount: number; startAt: string }>;

  // Two photos in May 2026, one on the evening of 31 March 2026 UTC (April at UTC+2), one in December 2024.
  let may1: string, may2: string, march: string, old: string;
  beforeAll(async () => {
    t = await createTestApp(engine);
    alice = await signup(t.app, 'alice');
    bob = await signup(t.app, 'bob');
    may1 = await upload(alice, new Date(Date.UTC(2026, 4, 20, 18)));
    may2 = await upload(alice, new Date(Date.UTC(2026, 4, 20, 19)));
    march = await upload(alice, new Date(Date.UTC(2026, 2, 31, 23)));
    old = await upload(alice, new Date(Date.UTC(2024, 11, 24, 12)));
    await t.container.jobs.drain();
  });
  afterAll(async () => t?.close());

  it('favourites one photo with PATCH and answers it; Favourites lists it; others get 404', async () => {
    const res = await as(t.app, alice).patch(`/api/assets/${may1}`, { favorite: true });
    expect(res.statusCode).toBe(200);
    expect(res.json().asset).toMatchObject({ id: may1, favorite: true, archived: false });
    expect(await ids(alice, '?view=favorites')).toEqual([may1]);
    expect((await as(t.app, alice).get(`/api/assets/${may2}`)).json().asset.favorite).toBe(false);

    // Bob cannot flag Alice's photo, not even when he sees it through an album.
    const album = (await as(t.app, alice).post('/api/albums', { name: 'May', assetIds: [may1] })).json().album;
    await t.container.repos.albums.addMembers(album.id, [bob.id], Date.now());
    expect((await as(t.app, bob).get(`/api/assets/${may1}`)).statusCode).toBe(200);
    const refused = await as(t.app, bob).patch(`/api/assets/${may1}`, { favorite: false });
    expect(refused.statusCode).toBe(404);
    expect(refused.json().code).toBe('not_found');
    expect((await as(t.app, bob).post('/api/assets/bulk-update', { ids: [may1], archived: true })).statusCode).toBe(404);
    expect(await ids(alice, '?view=favorites')).toEqual([may1]);

    expect((await as(t.app, alice).patch(`/api/assets/${may1}`, { favorite: false })).json().asset.favorite).toBe(false);
    expect(await ids(alice, '?view=favorites')).toEqual([]);
  });

  it('archives in bulk: out of the timeline, buckets and events, still in albums and Favourites; unarchive brings it back', async () => {
    const [auto] = await events(alice);
    expect(auto.assetCount).toBe(2);
    await as(t.app, alice).patch(`/api/assets/${may2}`, { favorite: true });

    const res = await as(t.app, alice).post('/api/assets/bulk-update', { ids: [may2, may2, old], archived: true });
    expect(res.json()).toEqual({ updated: 2 });
    expect(await ids(alice)).toEqual([may1, march]);
    expect(await ids(alice, '?view=archive')).toEqual([may2, old]);
    // Favourites keep archived favourites, as Google Photos does.
    expect(await ids(alice, '?view=favorites')).toEqual([may2]);
    expect((await events(alice)).find((e) => e.marker === auto.marker)?.assetCount).toBe(1);
    const buckets = (await as(t.app, alice).get('/api/assets/timeline-buckets')).json();
    expect(buckets).toEqual({
      buckets: [
        { month: '2026-05', count: 1 },
        { month: '2026-03', count: 1 },
      ],
      total: 2,
    });
    // An album keeps its archived photos.
    const album = (await as(t.app, alice).post('/api/albums', { name: 'Both', assetIds: [may1, may2] })).json().album;
    expect((await as(t.app, alice).get(`/api/albums/${album.id}`)).json().album.assets).toHaveLength(2);

    expect((await as(t.app, alice).post('/api/assets/bulk-update', { ids: [may2, old], archived: false })).json()).toEqual({ updated: 2 });
    expect(await ids(alice)).toEqual([may2, may1, march, old]);
    expect(await ids(alice, '?view=archive')).toEqual([]);
    expect((await events(alice)).find((e) => e.marker === auto.marker)?.assetCount).toBe(2);
  });

  it('counts months in the viewer’s offset and starts the timeline at a month, continuing with the cursor', async () => {
    const utc = (await as(t.app, alice).get('/api/assets/timeline-buckets')).json();
    expect(utc).toEqual({
      buckets: [
        { month: '2026-05', count: 2 },
        { month: '2026-03', count: 1 },
        { month: '2024-12', count: 1 },
      ],
      total: 4,
    });
    // At UTC+2 the photo of 31 March 23:00 UTC was taken on 1 April.
    const plus2 = (await as(t.app, alice).get('/api/assets/timeline-buckets?utcOffset=120')).json();
    expect(plus2.buckets.map((b: any) => b.month)).toEqual(['2026-05', '2026-04', '2024-12']);

    expect(await ids(alice, '?from=2026-04')).toEqual([march, old]);
    expect(await ids(alice, '?from=2026-03&utcOffset=120')).toEqual([old]);
    expect(await ids(alice, '?from=2030-01')).toEqual([may2, may1, march, old]);
    const first = (await as(t.app, alice).get('/api/assets?from=2026-05&limit=1')).json();
    expect(first.items).toHaveLength(1);
    const rest = (await as(t.app, alice).get(`/api/assets?limit=10&cursor=${first.nextCursor}`)).json();
    expect([first.items[0].id, ...rest.items.map((a: any) => a.id)]).toEqual(await ids(alice));
    expect((await as(t.app, bob).get('/api/assets/timeline-buckets')).json()).toEqual({ buckets: [], total: 0 });
  });

  it('refuses bad input with stable codes', async () => {
    const bad = async (res: Promise<{ statusCode: number; json: () => any }>, code = 'invalid_request') => {
      const r = await res;
      expect(r.statusCode).toBe(400);
      expect(r.json().code).toBe(code);
    };
    await bad(as(t.app, alice).patch(`/api/assets/${may1}`, {}));
    await bad(as(t.app, alice).patch(`/api/assets/${may1}`, { favorite: 'yes' }));
    await bad(as(t.app, alice).post('/api/assets/bulk-update', { ids: [], favorite: true }));
    await bad(as(t.app, alice).post('/api/assets/bulk-update', { ids: ['nope'], favorite: true }));
    await bad(as(t.app, alice).post('/api/assets/bulk-update', { ids: [may1] }));
    await bad(as(t.app, alice).get('/api/assets?from=2026-13'));
    await bad(as(t.app, alice).get('/api/assets?view=hidden'));
    await bad(as(t.app, alice).get('/api/assets/timeline-buckets?utcOffset=5000'));
    const missing = await as(t.app, alice).patch(`/api/assets/${crypto.randomUUID()}`, { archived: true });
    expect(missing.statusCode).toBe(404);
  });

  it('leaves trashed photos out of event windows and of new detection', async () => {
    const [auto] = await events(alice);
    const before = auto.startAt;
    // The earlier photo of the evening goes to the trash: the window starts at the later one.
    await as(t.app, alice).delete('/api/assets', { assetIds: [may1] });
    const after = (await events(alice)).find((e) => e.marker === auto.marker)!;
    expect(after.assetCount).toBe(1);
    expect(after.startAt).toBe(new Date(Date.UTC(2026, 4, 20, 19)).toISOString());
    expect(before).toBe(new Date(Date.UTC(2026, 4, 20, 18)).toISOString());
    await as(t.app, alice).post('/api/trash/restore', { assetIds: [may1] });
    expect((await events(alice)).find((e) => e.marker === auto.marker)!.startAt).toBe(before);
  });
});
