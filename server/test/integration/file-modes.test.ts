import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modes } from '../helpers/file-modes.js';
import { as, createTestApp, signup, type TestApp } from '../helpers/test-app.js';
import { partyPhoto, postAssets } from '../helpers/photos.js';
import { patternPng } from '../helpers/region-fixtures.js';

// docs/security.md "Input, files and outbound fetches": the database, its WAL, the blobs, temp files and the
// server secret are Kith's user's alone: directories 0700, files 0600, checked on the real files after real
// uploads. The database is SQLite here (PostgreSQL keeps its files in its own data directory).

describe('files on disk', () => {
  let parent: string;
  let t: TestApp;
  beforeAll(async () => {
    // A data directory Kith creates itself (a fresh install), under the process's usual umask 022.
    parent = fs.mkdtempSync(path.join(os.tmpdir(), 'kith-modes-'));
    const dataDir = path.join(parent, 'data');
    t = await createTestApp('sqlite', { dataDir, database: { engine: 'sqlite', file: path.join(dataDir, 'kith.db') } });
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(parent, { recursive: true, force: true });
  });

  it('keeps directories 0700 and files 0600 after uploads, a region share and the jobs', async () => {
    const alice = await signup(t.app, 'alice');
    const up = await postAssets(
      t.app,
      alice,
      [1, 2].map((n) => ({ filename: `p${n}.jpg`, data: Buffer.alloc(0), type: 'image/jpeg' })),
    );
    expect(up.statusCode).toBeGreaterThanOrEqual(400); // empty files: refused, and their temp files gone
    const photos = await postAssets(t.app, alice, [
      { filename: 'p1.jpg', data: await partyPhoto(1), type: 'image/jpeg' },
      { filename: 'p2.jpg', data: await partyPhoto(2), type: 'image/jpeg' },
    ]);
    expect(photos.json().created).toBe(2);
    const share = await as(t.app, alice).post('/api/region-shares', {
      pageUrl: 'http://blog.test/post',
      imageUrl: 'http://blog.test/p.png',
      imageIndex: 0,
      rect: { x: 0, y: 0, width: 32, height: 24 },
      fraction: { x: 0, y: 0, width: 0.5, height: 0.5 },
      naturalWidth: 64,
      naturalHeight: 48,
      target: 'kith',
      imageData: (await patternPng(64, 48)).toString('base64'),
    });
    expect(share.statusCode, share.body).toBe(201);
    await t.container.jobs.drain(); // thumbnails and previews written

    const all = modes(t.config.dataDir);
    for (const name of ['kith.db', 'kith.db-wal', 'kith.db-shm', 'secret.key']) expect(all).toContain(`${name} 0600`);
    expect(all.filter((m) => m.startsWith('blobs/') && !m.endsWith('/')).length).toBeGreaterThanOrEqual(5); // originals, crop, derivatives
    expect(all.filter((m) => !/ (0700\/|0600)$/.test(m))).toEqual([]);
  });

  it('tightens a data directory an older install left 0755', async () => {
    fs.chmodSync(t.config.dataDir, 0o755);
    fs.chmodSync(path.join(t.config.dataDir, 'kith.db'), 0o644);
    const again = await createTestApp('sqlite', {
      dataDir: t.config.dataDir,
      database: { engine: 'sqlite', file: path.join(t.config.dataDir, 'kith.db') },
    });
    try {
      expect(fs.statSync(t.config.dataDir).mode & 0o777).toBe(0o700);
      expect(fs.statSync(path.join(t.config.dataDir, 'kith.db')).mode & 0o777).toBe(0o600);
    } finally {
      await again.app.close();
      await again.container.close();
    }
  });
});
