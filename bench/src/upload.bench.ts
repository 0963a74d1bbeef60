/**
 * `npm run bench:upload`: photos/s of `kith upload` (the real CLI, `node cli/bin/kith.mjs upload DIR`) beside a bare
 * baseline in the same run: SHA-256 of each file plus one plain multipart `POST /api/assets` per file with fetch,
 * the same files, the same concurrency, each against a fresh `kith serve` (SQLite, temp data dir).
 *
 * The baseline runs before and after Kith and its mean is used, so load that comes and goes weighs on both sides.
 * Kith's time runs from spawning the CLI to its exit (so it includes Node + tsx start-up, file discovery, the
 * existence check and the summary); the baseline's from its first hash to its last answer. Then the CLI runs again
 * over the same folder: that re-run must upload nothing. Printed figures only; never part of the test pass/fail.
 */
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import { createReadStream, openAsBlob } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { makePhotoFixture } from './fixtures.js';
import { mapLimit, signupCookie, startKithServer, verdict, type KithChild } from './bench-harness.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PHOTOS = Number(process.env.BENCH_PHOTOS ?? 60);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
const WIDTHS = [1024, 1600, 2048];
const TARGET_RATIO = 0.8;
/** Face analysis is off unless the bench's environment turns it on: this measures uploading, not faces. */
const SERVER_ENV = { KITH_FACE_ANALYSIS: process.env.KITH_FACE_ANALYSIS ?? 'off' };

/** Distinct JPEGs on disk: the party photos at three widths, one minute apart. @returns the folder. */
async function buildFolder(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kith-bench-upload-'));
  const start = new Date(2026, 5, 13, 18, 0, 0).getTime();
  await mapLimit(
    Array.from({ length: PHOTOS }, (_, i) => i),
    2,
    async (i) => {
      const jpeg = await makePhotoFixture(i % 6, {
        width: WIDTHS[Math.floor(i / 6) % WIDTHS.length],
        capturedAt: new Date(start + i * 60_000),
      });
      await fs.writeFile(path.join(dir, `party-${String(i).padStart(3, '0')}.jpg`), jpeg);
    },
  );
  return dir;
}

/** A fresh server with one account and an `upload` token for it. */
async function freshServer(): Promise<{ server: KithChild; token: string }> {
  const server = await startKithServer({ env: SERVER_ENV });
  const cookie = await signupCookie(server.url, 'bench');
  const res = await fetch(`${server.url}/api/me/tokens`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'bench', scope: 'upload' }),
  });
  if (res.status !== 201) throw new Error(`token: HTTP ${res.status} ${await res.text()}`);
  return { server, token: ((await res.json()) as { token: string }).token };
}

/** The bare baseline: hash, then one multipart POST per file, `CONCURRENCY` at a time. @returns seconds. */
async function baseline(files: string[]): Promise<number> {
  const { server, token } = await freshServer();
  try {
    const t0 = performance.now();
    await mapLimit(files, CONCURRENCY, async (file) => {
      const hash = crypto.createHash('sha256');
      await pipeline(createReadStream(file), hash);
      hash.digest('hex');
      const form = new FormData();
      form.append('file', await openAsBlob(file), path.basename(file));
      const res = await fetch(`${server.url}/api/assets`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
      const body = (await res.json()) as { created?: number };
      if (res.status !== 200 || body.created !== 1)
        throw new Error(`baseline upload of ${file}: HTTP ${res.status} ${JSON.stringify(body)}`);
    });
    return (performance.now() - t0) / 1000;
  } finally {
    await server.stop();
  }
}

/** Runs the real CLI; @returns seconds from spawn to exit and its `--json` summary. */
async function runCli(server: KithChild, token: string, dir: string): Promise<{ seconds: number; summary: Record<string, number> }> {
  const t0 = performance.now();
  const child = spawn(process.execPath, ['cli/bin/kith.mjs', 'upload', dir, '--concurrency', String(CONCURRENCY), '--json'], {
    cwd: REPO,
    env: { ...process.env, KITH_URL: server.url, KITH_TOKEN: token },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  const seconds = (performance.now() - t0) / 1000;
  if (code !== 0) throw new Error(`kith upload exited ${code}:\n${out}\n${err}`);
  return { seconds, summary: JSON.parse(out) as Record<string, number> };
}

/** `node cli/bin/kith.mjs upload --help`: the CLI's fixed start-up cost (Node + tsx + commander), seconds. */
async function startupSeconds(): Promise<number> {
  const t0 = performance.now();
  const child = spawn(process.execPath, ['cli/bin/kith.mjs', 'upload', '--help'], { cwd: REPO, stdio: 'ignore' });
  await new Promise((resolve) => child.once('exit', resolve));
  return (performance.now() - t0) / 1000;
}

async function main(): Promise<void> {
  const dir = await buildFolder();
  const files = (await fs.readdir(dir)).sort().map((f) => path.join(dir, f));
  const megabytes = (await Promise.all(files.map((f) => fs.stat(f)))).reduce((n, s) => n + s.size, 0) / 1e6;
  console.log(
    `bench:upload: ${PHOTOS} photos (${megabytes.toFixed(1)} MB), concurrency ${CONCURRENCY}, load average ${os.loadavg()[0].toFixed(1)}`,
  );
  try {
    const before = await baseline(files);
    console.log(`  baseline (hash + fetch multipart), first:  ${(PHOTOS / before).toFixed(2)} photos/s (${before.toFixed(1)} s)`);

    const { server, token } = await freshServer();
    let kith: number;
    let rerun: { seconds: number; summary: Record<string, number> };
    try {
      const first = await runCli(server, token, dir);
      if (first.summary.new !== PHOTOS)
        throw new Error(`kith upload stored ${first.summary.new} of ${PHOTOS}: ${JSON.stringify(first.summary)}`);
      kith = first.seconds;
      console.log(`  kith upload:                               ${(PHOTOS / kith).toFixed(2)} photos/s (${kith.toFixed(1)} s)`);
      rerun = await runCli(server, token, dir);
    } finally {
      await server.stop();
    }

    const after = await baseline(files);
    console.log(`  baseline (hash + fetch multipart), second: ${(PHOTOS / after).toFixed(2)} photos/s (${after.toFixed(1)} s)`);
    const base = (before + after) / 2;
    const ratio = base / kith;
    const startup = await startupSeconds();
    console.log(
      `  re-run over the same folder: ${rerun.summary.new} new, ${rerun.summary.duplicate} duplicate in ${rerun.seconds.toFixed(1)} s`,
    );
    console.log(`  CLI start-up alone (kith upload --help): ${startup.toFixed(1)} s`);
    console.log(`  kith ÷ baseline (photos/s): ${ratio.toFixed(2)}  ${verdict(ratio >= TARGET_RATIO, `≥ ${TARGET_RATIO}`)}`);
    console.log(`  re-run uploads nothing: ${verdict(rerun.summary.new === 0 && rerun.summary.duplicate === PHOTOS, '0 new')}`);
    console.log(`  load average at the end: ${os.loadavg()[0].toFixed(1)}`);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

await main();
