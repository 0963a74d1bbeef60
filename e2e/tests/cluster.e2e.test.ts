/**
 * Several instances: two `kith serve` and one `kith worker` on PostgreSQL, Redis (socket.io
 * adapter + BullMQ) and S3 (s3rver), with face analysis on, behind a round-robin load balancer
 * (e2e/src/cluster.ts). Proves the four claims of the issue: the whole demo flow works through the
 * balancer; an upload through instance 1 is analysed by the worker (not by an instance); an event
 * shared through instance 2 reaches a socket on instance 1; a now-playing update crosses instances.
 * Also: an original fetched through an instance is a 302 to a presigned S3 URL serving the same bytes.
 *
 * One cluster for the file. The worker test runs last: it stops the worker and starts another.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, assert, beforeAll, describe, expect, it } from 'vitest';
import { partyPhoto } from '../../server/test/helpers/photos.js';
import { listenAs, type RecordingSocket } from '../../server/test/helpers/recording-socket.js';
import { startCluster, type Cluster } from '../src/cluster.js';
import { clusterQueue, getJson, pollUntil, sha256, uploadFile } from '../src/cluster-client.js';
import { REPO_ROOT } from '../src/harness.js';
import { api, apiSignup, associate, verifyPhones, type ApiUser } from '../src/now-playing-api.js';
import { vcardOf } from '../src/ui.js';

/** Bounds, not assertions: a broken cluster fails here instead of hanging. */
const DEMO_LIMIT_MS = 900_000;
const FACES_LIMIT_MS = 300_000;
const SOCKET_LIMIT_MS = 60_000;

const ANN = { phone: '+1 415 555 0111', name: 'Ann Lee' };
const BEN = { phone: '+1 415 555 0112', name: 'Ben Ortiz' };
/** Ann's and Ben's evening, 2026-07-04 (UTC), away from the demo's 2026-06-13 party. */
const at = (h: number, m = 0) => new Date(Date.UTC(2026, 6, 4, h, m));

/** Resolves with `socket`'s next `name` event matching `match`, or rejects after SOCKET_LIMIT_MS naming what was received. */
function nextEvent(socket: RecordingSocket, name: string, match: (p: any) => boolean = () => true): Promise<any> {
  return Promise.race([
    socket.next(name, match),
    new Promise((_, reject) =>
      setTimeout(
        () =>
          reject(
            new Error(`no ${name} within ${SOCKET_LIMIT_MS / 1000}s; got: ${socket.events.map((e) => e.name).join(', ') || 'nothing'}`),
          ),
        SOCKET_LIMIT_MS,
      ),
    ),
  ]);
}

/** Runs scripts/demo.ts against `url` in an empty temp dir (it writes data/… relative to its cwd); exit code and output. */
async function runDemo(url: string): Promise<{ code: number | null; out: string; passwords: Record<string, string> }> {
  const cwd = await mkdtemp(path.join(os.tmpdir(), 'kith-demo-'));
  try {
    const child = spawn(path.join(REPO_ROOT, 'node_modules/.bin/tsx'), [path.join(REPO_ROOT, 'scripts/demo.ts')], {
      cwd,
      env: { ...process.env, KITH_URL: url, KITH_DEMO_FACE_TIMEOUT: String(FACES_LIMIT_MS / 1000) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const killer = setTimeout(() => child.kill('SIGKILL'), DEMO_LIMIT_MS - 30_000);
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    clearTimeout(killer);
    // The demo only writes under its cwd: what it wrote there goes with the temp dir.
    const written = await readdir(path.join(cwd, 'data')).catch(() => []);
    // Its passwords let the test act as alice, the server's admin (she vouches for ann's and ben's numbers).
    const passwords = JSON.parse(await readFile(path.join(cwd, 'data/demo-passwords.json'), 'utf8').catch(() => '{}'));
    return { code, out: `${out}\n(files written under the demo's cwd: data/${written.join(', data/')})`, passwords };
  } finally {
    await rm(cwd, { recursive: true, force: true });
  }
}

describe('two instances and a worker on PostgreSQL, Redis and S3', () => {
  let cluster: Cluster;
  let ann: ApiUser, ben: ApiUser;
  let demoPasswords: Record<string, string> = {};
  let benOn1: RecordingSocket;
  let one: string, two: string;
  const annPhotos: Array<{ id: string; bytes: Buffer }> = [];

  beforeAll(async () => {
    cluster = await startCluster({ instances: 2, workers: 1, env: { KITH_FACE_ANALYSIS: 'on', KITH_FACE_WORKERS: '1' } });
    const [first, second] = cluster.instances;
    assert(first && second, 'a cluster of two instances');
    [one, two] = [first.url, second.url];
  }, 300_000);
  afterAll(async () => {
    benOn1?.close();
    await cluster?.stop();
  });

  it(
    'runs the whole demo through the load balancer',
    async () => {
      const { code, out, passwords } = await runDemo(cluster.url);
      demoPasswords = passwords;
      if (code !== 0) console.error(out);
      expect(code, out.slice(-3000)).toBe(0);
      // Section 7: alice's event album gathers all six party photos of four people.
      const album = /Album: +\S+ ".*", (\d+) photos/.exec(out);
      expect(Number(album?.[1]), out).toBe(6);
      const contributors = /Contributors: (.*)/.exec(out)?.[1] ?? '';
      expect(contributors.split(', ').sort()).toEqual(['alice 2', 'bob 2', 'carol 1', 'dave 1']);
      expect(out).toContain('bob sees it under Shared with me: yes');
      // Section 9: bob's socket (on whichever instance the balancer gave it) got plays submitted through others.
      const live = /bob got (\d+) live now-playing\.updated event/.exec(out);
      expect(Number(live?.[1])).toBeGreaterThanOrEqual(1);
      // Section 5: faces were analysed by the worker and people recognised.
      expect(out).toMatch(/analysed: .*\d/);
      expect(out).not.toContain('face analysis is off');
      console.log(`demo: album ${album?.[1]} photos, bob got ${live?.[1]} live now-playing event(s)`);
    },
    DEMO_LIMIT_MS,
  );

  it('sets up ann and ben: mutual contacts, gathering on, and now-playing friends', async () => {
    ann = await apiSignup(cluster.url, 'ann', ANN.name);
    ben = await apiSignup(cluster.url, 'ben', BEN.name);
    for (const [u, me, other] of [
      [ann, ANN, BEN],
      [ben, BEN, ANN],
    ] as const) {
      await api(cluster.url, u, 'PATCH', '/api/me', { phone: me.phone, allowEventGathering: true });
      await associate(cluster.url, u, me.phone, [other.phone]);
    }
    // Numbers link friends only once verified (docs/security.md); the cluster has no SMS gateway,
    // so the admin (the demo's alice, the first account) marks them.
    const login = await fetch(`${cluster.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'alice', password: demoPasswords.alice }),
    });
    expect(login.status).toBe(200);
    const admin = {
      username: 'alice',
      cookie: login.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; '),
    };
    await verifyPhones(cluster.url, admin, ann, ben);
    for (const [u, other] of [
      [ann, BEN],
      [ben, ANN],
    ] as const) {
      const res = await fetch(`${cluster.url}/api/contacts/import`, {
        method: 'POST',
        headers: { cookie: u.cookie, 'content-type': 'text/vcard; charset=utf-8' },
        body: vcardOf([{ name: other.name, phone: other.phone }]),
      });
      expect(res.status, await res.clone().text()).toBe(200);
    }
    // Their numbers were verified above, so each card links at once: no question to its owner.
    for (const u of [ann, ben]) {
      const { questions } = await getJson<{ questions: unknown[] }>(cluster.url, u.cookie, '/api/contacts/link-questions');
      expect(questions).toEqual([]);
    }
    const contacts = await getJson<{ contacts: Array<{ mutual: boolean }> }>(cluster.url, ann.cookie, '/api/contacts');
    expect(contacts.contacts.map((c) => c.mutual)).toEqual([true]);
    // Ben listens on instance 1 only, directly (no balancer): anything he gets crossed from elsewhere.
    benOn1 = await listenAs(one, ben);
  });

  it('delivers an event shared through instance 2 to a socket on instance 1 (album.shared), and the worker’s routing too (album.updated)', async () => {
    for (const [n, h] of [
      [1, 19],
      [2, 21],
    ] as const) {
      const bytes = await partyPhoto(n, { capturedAt: at(h) });
      const r = await uploadFile(two, ann.cookie, bytes, `ann-${n}.jpg`);
      expect(r.status).toBe('created');
      annPhotos.push({ id: r.asset!.id, bytes });
    }
    expect((await uploadFile(two, ben.cookie, await partyPhoto(3, { capturedAt: at(20) }), 'ben-3.jpg')).status).toBe('created');
    // Event detection is a job: the worker runs it.
    const event = await pollUntil(
      "the worker's detection of ann's event",
      async () =>
        (await getJson<{ events: Array<{ marker: string; assetCount: number }> }>(two, ann.cookie, '/api/events')).events.find(
          (e) => e.assetCount === 2,
        ),
      { timeoutMs: FACES_LIMIT_MS },
    );

    const res = await fetch(`${two}/api/events/${event.marker}/share`, { method: 'POST', headers: { cookie: ann.cookie } });
    expect(res.status).toBe(200);
    const shared = (await res.json()) as {
      album: { id: string };
      assetCount: number;
      recipients: Array<{ account: { username: string } }>;
    };
    expect(shared.recipients.map((r) => r.account.username)).toEqual(['ben']);
    expect(shared.assetCount).toBe(3);
    const got = await nextEvent(benOn1, 'album.shared', (p) => p.albumId === shared.album.id);
    expect(got).toMatchObject({ kind: 'event', assetCount: 3, sharedBy: { username: 'ann' } });

    // Ben's later photo of the evening is routed into the shared album by the worker (events.detect → routeNewAssets),
    // which emits through Redis from a process with no socket at all.
    const late = await uploadFile(two, ben.cookie, await partyPhoto(4, { capturedAt: at(20, 30) }), 'ben-4.jpg');
    expect(late.status).toBe('created');
    const updated = await nextEvent(benOn1, 'album.updated', (p) => p.albumId === shared.album.id);
    expect(updated.addedAssetIds).toEqual([late.asset!.id]);
  }, 360_000);

  it('delivers a now-playing update submitted on instance 2 to a friend’s socket on instance 1', async () => {
    const res = await fetch(`${two}/api/now-playing`, {
      method: 'POST',
      headers: { cookie: ann.cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Teardrop', artist: 'Massive Attack', duration_ms: 330_000 }),
    });
    expect(res.status, await res.clone().text()).toBeLessThan(300);
    const e = await nextEvent(benOn1, 'now-playing.updated', (p) => p.user.username === 'ann');
    expect(e.playing).toMatchObject({ title: 'Teardrop', artist: 'Massive Attack' });
  });

  it('answers an original through instance 2 with a 302 to a presigned S3 URL serving the uploaded bytes', async () => {
    const [photo] = annPhotos;
    assert(photo, 'ann uploaded photos in an earlier test');
    const { id, bytes } = photo;
    const res = await fetch(`${two}/api/assets/${id}/original`, { headers: { cookie: ann.cookie }, redirect: 'manual' });
    expect(res.status).toBe(302);
    const location = res.headers.get('location')!;
    expect(location.startsWith(`${cluster.s3.endpoint}/${cluster.s3.bucket}/blobs/`)).toBe(true);
    expect(location).toContain('X-Amz-Signature=');
    // No cookie: the signature is the only credential.
    const blob = await fetch(location);
    expect(blob.status).toBe(200);
    expect(sha256(new Uint8Array(await blob.arrayBuffer()))).toBe(sha256(bytes));
  });

  it('has an upload through instance 1 wait in BullMQ with no worker, then analysed by a worker started later', async () => {
    for (const w of cluster.workers) await w.stop();
    const faces = clusterQueue(cluster.env, 'faces.analyse');
    try {
      const up = await uploadFile(one, ann.cookie, await partyPhoto(5, { width: 1280 }), 'ann-5.jpg');
      expect(up.status).toBe('created');
      const id = up.asset!.id;
      // The instance only enqueued it: the job (id = asset id) waits, and nobody analyses the photo.
      const job = await pollUntil('the faces.analyse job in BullMQ', () => faces.getJob(id), { timeoutMs: 30_000 });
      expect(await job.getState()).toBe('waiting');
      const counts = await faces.getJobCounts('waiting', 'active');
      expect(counts.active).toBe(0);
      expect(counts.waiting).toBeGreaterThanOrEqual(1);
      const before = await getJson<{ analysed: boolean; faces: unknown[] }>(one, ann.cookie, `/api/assets/${id}/faces`);
      expect(before).toEqual({ analysed: false, faces: [] });

      const worker = await cluster.startWorker();
      const after = await pollUntil(
        'the new worker to analyse the photo',
        async () => {
          const f = await getJson<{ analysed: boolean; faces: unknown[] }>(two, ann.cookie, `/api/assets/${id}/faces`);
          return f.analysed && f;
        },
        { timeoutMs: FACES_LIMIT_MS },
      );
      expect(after.faces.length).toBeGreaterThanOrEqual(1);
      expect(await faces.getJob(id)).toBeUndefined(); // done and removed
      expect(worker.child.exitCode).toBeNull();
      console.log(`worker analysed ann-5.jpg: ${after.faces.length} faces`);
    } finally {
      await faces.close();
    }
  }, 420_000);
});
