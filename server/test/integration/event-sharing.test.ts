import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, engines, signup, type TestApp, type TestUser } from '../helpers/test-app.js';
import { postAssets, partyPhoto } from '../helpers/photos.js';
import { linkContact } from '../helpers/linked-contacts.js';

const VENUE = { latitude: 52.52, longitude: 13.405 };
const evening = (h: number, m = 0) => new Date(Date.UTC(2026, 5, 13, h, m));

describe.each(engines)('event sharing on %s', (engine) => {
  let t: TestApp;
  let alice: TestUser, bob: TestUser, carol: TestUser, dave: TestUser, erin: TestUser;

  const upload = async (user: TestUser, n: number, capturedAt: Date, opts: { gps?: typeof VENUE; width?: number; event?: string } = {}) => {
    const data = await partyPhoto(n, { capturedAt, gps: opts.gps, width: opts.width ?? 400 });
    const res = await postAssets(t.app, user, [{ filename: `sample${n}.jpg`, data }], opts.event ? { event: opts.event } : {});
    expect(res.statusCode).toBe(200);
    return res.json().results[0].asset as { id: string };
  };
  const addContact = (owner: TestUser, other: TestUser) => linkContact(t.container.db, owner, other);
  const eventsOf = async (user: TestUser) =>
    (await as(t.app, user).get('/api/events')).json().events as Array<{ marker: string; assetCount: number; name: string }>;

  beforeAll(async () => {
    t = await createTestApp(engine);
    [alice, bob, carol, dave, erin] = [
      await signup(t.app, 'alice'),
      await signup(t.app, 'bob'),
      await signup(t.app, 'carol'),
      await signup(t.app, 'dave'),
      await signup(t.app, 'erin'),
    ];
    // alice <-> bob, alice <-> carol (carol turns gathering off), alice -> dave only, alice <-> erin (no photos of the party).
    for (const [a, b] of [
      [alice, bob],
      [bob, alice],
      [alice, carol],
      [carol, alice],
      [alice, dave],
      [alice, erin],
      [erin, alice],
    ] as const)
      await addContact(a, b);
    await as(t.app, carol).patch('/api/me', { allowEventGathering: false });

    await upload(alice, 1, evening(19, 0), { gps: VENUE });
    await upload(alice, 2, evening(20, 30));
    await upload(bob, 3, evening(21, 0), { gps: { latitude: 52.5203, longitude: 13.4047 } });
    await upload(bob, 4, evening(14, 0)); // same day, afternoon: not the party
    await upload(carol, 5, evening(20, 0));
    await upload(dave, 6, evening(20, 15));
    await upload(erin, 6, evening(9, 0), { width: 300 }); // the morning: no photo of the party
    await t.container.jobs.drain();
  });
  afterAll(async () => t?.close());

  it('detects one event from the evening photos of each person', async () => {
    const events = await eventsOf(alice);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ assetCount: 2, name: 'Saturday 13 June 2026 · Berlin', place: 'Berlin' });
    expect((await eventsOf(bob)).map((e) => e.assetCount).sort()).toEqual([1, 1]);
  });

  it('previews who would receive the event, and why the others would not', async () => {
    const [event] = await eventsOf(alice);
    const preview = (await as(t.app, alice).get(`/api/events/${event.marker}/share-preview`)).json();
    expect(preview.recipients).toEqual([{ account: expect.objectContaining({ username: 'bob' }), assetCount: 1 }]);
    const reasons = Object.fromEntries(preview.excluded.map((x: any) => [x.account.username, x.reason]));
    expect(reasons).toEqual({ carol: 'gathering_off', dave: 'not_mutual', erin: 'no_matching_photos' });
    expect(preview).toMatchObject({ ownAssetCount: 2, totalAssetCount: 3 });
  });

  it("shares one combined album with alice's and bob's party photos, credited, live to bob's socket", async () => {
    const [event] = await eventsOf(alice);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (t.app.server.address() as { port: number }).port;
    const socket: Socket = connect(`http://127.0.0.1:${port}`, {
      path: '/api/socket.io',
      extraHeaders: { cookie: bob.cookie },
      transports: ['websocket'],
    });
    await new Promise<void>((resolve, reject) => (socket.on('connect', resolve), socket.on('connect_error', reject)));
    const shared = new Promise<any>((resolve) => socket.on('album.shared', resolve));

    const res = await as(t.app, alice).post(`/api/events/${event.marker}/share`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ assetCount: 3, addedAssetCount: 3, album: { kind: 'event', eventMarker: event.marker, role: 'owner' } });
    expect(body.recipients.map((r: any) => r.account.username)).toEqual(['bob']);

    const pushed = await shared;
    expect(pushed).toMatchObject({ albumId: body.album.id, kind: 'event', sharedBy: { username: 'alice' }, assetCount: 3 });
    socket.close();

    const bobShared = (await as(t.app, bob).get('/api/albums/shared')).json().albums;
    expect(bobShared.map((a: any) => a.id)).toEqual([body.album.id]);
    const album = (await as(t.app, bob).get(`/api/albums/${body.album.id}`)).json().album;
    expect(album.assets.map((a: any) => `${a.contributor.username}:${a.originalName}`)).toEqual([
      'alice:sample1.jpg',
      'alice:sample2.jpg',
      'bob:sample3.jpg',
    ]);
    expect(album.members.map((m: any) => `${m.username}:${m.role}`).sort()).toEqual(['alice:owner', 'bob:viewer']);
    // The album's span covers every photo in it, bob's 21:00 one included.
    expect([album.startAt, album.endAt]).toEqual([evening(19).toISOString(), evening(21).toISOString()]);
    // Contacts who contributed nothing are not included.
    for (const u of [carol, dave, erin]) expect((await as(t.app, u).get(`/api/albums/${body.album.id}`)).statusCode).toBe(404);
    // Bob can now open alice's photo through the album.
    expect((await as(t.app, bob).get(album.assets[0].thumbnailUrl)).statusCode).toBe(200);
  });

  it('is idempotent: sharing again returns the same album and adds nothing', async () => {
    const [event] = await eventsOf(alice);
    const again = (await as(t.app, alice).post(`/api/events/${event.marker}/share`)).json();
    expect(again.addedAssetCount).toBe(0);
    expect(again.assetCount).toBe(3);
    expect((await as(t.app, alice).get('/api/albums')).json().albums.filter((a: any) => a.kind === 'event')).toHaveLength(1);
  });

  it('lets photos a member adds later join the album on their own, once per SHA-256', async () => {
    const [event] = await eventsOf(alice);
    const albumId = (await as(t.app, alice).post(`/api/events/${event.marker}/share`)).json().album.id;
    await upload(bob, 1, evening(22, 0), { width: 420 }); // a late photo of the party
    await upload(bob, 2, evening(20, 30)); // the very same bytes alice uploaded: must not appear twice
    await t.container.jobs.drain();
    const album = (await as(t.app, alice).get(`/api/albums/${albumId}`)).json().album;
    expect(album.assetCount).toBe(4);
    expect(album.assets.filter((a: any) => a.originalName === 'sample2.jpg')).toHaveLength(1);
  });

  it('matches contacts by a shared marker code even outside the time window', async () => {
    await upload(alice, 3, new Date(Date.UTC(2025, 0, 1, 12)), { event: "Anna's Birthday", width: 350 });
    await upload(bob, 5, new Date(Date.UTC(2025, 0, 5, 12)), { event: "anna's birthday", width: 350 });
    await t.container.jobs.drain();
    const res = (await as(t.app, alice).post('/api/events/anna-s-birthday/share')).json();
    expect(res.assetCount).toBe(2);
    expect(res.recipients.map((r: any) => r.account.username)).toEqual(['bob']);
  });

  it("answers 404 not_found for another user's event and album", async () => {
    const [event] = await eventsOf(alice);
    expect((await as(t.app, dave).post(`/api/events/${event.marker}/share`)).json().code).toBe('not_found');
  });
});
