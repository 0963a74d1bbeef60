import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, engines, signup, type TestApp, type TestUser } from '../helpers/test-app.js';
import { exiftoolXmpEvent, partyPhoto, postAssets } from '../helpers/photos.js';
import { linkContact } from '../helpers/linked-contacts.js';

/**
 * Two mutual contacts photograph one wedding. Their photos are tagged the way exiftool tags them:
 * some carry XMP Iptc4xmpExt:Event="Anna's wedding" (with EXIF time and GPS), some only EXIF
 * time and GPS, and one carries the marker and no date at all. Whoever shares first, the event
 * is one event for each of them, and both shares fill one album with exactly the wedding photos.
 */
const VENUE = { latitude: 52.52, longitude: 13.405 };
const HAMBURG = { latitude: 53.55, longitude: 9.99 };
const wedding = (h: number, m = 0) => new Date(Date.UTC(2026, 5, 13, h, m));
const WEDDING = "Anna's wedding";

interface Person {
  user: TestUser;
  wedding: string[];
}

describe.each(engines)('event albums from exiftool-tagged photos on %s', (engine) => {
  let t: TestApp;

  const upload = async (user: TestUser, name: string, n: number, opts: Parameters<typeof partyPhoto>[1]) => {
    const res = await postAssets(t.app, user, [{ filename: name, data: await partyPhoto(n, opts) }]);
    expect(res.statusCode).toBe(200);
    return name;
  };

  /** alice: two marked photos, one GPS-only of the wedding, four later photos elsewhere; carol: marked, GPS-only, marked without date. */
  async function scenario(prefix: string): Promise<{ alice: Person; carol: Person }> {
    const alice = await signup(t.app, `${prefix}alice`);
    const carol = await signup(t.app, `${prefix}carol`);
    await linkContact(t.container.db, alice, carol);
    await linkContact(t.container.db, carol, alice);
    const xmp = exiftoolXmpEvent(WEDDING);
    const a = [
      await upload(alice, 'a-vows.jpg', 1, { capturedAt: wedding(14), gps: VENUE, xmp, width: 400 }),
      await upload(alice, 'a-cake.jpg', 2, { capturedAt: wedding(15, 30), gps: VENUE, xmp, width: 400 }),
      await upload(alice, 'a-dance.jpg', 3, { capturedAt: wedding(16), gps: VENUE, width: 400 }),
    ];
    // Later photos of alice's elsewhere: an undated photo's upload time must never pull these in.
    for (const [i, month] of [7, 8, 9, 10].entries())
      await upload(alice, `a-later-${month}.jpg`, 4 + (i % 3), {
        capturedAt: new Date(Date.UTC(2026, month, 2, 12)),
        gps: HAMBURG,
        width: 300 + i,
      });
    const c = [
      await upload(carol, 'c-rings.jpg', 4, { capturedAt: wedding(14, 30), gps: VENUE, xmp, width: 410 }),
      await upload(carol, 'c-toast.jpg', 5, { capturedAt: wedding(17), gps: VENUE, width: 410 }),
      await upload(carol, 'c-undated.jpg', 6, { xmp, width: 410 }),
    ];
    await t.container.jobs.drain();
    return { alice: { user: alice, wedding: a }, carol: { user: carol, wedding: c } };
  }

  const eventsOf = async (user: TestUser) =>
    (await as(t.app, user).get('/api/events')).json().events as Array<{
      marker: string;
      name: string;
      assetCount: number;
      startAt: string;
      endAt: string;
      sharedAlbumId: string | null;
    }>;
  const photoNames = async (user: TestUser, marker: string) =>
    ((await as(t.app, user).get(`/api/events/${marker}`)).json().assets as Array<{ originalName: string }>)
      .map((a) => a.originalName)
      .sort();
  const albumNames = async (user: TestUser, albumId: string) =>
    ((await as(t.app, user).get(`/api/albums/${albumId}`)).json().album.assets as Array<{ originalName: string }>)
      .map((a) => a.originalName)
      .sort();

  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => t?.close());

  for (const first of ['alice', 'carol'] as const)
    it(`gives one event each and one album with the wedding photos, ${first} sharing first`, async () => {
      const people = await scenario(first === 'alice' ? 'a' : 'c');
      const all = [...people.alice.wedding, ...people.carol.wedding].sort();

      // One event each: the marker event took the GPS-only photos of its time and place.
      for (const p of [people.alice, people.carol]) {
        const weddingEvents = (await eventsOf(p.user)).filter((e) => e.startAt.startsWith('2026-06-13'));
        expect(weddingEvents.map((e) => [e.marker, e.name])).toEqual([['anna-s-wedding', WEDDING]]);
        expect(await photoNames(p.user, 'anna-s-wedding')).toEqual([...p.wedding].sort());
      }
      // The undated photo neither widened carol's event nor was placed on the time line.
      const [carolEvent] = (await eventsOf(people.carol.user)).filter((e) => e.marker === 'anna-s-wedding');
      expect([carolEvent.startAt, carolEvent.endAt]).toEqual([wedding(14, 30).toISOString(), wedding(17).toISOString()]);
      expect((await eventsOf(people.carol.user)).length).toBe(1);

      const [sharer, other] = first === 'alice' ? [people.alice, people.carol] : [people.carol, people.alice];
      const preview = (await as(t.app, sharer.user).get('/api/events/anna-s-wedding/share-preview')).json();
      expect(preview).toMatchObject({ album: null, ownAssetCount: 3, newAssetCount: 6, totalAssetCount: 6 });
      expect(preview.recipients.map((r: any) => [r.account.username, r.assetCount])).toEqual([[other.user.username, 3]]);
      const shared = (await as(t.app, sharer.user).post('/api/events/anna-s-wedding/share')).json();
      expect(shared).toMatchObject({ assetCount: preview.totalAssetCount, addedAssetCount: preview.newAssetCount });
      expect(await albumNames(sharer.user, shared.album.id)).toEqual(all);

      // The other's view of the same event: already shared, with whom, nothing new to add.
      const again = (await as(t.app, other.user).get('/api/events/anna-s-wedding/share-preview')).json();
      expect(again.album).toMatchObject({ id: shared.album.id, owner: { username: sharer.user.username } });
      expect(again.album.members.map((m: any) => m.username)).toEqual([sharer.user.username, other.user.username]);
      expect(again).toMatchObject({ newAssetCount: 0, totalAssetCount: 6 });
      const second = (await as(t.app, other.user).post('/api/events/anna-s-wedding/share')).json();
      expect(second).toMatchObject({ album: { id: shared.album.id }, assetCount: again.totalAssetCount, addedAssetCount: 0 });

      for (const p of [people.alice, people.carol]) {
        expect(await albumNames(p.user, shared.album.id)).toEqual(all);
        const [e] = (await eventsOf(p.user)).filter((x) => x.marker === 'anna-s-wedding');
        expect(e.sharedAlbumId).toBe(shared.album.id);
        const eventAlbums = (await as(t.app, p.user).get('/api/albums')).json().albums.filter((a: any) => a.kind === 'event');
        const sharedWithMe = (await as(t.app, p.user).get('/api/albums/shared')).json().albums.filter((a: any) => a.kind === 'event');
        expect([...eventAlbums, ...sharedWithMe].map((a: any) => a.id)).toEqual([shared.album.id]);
      }

      // A later photo of the wedding joins the one album, and the preview counts it before the share does.
      await upload(other.user, `${other.user.username}-late.jpg`, 1, { capturedAt: wedding(18), gps: VENUE, width: 390 });
      await t.container.jobs.drain();
      expect((await albumNames(sharer.user, shared.album.id)).length).toBe(7);
    });
});
