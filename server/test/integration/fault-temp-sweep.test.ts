import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, signup, type Engine, type TestApp } from '../helpers/test-app.js';
import { partyPhoto, postAssets } from '../helpers/photos.js';

const HOUR = 3600_000;

/** A data dir whose tmp/ holds what killed processes left: upload temp files aged as given (ms before now). */
const dirs: string[] = [];
function dataDirWith(files: Record<string, number>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kith-sweep-'));
  fs.mkdirSync(path.join(dir, 'tmp'));
  for (const [name, age] of Object.entries(files)) {
    const file = path.join(dir, 'tmp', name);
    fs.writeFileSync(file, Buffer.alloc(1000));
    const t = new Date(Date.now() - age);
    fs.utimesSync(file, t, t);
  }
  dirs.push(dir);
  return dir;
}
const left = (dir: string) => fs.readdirSync(path.join(dir, 'tmp')).sort();

// Fault: kill -9 an instance mid-upload: the half-written temp file it leaves is swept at the next start.
describe('temp files swept at start-up', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  const boot = async (engine: Engine, dataDir: string) => (t = await createTestApp(engine, { dataDir }));

  it('SQLite (one instance per data dir): every upload temp file from before this process started goes; others stay', async () => {
    const dir = dataDirWith({ 'upload-killed-yesterday': 24 * HOUR, 'upload-killed-just-now': 0, 'notes.txt': 24 * HOUR });
    // "just now" is after this test process started (mtime = now): the cut-off is the process start, not an age.
    await boot('sqlite', dir);
    expect(left(dir)).toEqual(['notes.txt', 'upload-killed-just-now']);
  });

  it('PostgreSQL (instances may share a data dir): only upload temp files untouched for over an hour go', async () => {
    const dir = dataDirWith({ 'upload-orphan': 2 * HOUR, 'upload-other-instance-writing': 10 * 60_000 });
    await boot('postgres', dir);
    expect(left(dir)).toEqual(['upload-other-instance-writing']);
  });

  it('the swept store still takes uploads (the tmp dir is kept)', async () => {
    const dir = dataDirWith({ 'upload-old': 24 * HOUR });
    const { app } = await boot('sqlite', dir);
    expect(left(dir)).toEqual([]);
    const res = await postAssets(app, await signup(app, 'alice'), [{ filename: 'p.jpg', data: await partyPhoto(1), type: 'image/jpeg' }]);
    expect(res.statusCode).toBe(200);
    expect(res.json().created).toBe(1);
    // The upload's own temp file was renamed into the store: nothing is left in tmp/.
    expect(left(dir)).toEqual([]);
  });
});
