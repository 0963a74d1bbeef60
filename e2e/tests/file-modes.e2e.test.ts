/**
 * Files on disk of a real `kith serve` (docs/security.md "Input, files and outbound fetches"): the process sets
 * umask 077, and Kith creates its data directory, database, WAL and blobs 0700/0600. Checked on the real files
 * after real uploads over HTTP, the way an operator would with `ls -l`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modes } from '../../server/test/helpers/file-modes.js';
import { startKith, type KithServer } from '../src/harness.js';
import { pattern } from '../src/region-page.js';

describe('kith serve writes its files for its own user only', () => {
  let parent: string;
  let kith: KithServer;
  beforeAll(async () => {
    parent = fs.mkdtempSync(path.join(os.tmpdir(), 'kith-e2e-modes-'));
    kith = await startKith({}, { dataDir: path.join(parent, 'data') }); // a data directory Kith creates itself
  });
  afterAll(async () => {
    await kith?.stop();
    fs.rmSync(parent, { recursive: true, force: true });
  });

  it('keeps the data directory 0700 and the database, its WAL and the blobs 0600 after uploads', async () => {
    const signup = await fetch(`${kith.url}/api/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'owner', password: 'correct horse owner' }),
    });
    expect(signup.status).toBe(201);
    const cookie = signup.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const form = new FormData();
    for (const n of [1, 2]) form.append('file', new Blob([new Uint8Array(await pattern(96, 64, n))], { type: 'image/png' }), `p${n}.png`);
    const upload = await fetch(`${kith.url}/api/assets`, { method: 'POST', body: form, headers: { cookie } });
    expect(((await upload.json()) as { created: number }).created).toBe(2);

    const all = modes(kith.dataDir);
    expect(all).toContain('. 0700/');
    for (const name of ['kith.db', 'kith.db-wal', 'kith.db-shm', 'secret.key']) expect(all).toContain(`${name} 0600`);
    expect(all.filter((m) => m.startsWith('blobs/') && !m.endsWith('/')).length).toBeGreaterThanOrEqual(2);
    expect(all.filter((m) => !/ (0700\/|0600)$/.test(m))).toEqual([]);
  });
});
