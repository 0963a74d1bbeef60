/**
 * `kith login` and `kith upload` as a person runs them: the real CLI (`node cli/bin/kith.mjs`) against a real
 * server on loopback, over a folder of real photos (the face-api party photos and images made with sharp).
 * A second run uploads nothing; a run killed with SIGKILL mid-way and run again leaves every photo exactly once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partyPath, partyPhoto } from '../../server/test/helpers/photos.js';
import { exited, REPO_ROOT, startKith, type KithServer } from '../src/harness.js';

interface Summary {
  new: number;
  duplicate: number;
  failed: number;
  skipped: number;
  total: number;
  album: { name: string; id: string | null; created: boolean; assets: number } | null;
  failures: { path: string; code: string | null; message: string | null }[];
}

describe('kith upload against a real server', () => {
  let kith: KithServer;
  let work: string;
  let env: { XDG_CONFIG_HOME: string };
  let cookie: string;

  /** Starts the real CLI with the test's XDG_CONFIG_HOME (where `kith login` saved the token). */
  const start = (args: string[], stdin?: string): ChildProcess => {
    const child = spawn(process.execPath, ['cli/bin/kith.mjs', ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, KITH_URL: '', KITH_TOKEN: '', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    child.stdin!.end(stdin ?? '');
    return child;
  };
  const run = async (args: string[], stdin?: string) => {
    const child = start(args, stdin);
    let out = '';
    let err = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    await exited(child);
    return { code: child.exitCode, out, err };
  };
  const upload = async (args: string[]): Promise<{ code: number | null; summary: Summary; err: string }> => {
    const r = await run(['upload', ...args, '--json']);
    try {
      return { code: r.code, summary: JSON.parse(r.out) as Summary, err: r.err };
    } catch {
      throw new Error(`kith upload printed no JSON (exit ${r.code}).\nstdout: ${r.out}\nstderr: ${r.err}`);
    }
  };
  /** Every asset of alice's library, by the API (one page holds them all). */
  const assets = async () => {
    const res = await fetch(`${kith.url}/api/assets?limit=500`, { headers: { cookie } });
    expect(res.status).toBe(200);
    return ((await res.json()) as { items: { id: string; originalName: string; bytes: number }[] }).items;
  };

  beforeAll(async () => {
    kith = await startKith();
    work = await fs.mkdtemp(path.join(os.tmpdir(), 'kith-cli-upload-'));
    env = { XDG_CONFIG_HOME: path.join(work, 'config') };
    const res = await fetch(`${kith.url}/api/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'alice', password: 'correct horse alice' }),
    });
    expect(res.status).toBe(201);
    cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');

    // The party: the six real photos as they are, two images made with sharp, and things that are not photos.
    const party = path.join(work, 'party');
    await fs.mkdir(path.join(party, 'made'), { recursive: true });
    for (let n = 1; n <= 6; n++) await fs.copyFile(partyPath(n), path.join(party, `sample${n}.jpg`));
    await sharp({ create: { width: 900, height: 600, channels: 3, background: '#2a6f97' } })
      .png()
      .toFile(path.join(party, 'made', 'banner.png'));
    await sharp({ create: { width: 640, height: 480, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 128, sigma: 40 } } })
      .webp()
      .toFile(path.join(party, 'made', 'noise.webp'));
    await fs.writeFile(path.join(party, 'guest-list.txt'), 'ann, bob\n');
    await fs.writeFile(path.join(party, '.DS_Store'), 'finder');
  });
  afterAll(async () => {
    await kith?.stop();
    if (work) await fs.rm(work, { recursive: true, force: true });
  });

  it('kith login mints a token with the password and saves it with mode 0600', async () => {
    const r = await run(['login', kith.url, '--username', 'alice', '--password-stdin'], 'correct horse alice\n');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain(`Logged in to ${kith.url} as alice`);
    const file = path.join(env.XDG_CONFIG_HOME, 'kith', 'config.json');
    expect((await fs.stat(file)).mode & 0o777).toBe(0o600);
    const saved = JSON.parse(await fs.readFile(file, 'utf8')) as { url: string; token: string; scope: string };
    expect(saved).toMatchObject({ url: kith.url, scope: 'full' });
    const me = await fetch(`${kith.url}/api/me`, { headers: { authorization: `Bearer ${saved.token}` } });
    expect(me.status).toBe(200);

    const wrong = await run(['login', kith.url, '--username', 'alice', '--password-stdin'], 'not her password\n');
    expect(wrong.code).toBe(1);
    expect(wrong.err).toMatch(/401 invalid_credentials/);
  });

  it('uploads a folder once: the second run reports 0 new, and the album holds every photo', async () => {
    const first = await upload([path.join(work, 'party'), '--recursive', '--album', 'Summer party']);
    expect(first.code, first.err).toBe(0);
    expect(first.summary).toMatchObject({ new: 8, duplicate: 0, failed: 0, skipped: 1, total: 9 });
    expect(first.summary.album).toMatchObject({ name: 'Summer party', created: true, assets: 8 });

    const second = await upload([path.join(work, 'party'), '--recursive', '--album', 'Summer party']);
    expect(second.code, second.err).toBe(0);
    expect(second.summary).toMatchObject({ new: 0, duplicate: 8, failed: 0, skipped: 1 });
    expect(second.summary.album).toMatchObject({ id: first.summary.album!.id, created: false });

    const library = await assets();
    expect(library).toHaveLength(8);
    expect(library.map((a) => a.originalName).sort()).toEqual(
      ['banner.png', 'noise.webp', ...[1, 2, 3, 4, 5, 6].map((n) => `sample${n}.jpg`)].sort(),
    );
    const album = await fetch(`${kith.url}/api/albums/${first.summary.album!.id}`, { headers: { cookie } });
    expect(((await album.json()) as { album: { assets: unknown[] } }).album.assets).toHaveLength(8);
  });

  it('a file the server refuses is a failure with its code, and the exit code is 1', async () => {
    const bad = path.join(work, 'bad');
    await fs.mkdir(bad);
    await fs.writeFile(path.join(bad, 'truncated.jpg'), (await fs.readFile(partyPath(1))).subarray(0, 5000));
    await fs.copyFile(partyPath(2), path.join(bad, 'sample2.jpg'));
    const r = await upload([bad]);
    expect(r.code).toBe(1);
    expect(r.summary).toMatchObject({ new: 0, duplicate: 1, failed: 1 });
    expect(r.summary.failures).toEqual([{ path: path.join(bad, 'truncated.jpg'), code: 'invalid_image', message: expect.any(String) }]);
    expect(await assets()).toHaveLength(8);
  });

  it('survives kill -9 mid-run: the re-run uploads only what is missing, and nothing is stored twice', async () => {
    const many = path.join(work, 'many');
    await fs.mkdir(many);
    const total = 24;
    // Distinct bytes for each: the party photos at several widths, each with its own capture time.
    for (let i = 0; i < total; i++) {
      const jpeg = await partyPhoto((i % 6) + 1, {
        width: 1200 + 100 * Math.floor(i / 6),
        capturedAt: new Date(Date.UTC(2026, 5, 13, 20, i)),
      });
      await fs.writeFile(path.join(many, `shot-${String(i).padStart(2, '0')}.jpg`), jpeg);
    }
    const before = (await assets()).length;

    const child = start(['upload', many, '--concurrency', '1', '--json']);
    // Kill as soon as the server holds the first photo of this run: mid-run, with uploads still to go.
    while ((await assets()).length === before) {
      if (child.exitCode !== null) throw new Error(`kith upload ended (exit ${child.exitCode}) before any photo arrived`);
      await new Promise((r) => setTimeout(r, 100));
    }
    child.kill('SIGKILL');
    await exited(child);
    expect(child.signalCode).toBe('SIGKILL');
    const atKill = (await assets()).length - before;
    expect(atKill, 'the run must be killed before it has sent everything').toBeLessThan(total);

    const again = await upload([many, '--concurrency', '2']);
    expect(again.code, again.err).toBe(0);
    expect(again.summary.failed).toBe(0);
    expect(again.summary.new + again.summary.duplicate).toBe(total);
    expect(again.summary.duplicate).toBeGreaterThanOrEqual(atKill);

    const library = await assets();
    expect(library).toHaveLength(before + total);
    const names = library.map((a) => a.originalName).filter((n) => n.startsWith('shot-'));
    expect(new Set(names).size).toBe(total);

    const third = await upload([many]);
    expect(third.summary).toMatchObject({ new: 0, duplicate: total, failed: 0 });
  });
});
