import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Of, thumbnailOf } from '../../src/assets/asset-derivatives.js';
import { createAssetCommit } from '../../src/assets/asset-commit.js';
import type { Principal } from '../../src/common/principal.js';
import { createTestApp, engines, signup, type TestApp, type TestUser } from '../helpers/test-app.js';
import { postAssets } from '../helpers/photos.js';
import { patternPng } from '../helpers/region-fixtures.js';

/**
 * `assets.ingestDerived`: the path for images Kith encoded itself (region crops). It skips the
 * spool and the verifying decode, and must otherwise behave exactly like an upload: same row,
 * content-addressed blobs, dedupe by hash, nothing left behind when a step fails.
 */
describe.each(engines)('derived-image ingest on %s', (engine) => {
  let t: TestApp;
  let alice: TestUser;
  let bob: TestUser;
  let png: Buffer;
  const principal = (u: TestUser): Principal => ({ accountId: u.id, username: u.username, via: 'session' });
  const pixels = () => sharp(png);
  const derived = (u: TestUser, over: Record<string, unknown> = {}) =>
    t.container.assets.ingestDerived(principal(u), {
      bytes: png,
      mime: 'image/png',
      width: 320,
      height: 240,
      filename: 'crop-region.png',
      ...over,
    });
  const blobFiles = () => {
    const out: string[] = [];
    const walk = (d: string) =>
      fs.readdirSync(d, { withFileTypes: true }).forEach((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : out.push(e.name)));
    walk(path.join(t.config.dataDir, 'blobs'));
    return out.sort();
  };
  const rowsOf = (u: TestUser) => t.container.db.selectFrom('asset').selectAll().where('owner_id', '=', u.id).execute();

  beforeAll(async () => {
    t = await createTestApp(engine);
    alice = await signup(t.app, 'alice');
    bob = await signup(t.app, 'bob');
    png = await patternPng(320, 240);
  });
  afterAll(async () => t?.close());

  it('stores the same row and blobs as uploading the same bytes, without the verifying decode', async () => {
    const up = await postAssets(t.app, bob, [{ filename: 'crop-region.png', data: png, type: 'image/png' }]);
    expect(up.statusCode, up.body).toBe(200);
    const r = await derived(alice, { eventsDetected: true });
    expect(r.status).toBe('created');
    await t.container.jobs.drain(); // previews are background work on both paths
    const [mine] = await rowsOf(alice);
    const [theirs] = await rowsOf(bob);
    const shape = ({ id: _i, owner_id: _o, created_at: _c, captured_at: _t, events_detected: _e, ...rest }: typeof mine) => rest;
    // Same sha256, mime, size, dimensions, name, and the same thumbnail and preview bytes.
    expect(shape(mine)).toEqual(shape(theirs));
    expect(mine.events_detected).toBe(1);
    expect(await t.container.blobs.read(mine.sha256)).toEqual(png);
    expect(await t.container.blobs.has(mine.thumbnail_sha256!)).toBe(true);
  });

  it('answers the existing asset for the same bytes (dedupe by hash), adding no row', async () => {
    const before = await rowsOf(alice);
    const again = await derived(alice);
    expect(again).toMatchObject({ status: 'duplicate', asset: { id: before[0].id } });
    expect(await rowsOf(alice)).toHaveLength(before.length);
  });

  it('leaves no blob and no row when the thumbnail fails or the insert fails', async () => {
    png = await patternPng(300, 200); // new bytes, so nothing is a duplicate
    const blobsBefore = blobFiles();
    // The commit both ingest paths share, given a thumbnail (as an upload's verifying decode
    // makes one) whose blob write fails after the original's succeeded.
    const { blobs, jobs, realtime } = t.container;
    const thumbnail = await thumbnailOf(pixels()).toBuffer();
    const failing = {
      ...blobs,
      putBuffer: (d: Buffer, sha: string) =>
        sha === sha256Of(thumbnail) ? Promise.reject(new Error('disk full')) : blobs.putBuffer(d, sha),
    };
    const commit = createAssetCommit({ repo: t.container.repos.assets, blobs: failing, jobs, realtime, tagAssets: async () => {} });
    const verified = {
      filename: 'crop-region.png',
      sha256: sha256Of(png),
      bytes: png.length,
      mime: 'image/png',
      width: 300,
      height: 200,
      meta: {},
    };
    await expect(
      commit(principal(alice), { ...verified, thumbnail, storeOriginal: () => blobs.putBuffer(png, sha256Of(png)) }),
    ).rejects.toThrow('disk full');
    expect(blobFiles()).toEqual(blobsBefore);

    // An owner that does not exist: the row's foreign key fails after both blobs were written.
    const ghost = { ...alice, id: '00000000-0000-4000-8000-000000000000' };
    await expect(derived(ghost, { width: 300, height: 200 })).rejects.toThrow();
    expect(blobFiles()).toEqual(blobsBefore);
    expect(await rowsOf(ghost)).toEqual([]);
    expect(fs.readdirSync(path.join(t.config.dataDir, 'tmp'))).toEqual([]);
  });

  it('refuses arguments that break the contract (not an accepted type, no size)', async () => {
    await expect(derived(alice, { mime: 'text/html' })).rejects.toThrow(/not a derived image/);
    await expect(derived(alice, { width: 0 })).rejects.toThrow(/bad size/);
  });
});
