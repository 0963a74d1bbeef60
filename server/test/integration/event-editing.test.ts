import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, engines, signup, type TestApp, type TestUser } from '../helpers/test-app.js';
import { postAssets, partyPhoto } from '../helpers/photos.js';

const day = (d: number, h: number) => new Date(Date.UTC(2026, 5, d, h));

describe.each(engines)('editing events on %s', (engine) => {
  let t: TestApp;
  let alice: TestUser;
  let width = 300;
  const upload = async (n: number, at: Date, event?: string) => {
    const data = await partyPhoto(n, { capturedAt: at, width: width++ });
    const res = await postAssets(t.app, alice, [{ filename: `s${n}.jpg`, data }], event ? { event } : {});
    await t.container.jobs.drain();
    return res.json().results[0].asset.id as string;
  };
  const events = async () =>
    (await as(t.app, alice).get('/api/events')).json().events as Array<{
      marker: string;
      name: string;
      assetCount: number;
      source: string;
    }>;
  const markersOf = async (id: string) => (await as(t.app, alice).get(`/api/assets/${id}`)).json().asset.markers as string[];

  beforeAll(async () => {
    t = await createTestApp(engine);
    alice = await signup(t.app, 'alice');
  });
  afterAll(async () => t?.close());

  it('keeps a photo out of an auto event once its owner removed it, across later uploads', async () => {
    const a = await upload(1, day(13, 19));
    await upload(2, day(13, 20));
    const [auto] = (await events()).filter((e) => e.source === 'auto');
    expect((await as(t.app, alice).delete(`/api/assets/${a}/markers/${auto.marker}`)).statusCode).toBe(204);
    await upload(3, day(13, 21)); // detection runs again
    expect(await markersOf(a)).toEqual([]);
    expect((await events()).find((e) => e.marker === auto.marker)?.assetCount).toBe(2);
  });

  it('merges, renames the generated name after the photos, and tells other windows', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (t.app.server.address() as { port: number }).port;
    const socket = connect(`http://127.0.0.1:${port}`, {
      path: '/api/socket.io',
      extraHeaders: { cookie: alice.cookie },
      transports: ['websocket'],
    });
    await new Promise<void>((resolve, reject) => (socket.on('connect', resolve), socket.on('connect_error', reject)));

    await upload(4, day(20, 19));
    const list = await events();
    const june13 = list.find((e) => e.name === 'Saturday 13 June 2026')!;
    const june20 = list.find((e) => e.name === 'Saturday 20 June 2026')!;
    const told = new Promise<any>((resolve) => socket.on('events.updated', resolve));
    const merged = (await as(t.app, alice).post(`/api/events/${june20.marker}/merge`, { markers: [june13.marker] })).json();
    expect(merged.event).toMatchObject({ marker: june20.marker, assetCount: 3, name: 'Saturday 13 June 2026' });
    expect((await told).markers.sort()).toEqual([june13.marker, june20.marker].sort());
    socket.close();

    await upload(5, day(20, 20)); // a later upload must not undo the merge
    const after = await events();
    expect(after.filter((e) => e.source === 'auto').map((e) => e.assetCount)).toEqual([4]);
  });

  it('splits at a time into two events named after their photos, and keeps a chosen name', async () => {
    const [merged] = (await events()).filter((e) => e.source === 'auto');
    await as(t.app, alice).patch(`/api/events/${merged.marker}`, { name: 'Our June' });
    const res = await as(t.app, alice).post(`/api/events/${merged.marker}/split`, { at: day(20, 0).toISOString() });
    expect(res.statusCode).toBe(200);
    const [first, second] = res.json().events;
    expect(first).toMatchObject({ marker: merged.marker, name: 'Our June', assetCount: 2 });
    expect(second).toMatchObject({ name: 'Saturday 20 June 2026', assetCount: 2 });
    const bad = await as(t.app, alice).post(`/api/events/${second.marker}/split`, { at: day(1, 0).toISOString() });
    expect(bad.json().code).toBe('invalid_split');
  });

  it('keeps an explicit tag and an auto event on the same photo, and a merge into the tag sticks', async () => {
    const tagged = await upload(6, day(27, 19), "Anna's birthday");
    const markers = await markersOf(tagged);
    expect(markers).toContain('anna-s-birthday');
    const auto = markers.find((m) => m.startsWith('ev-'))!;
    await as(t.app, alice).post('/api/events/anna-s-birthday/merge', { markers: [auto] });
    await upload(1, day(27, 20)); // the same party, later: detection must not resurrect the merged event for the tagged photo
    expect(await markersOf(tagged)).toEqual(['anna-s-birthday']);
  });
});
