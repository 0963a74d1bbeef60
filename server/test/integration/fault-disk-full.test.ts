import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signup, type TestApp, type TestUser } from '../helpers/test-app.js';
import { partyPhoto } from '../helpers/photos.js';
import { urlOf } from '../helpers/now-playing.js';
import { loopServer, patternPng, type LoopServer } from '../helpers/region-fixtures.js';

// Fault: disk full on the blob store: the data dir (blobs/ and tmp/) is a 3 MiB tmpfs; the
// database stays on the normal disk, so only the blob store fills up.
const mnt = fs.mkdtempSync(path.join(os.tmpdir(), 'kith-full-'));
let skip: string | undefined;
try {
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=3m', 'tmpfs', mnt], { stdio: 'pipe' });
} catch (e) {
  skip = `cannot mount a tmpfs (needs root): ${(e as Error).message.split('\n')[0]}`;
  console.warn(`fault-disk-full skipped: ${skip}`);
}

/** Every file under blobs/ and tmp/ of the data dir, as paths relative to it. */
function filesUnder(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

describe.skipIf(!!skip)('disk full on the blob store: 507 insufficient_storage, nothing half-written', () => {
  let t: TestApp;
  let url: string;
  let alice: TestUser;
  let images: LoopServer;

  beforeAll(async () => {
    const pattern = await patternPng(320, 240);
    images = await loopServer((req, res) => res.writeHead(200, { 'content-type': 'image/png' }).end(pattern));
    t = await createTestApp('sqlite', { dataDir: mnt, fetchAllow: ['127.0.0.1/32'] });
    url = await urlOf(t.app);
    alice = await signup(t.app, 'alice');
  });
  afterAll(async () => {
    await t?.close();
    await images?.close();
    // Lazily if a handle is still closing: the mount must not outlive the test.
    if (!skip) execFileSync('umount', ['-l', mnt]);
    fs.rmSync(mnt, { recursive: true, force: true });
  });

  /** POST /api/assets over real HTTP (the body is still streaming when the disk fills). */
  const upload = async (data: Buffer) => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(data)], { type: 'image/jpeg' }), 'party.jpg');
    const res = await fetch(`${url}/api/assets`, {
      method: 'POST',
      body: form,
      headers: { cookie: alice.cookie },
      signal: AbortSignal.timeout(60_000),
    });
    return { status: res.status, body: (await res.json()) as any };
  };
  const shareRegion = async () => {
    const res = await fetch(`${url}/api/region-shares`, {
      method: 'POST',
      headers: { cookie: alice.cookie, 'content-type': 'application/json' },
      body: JSON.stringify({
        pageUrl: 'http://blog.test/post/1',
        imageUrl: `${images.url}/pattern.png`,
        imageIndex: 0,
        rect: { x: 40, y: 30, width: 120, height: 90 },
        fraction: { x: 40 / 320, y: 30 / 240, width: 120 / 320, height: 90 / 240 },
        naturalWidth: 320,
        naturalHeight: 240,
        target: 'kith',
      }),
      signal: AbortSignal.timeout(60_000),
    });
    return { status: res.status, body: (await res.json()) as any };
  };
  /** Blob digests the database points at: originals, thumbnails, previews. */
  const referenced = async () => {
    await t.container.jobs.drain();
    const rows = await t.container.db.selectFrom('asset').select(['sha256', 'thumbnail_sha256', 'preview_sha256']).execute();
    return new Set(rows.flatMap((r) => [r.sha256, r.thumbnail_sha256, r.preview_sha256]).filter(Boolean) as string[]);
  };
  /** Nothing half-written: no temp file, and every blob on disk belongs to a row. */
  const expectNothingHalfWritten = async () => {
    const refs = await referenced();
    const files = filesUnder(mnt).filter((f) => f.startsWith('blobs/') || f.startsWith('tmp/'));
    expect(files.filter((f) => f.startsWith('tmp/'))).toEqual([]);
    expect(files.filter((f) => !refs.has(path.basename(f)))).toEqual([]);
  };
  const assetCount = async () => (await t.container.db.selectFrom('asset').select('id').execute()).length;

  it('uploads until the disk is full: the failing one answers 507 and leaves no temp file, blob or row; deleting photos frees room', async () => {
    const created: string[] = [];
    let full: { status: number; body: any } | undefined;
    let failedBytes: Buffer | undefined;
    for (let i = 0; i < 40 && !full; i++) {
      const data = await partyPhoto((i % 6) + 1, { width: 1400 + i, quality: 95 });
      const res = await upload(data);
      if (res.status === 200) {
        expect(res.body.created).toBe(1);
        created.push(res.body.results[0].asset.id);
        await t.container.jobs.drain(); // its preview is written too, before the next upload
      } else {
        full = res;
        failedBytes = data;
      }
    }
    console.log(
      `fault-disk-full: ${created.length} photos fit on the 3 MiB tmpfs; upload ${created.length + 1} answered ${full?.status} ${full?.body.code}`,
    );
    expect(created.length).toBeGreaterThan(0);
    expect(full?.status).toBe(507);
    expect(full?.body).toMatchObject({ code: 'insufficient_storage', message: expect.stringMatching(/storage is full.*Free space/) });
    await expectNothingHalfWritten();
    expect(await assetCount()).toBe(created.length);
    const failedSha = crypto.createHash('sha256').update(failedBytes!).digest('hex');
    expect(filesUnder(mnt).some((f) => f.endsWith(failedSha))).toBe(false);

    // Free space by deleting two photos for ever (force: the trash would keep their blobs): the same upload now succeeds, with no restart.
    for (const id of created.splice(0, 2)) {
      const del = await fetch(`${url}/api/assets/${id}?force=true`, { method: 'DELETE', headers: { cookie: alice.cookie } });
      expect(del.status).toBe(204);
    }
    const retried = await upload(failedBytes!);
    expect(retried.status).toBe(200);
    expect(retried.body.results[0].status).toBe('created');
    const row = await t.container.db
      .selectFrom('asset')
      .select('sha256')
      .where('id', '=', retried.body.results[0].asset.id)
      .executeTakeFirstOrThrow();
    expect(row.sha256).toBe(failedSha);
    await expectNothingHalfWritten();
  });

  it('a region share (a crop Kith encodes and stores without a temp file) also answers 507 and keeps nothing, then works once there is room', async () => {
    // Fill what is left with a file outside Kith's dirs, to the last byte.
    const filler = path.join(mnt, 'filler');
    const fd = fs.openSync(filler, 'w');
    try {
      for (;;) fs.writeSync(fd, Buffer.alloc(64 * 1024));
    } catch (e) {
      expect((e as NodeJS.ErrnoException).code).toBe('ENOSPC');
    } finally {
      fs.closeSync(fd);
    }
    const before = { assets: await assetCount(), files: filesUnder(mnt) };
    const refused = await shareRegion();
    expect(refused.status, JSON.stringify(refused.body)).toBe(507);
    expect(refused.body.code).toBe('insufficient_storage');
    expect(await assetCount()).toBe(before.assets);
    expect(filesUnder(mnt)).toEqual(before.files);
    expect(await t.container.db.selectFrom('region_share').select('id').execute()).toEqual([]);
    await expectNothingHalfWritten();

    fs.rmSync(filler);
    const shared = await shareRegion();
    expect(shared.status).toBe(201);
    expect(await assetCount()).toBe(before.assets + 1);
  });
});
