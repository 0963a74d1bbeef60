import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, engines, signup, type TestApp, type TestUser } from '../helpers/test-app.js';
import { postAssets, partyPhoto } from '../helpers/photos.js';

const DAY = 86_400_000;

describe.each(engines)('trash on %s', (engine) => {
  let t: TestApp;
  let alice: TestUser, bob: TestUser;
  // The trash's clock: the purge test moves it past KITH_TRASH_DAYS.
  let clock = Date.UTC(2026, 5, 1);
  // Photo n: one of the six party fixtures at a width of its own, so each n is different bytes.
  const upload = async (user: TestUser, n: number) => {
    const data = await partyPhoto((n % 6) + 1, { width: 300 + n, capturedAt: new Date(Date.UTC(2026, 4, n)) });
    const res = await postAssets(t.app, user, [{ filename: `t${n}.jpg`, data }]);
    return res.json().results[0] as { status: string; restored?: boolean; asset: { id: string } };
  };
  const row = (id: string) => t.container.db.selectFrom('asset').selectAll().where('id', '=', id).executeTakeFirst();
  const timelineIds = async (user: TestUser) => (await as(t.app, user).get('/api/assets')).json().items.map((a: any) => a.id);
  const trashIds = async (user: TestUser) => (await as(t.app, user).get('/api/trash')).json().items.map((a: any) => a.id);

  beforeAll(async () => {
    t = await createTestApp(engine, { trashMs: 30 * DAY }, { now: () => clock });
    alice = await signup(t.app, 'alice');
    bob = await signup(t.app, 'bob');
  });
  afterAll(async () => t?.close());

  it('moves photos to the trash, hides them from the timeline and albums, restores them, and says what a shared album would lose', async () => {
    const a = (await upload(alice, 1)).asset.id;
    const b = (await upload(alice, 2)).asset.id;
    await t.container.jobs.drain();
    const album = (await as(t.app, alice).post('/api/albums', { name: 'Picnic', assetIds: [a, b] })).json().album;
    await t.container.repos.albums.addMembers(album.id, [bob.id], Date.now());

    const impact = (await as(t.app, alice).post('/api/assets/deletion-impact', { assetIds: [a] })).json();
    expect(impact).toEqual({ albums: [{ id: album.id, name: 'Picnic', others: 1, assets: 1 }], people: 1 });
    expect((await as(t.app, bob).post('/api/assets/deletion-impact', { assetIds: [a] })).statusCode).toBe(404);

    const moved = await as(t.app, alice).delete('/api/assets', { assetIds: [a, a] });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toEqual({ trashed: 1, purgeAt: new Date(clock + 30 * DAY).toISOString() });
    expect(await timelineIds(alice)).toEqual([b]);
    const seen = (await as(t.app, alice).get(`/api/albums/${album.id}`)).json().album;
    expect(seen.assets.map((x: any) => x.id)).toEqual([b]);
    expect((await as(t.app, alice).get('/api/albums')).json().albums.find((x: any) => x.id === album.id).assetCount).toBe(1);
    // Bob, a member, no longer sees it at all; Alice still sees it in her trash, thumbnail included.
    expect((await as(t.app, bob).get(`/api/assets/${a}`)).statusCode).toBe(404);
    expect((await as(t.app, bob).get(`/api/assets/${a}/thumbnail`)).statusCode).toBe(404);
    expect((await as(t.app, alice).get(`/api/assets/${a}/thumbnail`)).statusCode).toBe(200);
    const trash = (await as(t.app, alice).get('/api/trash')).json();
    expect(trash).toMatchObject({ total: 1, days: 30, nextCursor: null });
    expect(trash.items[0]).toMatchObject({ id: a, trashedAt: new Date(clock).toISOString() });
    expect((await as(t.app, bob).get('/api/trash')).json().total).toBe(0);
    // A trashed photo cannot be added to an album.
    expect((await as(t.app, alice).post(`/api/albums/${album.id}/assets`, { assetIds: [a] })).statusCode).toBe(404);

    // Deleting for ever is only for photos in the trash; others' ids are 404, never 403.
    expect((await as(t.app, alice).delete(`/api/trash/${b}`)).json().code).toBe('not_in_trash');
    expect((await as(t.app, bob).delete(`/api/trash/${a}`)).statusCode).toBe(404);
    expect((await as(t.app, bob).post('/api/trash/restore', { assetIds: [a] })).statusCode).toBe(404);

    expect((await as(t.app, alice).post('/api/trash/restore', { assetIds: [a] })).json()).toEqual({ restored: 1 });
    expect(await timelineIds(alice)).toEqual([b, a]);
    expect((await as(t.app, bob).get(`/api/assets/${a}`)).statusCode).toBe(200);
    expect((await as(t.app, alice).get(`/api/albums/${album.id}`)).json().album.assets).toHaveLength(2);
  });

  it('validates bodies and cursors with stable codes', async () => {
    expect((await as(t.app, alice).delete('/api/assets', { assetIds: [] })).json().code).toBe('invalid_request');
    expect((await as(t.app, alice).delete('/api/assets', { assetIds: ['nope'] })).json().code).toBe('invalid_request');
    expect((await as(t.app, alice).get('/api/trash?cursor=garbage')).json().code).toBe('invalid_cursor');
    expect((await as(t.app, alice).delete('/api/assets', { assetIds: [crypto.randomUUID()] })).json().code).toBe('not_found');
  });

  it('restores a trashed photo uploaded again (dedupe counts the trash), and DELETE /api/assets/{id} moves to the trash', async () => {
    const first = await upload(alice, 3);
    expect((await as(t.app, alice).delete(`/api/assets/${first.asset.id}`)).statusCode).toBe(204);
    expect((await row(first.asset.id))?.trashed_at).toBe(clock);
    const again = await upload(alice, 3);
    expect(again).toMatchObject({ status: 'duplicate', restored: true, asset: { id: first.asset.id, trashedAt: null } });
    expect(await trashIds(alice)).not.toContain(first.asset.id);
  });

  it('empties the trash and frees blobs only when nothing else references them', async () => {
    await t.container.jobs.drain();
    // Bob holds the same bytes as Alice's photo 4: one blob, two assets.
    const mine = (await upload(alice, 4)).asset.id;
    const his = (await upload(bob, 4)).asset.id;
    const lonely = (await upload(alice, 5)).asset.id;
    await t.container.jobs.drain();
    const shared = (await row(mine))!;
    const own = (await row(lonely))!;
    expect((await row(his))!.sha256).toBe(shared.sha256);

    await as(t.app, alice).delete('/api/assets', { assetIds: [mine, lonely] });
    // In the trash: nothing is freed.
    for (const sha of [shared.sha256, own.sha256, own.thumbnail_sha256!, own.preview_sha256!])
      expect(await t.container.blobs.has(sha)).toBe(true);
    expect((await as(t.app, alice).post('/api/trash/empty')).json().deleted).toBeGreaterThanOrEqual(2);
    expect(await row(mine)).toBeUndefined();
    expect(await row(lonely)).toBeUndefined();
    expect(await t.container.blobs.has(shared.sha256)).toBe(true); // Bob's copy still uses it
    for (const sha of [own.sha256, own.thumbnail_sha256!, own.preview_sha256!]) expect(await t.container.blobs.has(sha)).toBe(false);
    expect((await as(t.app, bob).get(`/api/assets/${his}/original`)).statusCode).toBe(200);
    expect(await trashIds(alice)).toEqual([]);
  });

  it('deletes chosen photos of the trash for ever, and the purge job takes what stayed longer than KITH_TRASH_DAYS', async () => {
    const old = (await upload(alice, 6)).asset.id;
    await as(t.app, alice).delete('/api/assets', { assetIds: [old] });
    clock += 10 * DAY;
    const recent = (await upload(alice, 7)).asset.id;
    const chosen = (await upload(alice, 8)).asset.id;
    await as(t.app, alice).delete('/api/assets', { assetIds: [recent, chosen] });
    expect((await as(t.app, alice).delete('/api/trash', { assetIds: [chosen] })).json()).toEqual({ deleted: 1 });
    expect(await row(chosen)).toBeUndefined();

    clock += 20 * DAY + 1; // `old` has now been in the trash 30 days and 1 ms; `recent` 20 days
    await t.container.jobs.enqueue('trash.purge', {});
    await t.container.jobs.drain();
    expect(await row(old)).toBeUndefined();
    expect((await row(recent))?.trashed_at).toBe(clock - 20 * DAY - 1);
    expect(await trashIds(alice)).toEqual([recent]);
    expect(await t.container.trash.purgeExpired()).toBe(0); // idempotent
  });

  it('pages the trash by deletion time', async () => {
    await as(t.app, alice).post('/api/trash/empty');
    const ids: string[] = [];
    for (const n of [9, 10, 11]) {
      clock += 1000;
      const id = (await upload(alice, n)).asset.id;
      await as(t.app, alice).delete('/api/assets', { assetIds: [id] });
      ids.push(id);
    }
    const first = (await as(t.app, alice).get('/api/trash?limit=2')).json();
    expect(first.items.map((a: any) => a.id)).toEqual([ids[2], ids[1]]);
    const second = (await as(t.app, alice).get(`/api/trash?limit=2&cursor=${first.nextCursor}`)).json();
    expect(second).toMatchObject({ nextCursor: null, total: 3 });
    expect(second.items.map((a: any) => a.id)).toEqual([ids[0]]);
    expect((await as(t.app, alice).post('/api/trash/restore', {})).json()).toEqual({ restored: 3 });
  });
});
