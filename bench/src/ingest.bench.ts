/**
 * `npm run bench:ingest`: photos/s and peak memory of Kith ingesting 200 real JPEGs over HTTP,
 * beside bare sharp doing the same image work on the same buffers with the same concurrency.
 *
 * Kith: a child-process server on a temp dir with SQLite; one user; 4 multipart requests in
 * flight, one file each (what the web app does); timed from the first request until the last
 * `asset.ready` (thumbnail + preview written) arrives over socket.io.
 * Baseline: decode + EXIF auto-orient + 1440 px WebP preview + 250 px WebP thumbnail, run
 * before and after Kith (mean), 4 photos in flight.
 * Printed figures only; never part of the test pass/fail.
 */
import os from 'node:os';
import sharp from 'sharp';
import { io } from 'socket.io-client';
import { makePhotoFixture } from './fixtures.js';
import { mapLimit, signupCookie, startKithServer, verdict, type KithChild } from './bench-harness.js';

const PHOTOS = Number(process.env.BENCH_PHOTOS ?? 200);
const WIDTHS = [1024, 1600, 2048, 3000];
const IN_FLIGHT = 4;
const TARGET_RATIO = 0.7;
/** Face analysis is on by default; `KITH_FACE_ANALYSIS=off` in the bench's environment reaches the server. */
const FACES = process.env.KITH_FACE_ANALYSIS !== 'off';
/** Peak RSS targets: ≤ 800 MB with the face workers, < 500 MB without. */
const TARGET_RSS_MB = FACES ? 800 : 500;
/** Idle face workers stop after this long in the bench's server (KITH_FACE_IDLE_SECONDS, default 120 s). */
const FACE_IDLE_SECONDS = 15;
/** RSS of the embedded server at rest (`npm start`): below this. */
const TARGET_IDLE_MB = 400;

/** 200 distinct JPEGs: the six party photos × four widths, one minute apart on one evening. */
async function buildPhotos(): Promise<Buffer[]> {
  const start = new Date(2026, 5, 13, 18, 0, 0).getTime();
  return mapLimit(
    Array.from({ length: PHOTOS }, (_, i) => i),
    2,
    (i) => makePhotoFixture(i % 6, { width: WIDTHS[Math.floor(i / 6) % WIDTHS.length], capturedAt: new Date(start + i * 60_000) }),
  );
}

/** The same derivative work as Kith, with nothing else: one decode feeding both outputs. */
async function baseline(photos: Buffer[]): Promise<number> {
  const t0 = performance.now();
  await mapLimit(photos, IN_FLIGHT, async (buf) => {
    const img = sharp(buf).rotate();
    await Promise.all([
      img.clone().resize({ width: 1440, height: 1440, fit: 'inside', withoutEnlargement: true }).webp({ quality: 80 }).toBuffer(),
      img.clone().resize({ width: 250, height: 250, fit: 'outside', withoutEnlargement: true }).webp({ quality: 75, effort: 2 }).toBuffer(),
    ]);
  });
  return (performance.now() - t0) / 1000;
}

/** Uploads every photo and resolves when all are ready; returns seconds and the server's figures. */
async function kith(server: KithChild, photos: Buffer[]): Promise<{ seconds: number; created: number }> {
  const cookie = await signupCookie(server.url, 'bench');
  const socket = io(server.url, { path: '/api/socket.io', extraHeaders: { cookie }, transports: ['websocket'] });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  const ready = new Set<string>();
  const ids = new Set<string>();
  let uploadsDone = false;
  let finish!: () => void;
  const allReady = new Promise<void>((r) => (finish = r));
  const check = () => uploadsDone && [...ids].every((id) => ready.has(id)) && finish();
  socket.on('asset.ready', ({ assetId }: { assetId: string }) => {
    ready.add(assetId);
    check();
  });

  const t0 = performance.now();
  await mapLimit(photos, IN_FLIGHT, async (buf, i) => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(buf)], { type: 'image/jpeg' }), `bench-${String(i).padStart(3, '0')}.jpg`);
    const res = await fetch(`${server.url}/api/assets`, { method: 'POST', headers: { cookie }, body: form });
    const body = (await res.json()) as { results?: { status: string; asset?: { id: string } }[]; code?: string; message?: string };
    const r = body.results?.[0];
    if (!res.ok || !r?.asset || r.status !== 'created')
      throw new Error(`upload ${i}: HTTP ${res.status} ${r?.status ?? ''} ${body.code ?? ''} ${body.message ?? ''}`);
    ids.add(r.asset.id);
  });
  const uploadSeconds = (performance.now() - t0) / 1000;
  uploadsDone = true;
  check();
  // Safety net: if a realtime event were lost, the listing still tells when everything is ready.
  const poll = setInterval(() => {
    void listReady(server.url, cookie).then((done) => {
      for (const id of done) ready.add(id);
      check();
    });
  }, 5000);
  await allReady;
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(poll);
  socket.close();
  if (FACES) {
    // Face analysis runs after the thumbnails: wait for it, so the idle figure below is after all the work.
    for (;;) {
      const s = (await (await fetch(`${server.url}/api/faces/status`, { headers: { cookie } })).json()) as { total: number; done: number };
      if (s.done >= s.total) break;
      await new Promise((r) => setTimeout(r, 1000));
    }
    console.log(`  Kith: face analysis of every photo done after ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  console.log(`  Kith: uploads answered after ${uploadSeconds.toFixed(1)} s, all ready after ${seconds.toFixed(1)} s`);
  const verified = await listReady(server.url, cookie);
  if ([...ids].some((id) => !verified.has(id))) throw new Error('GET /api/assets disagrees: some assets are not ready');
  return { seconds, created: ids.size };
}

/** Ids of every ready asset of the caller, walking GET /api/assets pages. */
async function listReady(url: string, cookie: string): Promise<Set<string>> {
  const out = new Set<string>();
  let cursor: string | null = null;
  do {
    const q: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const res = await fetch(`${url}/api/assets?limit=100${q}`, { headers: { cookie } });
    const page = (await res.json()) as { items: { id: string; ready: boolean }[]; nextCursor: string | null };
    for (const a of page.items) if (a.ready) out.add(a.id);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

async function main(): Promise<void> {
  const loadAtStart = os.loadavg()[0];
  console.log(
    `Kith ingest benchmark (face analysis ${FACES ? 'on' : 'off'}): ${PHOTOS} photos at ${WIDTHS.join('/')} px, ${IN_FLIGHT} requests in flight, 1 file per request`,
  );
  let t = performance.now();
  const photos = await buildPhotos();
  const mib = photos.reduce((n, b) => n + b.length, 0) / 1024 ** 2;
  console.log(`  built ${photos.length} JPEGs (${mib.toFixed(0)} MiB) with EXIF times in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  // The machine is shared: bare sharp runs before and after Kith, and the mean is the baseline,
  // so load that comes and goes during the run weighs on both sides alike.
  const baseBefore = await baseline(photos);
  console.log(`  baseline (bare sharp), before Kith: ${baseBefore.toFixed(1)} s`);

  t = performance.now();
  // MALLOC_ARENA_MAX from the bench's environment overrides the harness's (npm start's) 2, to compare allocator settings.
  const arenas: Record<string, string> = process.env.MALLOC_ARENA_MAX ? { MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX } : {};
  const server = await startKithServer({ env: { KITH_FACE_IDLE_SECONDS: String(FACE_IDLE_SECONDS), ...arenas } });
  console.log(
    `  Kith server pid ${server.pid} up in ${((performance.now() - t) / 1000).toFixed(1)} s, RSS at idle ${server.rssMB().toFixed(0)} MB`,
  );
  let result: { seconds: number; created: number };
  let peak: number;
  let idle: number;
  try {
    result = await kith(server, photos);
    peak = server.peakRssMB();
    // At rest: the face workers stop after FACE_IDLE_SECONDS without work; a little more for the threads to exit.
    await new Promise((r) => setTimeout(r, (FACE_IDLE_SECONDS + 5) * 1000));
    idle = server.rssMB();
  } finally {
    await server.stop();
  }

  const baseAfter = await baseline(photos);
  console.log(`  baseline (bare sharp), after Kith: ${baseAfter.toFixed(1)} s`);
  const baseSeconds = (baseBefore + baseAfter) / 2;
  const kithRate = result.created / result.seconds;
  const baseRate = photos.length / baseSeconds;
  const ratio = kithRate / baseRate;
  console.log('\nResults');
  console.log(`  Kith ingest        ${kithRate.toFixed(2)} photos/s (${result.created} photos in ${result.seconds.toFixed(1)} s)`);
  console.log(`  bare sharp         ${baseRate.toFixed(2)} photos/s (mean of ${baseBefore.toFixed(1)} s and ${baseAfter.toFixed(1)} s)`);
  console.log(`  Kith ÷ baseline    ${ratio.toFixed(2)}  ${verdict(ratio >= TARGET_RATIO, `≥ ${TARGET_RATIO.toFixed(2)}`)}`);
  console.log(
    `  Kith peak RSS      ${peak.toFixed(0)} MB  ${verdict(FACES ? peak <= TARGET_RSS_MB : peak < TARGET_RSS_MB, `${FACES ? '≤' : '<'} ${TARGET_RSS_MB} MB ${FACES ? 'with' : 'without'} face analysis`)}`,
  );
  console.log(
    `  Kith RSS at rest   ${idle.toFixed(0)} MB, ${FACE_IDLE_SECONDS + 5} s after the last job  ${verdict(idle < TARGET_IDLE_MB, `< ${TARGET_IDLE_MB} MB`)}`,
  );
  const load = os.loadavg()[0];
  console.log(
    `  (load average ${loadAtStart.toFixed(1)} at start, ${load.toFixed(1)} at end on ${os.cpus().length} cores${Math.max(load, loadAtStart) > os.cpus().length ? ': other work was running, figures are noisy' : ''})`,
  );
}

main().catch((e: unknown) => {
  console.error('bench:ingest failed:', e);
  process.exit(1);
});
