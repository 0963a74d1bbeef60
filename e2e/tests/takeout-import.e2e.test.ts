/**
 * `kith import takeout` against a real server: a Takeout export built from the party photos with every
 * naming quirk (e2e/src/takeout-fixture.ts), imported as two .zip parts (alice) and as an extracted
 * folder (bob). Sidecar times, places and captions must land on the photos, the album must come back,
 * and a second run must bring nothing new.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, assert, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { openAs } from '../src/app-fixture.js';
import { expectText, launchBrowser, screenshot } from '../src/browser.js';
import { REPO_ROOT, exited, startKith, type KithServer } from '../src/harness.js';
import { api, apiSignup, type ApiUser } from '../src/now-playing-api.js';
import { takeoutFiles, writeFolder, writeZip, type Expected } from '../src/takeout-fixture.js';

interface Report {
  photos: number;
  created: number;
  duplicates: number;
  failed: unknown[];
  matched: Record<string, number>;
  withoutSidecar: string[];
  skipped: string[];
  albums: Array<{ title: string; created: boolean; added: number; photos: number }>;
}

/** Runs the real CLI with a `full` API token of `user`; @returns its JSON report. */
async function kithImport(kith: KithServer, user: ApiUser, inputs: string[]): Promise<Report> {
  const { token } = await api(kith.url, user, 'POST', '/api/me/tokens', { name: 'takeout', scope: 'full' });
  const child = spawn(process.execPath, ['cli/bin/kith.mjs', 'import', 'takeout', ...inputs, '--json'], {
    cwd: REPO_ROOT,
    env: { ...process.env, KITH_URL: kith.url, KITH_TOKEN: token },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  await exited(child);
  if (child.exitCode !== 0) throw new Error(`kith import takeout exited ${child.exitCode}\nstdout: ${out}\nstderr: ${err}`);
  return JSON.parse(out) as Report;
}

interface Asset {
  id: string;
  originalName: string;
  capturedAt: string;
  capturedAtSource: string;
  latitude: number | null;
  description: string | null;
}

/** Checks every photo against what its sidecar said. */
async function expectLibrary(kith: KithServer, user: ApiUser, expected: Record<string, Expected>) {
  const { items } = (await api(kith.url, user, 'GET', '/api/assets?limit=100')) as { items: Asset[] };
  expect(items.map((a) => a.originalName).sort()).toEqual(Object.keys(expected).sort());
  for (const a of items) {
    const e = expected[a.originalName];
    assert(e, `${a.originalName} is one of the expected names (checked above)`);
    if (e.capturedAt) expect(a, a.originalName).toMatchObject({ capturedAt: e.capturedAt, capturedAtSource: 'client' });
    else expect(a.capturedAtSource, a.originalName).toBe('upload');
    if (e.latitude !== undefined) expect(a.latitude, a.originalName).toBeCloseTo(e.latitude, 4);
    else expect(a.latitude, a.originalName).toBeNull();
    expect(a.description, a.originalName).toBe(e.description ?? null);
  }
  return items;
}

describe('kith import takeout (Google Takeout archives and folders)', () => {
  let kith: KithServer;
  let dir: string;
  let fixture: Awaited<ReturnType<typeof takeoutFiles>>;
  let browser: Browser | undefined;
  beforeAll(async () => {
    kith = await startKith();
    dir = await mkdtemp(path.join(os.tmpdir(), 'kith-takeout-'));
    fixture = await takeoutFiles();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await kith?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('imports a split .zip export with sidecar times, places, captions and albums, and a second run adds nothing', async () => {
    const alice = await apiSignup(kith.url, 'alice', 'Alice Martin');
    // Takeout splits big exports: here the photos are in part 1 and every JSON in part 2.
    const zips = [
      await writeZip(fixture.files, path.join(dir, 'takeout-20240613T000000Z-001.zip'), (p) => !p.endsWith('.json')),
      await writeZip(fixture.files, path.join(dir, 'takeout-20240613T000000Z-002.zip'), (p) => p.endsWith('.json')),
    ];
    const first = await kithImport(kith, alice, zips);
    expect(first).toMatchObject({ photos: fixture.photos, created: 7, duplicates: 1, failed: [] });
    expect(first.matched).toEqual({ exact: 5, truncated: 1, edited: 1 });
    expect(first.withoutSidecar).toEqual(['Takeout/Google Photos/Photos from 2019/IMG_0006.jpg']);
    expect(first.skipped.sort()).toEqual(['Takeout/Google Photos/Photos from 2019/VID_0007.mp4', 'Takeout/archive_browser.html']);
    expect(first.albums).toEqual([{ title: 'Lake weekend', created: true, added: 2, photos: 2 }]);
    const items = await expectLibrary(kith, alice, fixture.expected);

    const { albums } = (await api(kith.url, alice, 'GET', '/api/albums')) as { albums: Array<{ id: string; name: string }> };
    expect(albums.map((a) => a.name)).toEqual(['Lake weekend']);
    const [lake] = albums;
    assert(lake, 'one album');
    const { album } = (await api(kith.url, alice, 'GET', `/api/albums/${lake.id}`)) as { album: { assets: Asset[] } };
    expect(album.assets.map((a) => a.originalName).sort()).toEqual(['IMG_0001.jpg', 'IMG_0005.jpg']);
    expect(album.assets.find((a) => a.originalName === 'IMG_0005.jpg')?.id).toBe(items.find((a) => a.originalName === 'IMG_0005.jpg')?.id);

    // Run again, as after a stop half way: nothing new, the album found and left as it is.
    const second = await kithImport(kith, alice, zips);
    expect(second).toMatchObject({ photos: fixture.photos, created: 0, duplicates: fixture.photos, failed: [] });
    expect(second.albums).toEqual([{ title: 'Lake weekend', created: false, added: 0, photos: 2 }]);
    expect(((await api(kith.url, alice, 'GET', '/api/albums')) as { albums: unknown[] }).albums).toHaveLength(1);
    await expectLibrary(kith, alice, fixture.expected);
  }, 240_000);

  it('imports the extracted folder the same way, completing photos an earlier upload sent bare', async () => {
    const bob = await apiSignup(kith.url, 'bob', 'Bob Stone');
    const folder = await writeFolder(fixture.files, path.join(dir, 'extracted'));
    // An earlier, interrupted attempt left one photo in the library without its sidecar's metadata.
    const form = new FormData();
    const lake = fixture.files.get('Takeout/Google Photos/Lake weekend/IMG_0005.jpg')!;
    form.append('file', new Blob([new Uint8Array(lake)], { type: 'image/jpeg' }), 'IMG_0005.jpg');
    const pre = await fetch(`${kith.url}/api/assets`, { method: 'POST', body: form, headers: { cookie: bob.cookie } });
    expect(((await pre.json()) as { created: number }).created).toBe(1);

    const run = await kithImport(kith, bob, [folder]);
    expect(run).toMatchObject({ photos: fixture.photos, created: 6, duplicates: 2, failed: [] });
    expect(run.albums).toEqual([{ title: 'Lake weekend', created: true, added: 2, photos: 2 }]);
    await expectLibrary(kith, bob, fixture.expected);
    const again = await kithImport(kith, bob, [folder]);
    expect(again).toMatchObject({ created: 0, duplicates: fixture.photos });
  }, 240_000);

  it('imports in the browser: .zip parts at desktop size, the extracted folder on a phone', async () => {
    browser = await launchBrowser();
    const zips = [path.join(dir, 'takeout-20240613T000000Z-001.zip'), path.join(dir, 'takeout-20240613T000000Z-002.zip')];
    const runs = [
      { user: 'carol', viewport: { width: 1280, height: 900 }, input: 'takeout-zip-input', files: zips },
      {
        user: 'dave',
        viewport: { width: 360, height: 780 },
        input: 'takeout-folder-input',
        files: [path.join(dir, 'extracted', 'Takeout')],
      },
    ];
    for (const run of runs) {
      const user = await apiSignup(kith.url, run.user, run.user);
      const page = await openAs(browser, { kith }, user, {
        viewport: run.viewport,
        isMobile: run.viewport.width < 400,
        hasTouch: run.viewport.width < 400,
      });
      await page.goto('/settings');
      await page.getByTestId('settings-import-takeout').click();
      await page.getByTestId('takeout-screen').waitFor();
      await page.getByTestId(run.input).setInputFiles(run.files);
      await expectText(page.getByTestId('takeout-photos'), /8 photos, 7 with Google Photos details/);
      await expectText(page.getByTestId('takeout-albums'), /1 album: Lake weekend/);
      await screenshot(page, `takeout-plan-${run.viewport.width}`);
      await page.getByTestId('takeout-start').click();
      await expectText(page.getByTestId('takeout-done'), /7 new, 1 already in your library/);
      await expectText(page.getByTestId('takeout-album-result'), /Album “Lake weekend”: created, 2 photos added/);
      await screenshot(page, `takeout-done-${run.viewport.width}`);
      await expectLibrary(kith, user, fixture.expected);
      await page.context().close();
    }
  }, 300_000);
});
