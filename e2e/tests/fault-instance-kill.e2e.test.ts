/**
 * Fault: kill -9 an instance mid-upload: two instances and a worker on PostgreSQL, Redis and S3
 * (multipart parts of 5 MiB, the S3 minimum). A ~17 MB PNG is streamed slowly to instance 1, which is
 * killed with SIGKILL once it has spooled part of it. The client gets an error; nothing of the upload is
 * left in the database or the bucket. The same bytes sent again through instance 2 make one asset, and
 * through the balancer give that same asset back as a duplicate. Instance 1, restarted on its data
 * directory, sweeps the temp file the kill left behind.
 */
import crypto from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, stat, utimes } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import type pg from 'pg';
import sharp from 'sharp';
import { afterAll, assert, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type Cluster } from '../src/cluster.js';
import { clusterDb, pollUntil, sha256, uploadFile } from '../src/cluster-client.js';
import { exited, startKith } from '../src/harness.js';
import { apiSignup, type ApiUser } from '../src/now-playing-api.js';

const PART_BYTES = 5 * 1024 * 1024;
const CHUNK = 256 * 1024;

/** A valid PNG of noise, stored uncompressed: 2400×2400 RGB ≈ 17 MB (several S3 parts). */
const noisePng = () =>
  sharp({ create: { width: 2400, height: 2400, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 60 } } })
    .png({ compressionLevel: 0 })
    .toBuffer();

/** A multipart/form-data body with one file, built by hand so it can be written piece by piece. */
function multipartBody(file: Buffer, filename: string) {
  const boundary = `kith-${crypto.randomBytes(8).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: image/png\r\n\r\n`,
  );
  return { body: Buffer.concat([head, file, Buffer.from(`\r\n--${boundary}--\r\n`)]), type: `multipart/form-data; boundary=${boundary}` };
}

/** `upload-*` temp files in a server's data dir, with their sizes. */
async function tempFiles(dataDir: string): Promise<Array<{ file: string; bytes: number }>> {
  const dir = path.join(dataDir, 'tmp');
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.startsWith('upload-'));
  return Promise.all(names.map(async (n) => ({ file: path.join(dir, n), bytes: (await stat(path.join(dir, n))).size })));
}

describe('an instance killed with -9 in the middle of an upload', () => {
  let cluster: Cluster;
  let db: pg.Client;
  let user: ApiUser;
  let png: Buffer;

  beforeAll(async () => {
    cluster = await startCluster({ instances: 2, workers: 1, env: { KITH_S3_PART_BYTES: String(PART_BYTES) } });
    db = await clusterDb(cluster.env);
    user = await apiSignup(cluster.url, 'uploader');
    png = await noisePng();
  }, 300_000);
  afterAll(async () => {
    await db?.end();
    await cluster?.stop();
  });

  const assetRows = async (sha: string) =>
    (await db.query<{ id: string }>('SELECT id FROM asset WHERE sha256 = $1', [sha])).rows.map((r) => r.id);
  const s3Object = (sha: string) =>
    path.join(cluster.s3.dir, cluster.s3.bucket, 'blobs', sha.slice(0, 2), sha.slice(2, 4), `${sha}._S3rver_object`);

  it('leaves no row and no object, then converges on one asset when the same bytes are sent again', async () => {
    const sha = sha256(png);
    expect(png.length).toBeGreaterThan(3 * PART_BYTES);
    const [one, two] = cluster.instances;
    assert(one && two, 'a cluster of two instances');
    const { body, type } = multipartBody(png, 'noise.png');

    // Stream half the body to instance 1, then wait until it has spooled part of it to a temp file.
    const req = http.request(`${one.url}/api/assets`, {
      method: 'POST',
      headers: { cookie: user.cookie, 'content-type': type, 'content-length': body.length },
    });
    const outcome = new Promise<string>((resolve) => {
      req.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
      req.on('response', (res) => resolve(`HTTP ${res.statusCode}`));
    });
    const half = Math.floor(body.length / 2);
    for (let off = 0; off < half; off += CHUNK)
      if (!req.write(body.subarray(off, Math.min(off + CHUNK, half)))) await new Promise((r) => req.once('drain', r));
    const spooled = await pollUntil(
      'instance 1 to spool part of the upload',
      async () => (await tempFiles(one.dataDir)).find((t) => t.bytes > 0),
      {
        timeoutMs: 60_000,
        intervalMs: 50,
      },
    );

    one.child.kill('SIGKILL');
    await exited(one.child);
    // The client is never answered: the connection is reset (or hung up) under it.
    const error = await Promise.race([outcome, new Promise<string>((r) => setTimeout(() => r('no error within 30 s'), 30_000))]);
    expect(['ECONNRESET', 'EPIPE', 'socket hang up']).toContain(error);
    req.destroy();

    // Nothing half-made: no asset row, no object in the bucket (s3rver keeps `<bucket>/<key>._S3rver_object`).
    expect(await assetRows(sha)).toEqual([]);
    expect(existsSync(s3Object(sha))).toBe(false);
    const leftover = await tempFiles(one.dataDir);
    expect(leftover.map((t) => t.file)).toEqual([spooled.file]);

    // The client retries through instance 2 with the same bytes: one asset, whole in the bucket.
    const created = await uploadFile(two.url, user.cookie, png, 'noise.png', 'image/png');
    expect(created.status).toBe('created');
    expect(await assetRows(sha)).toEqual([created.asset!.id]);
    expect(existsSync(s3Object(sha))).toBe(true);
    expect((await stat(s3Object(sha))).size).toBe(png.length);

    // Instance 1 comes back on the same port and data dir. On PostgreSQL the boot sweep spares temp files younger
    // than an hour (another instance may be writing them): age the leftover as if the restart came later.
    const old = new Date(Date.now() - 2 * 3600_000);
    await utimes(spooled.file, old, old);
    const back = await startKith(cluster.env, { port: Number(new URL(one.url).port), dataDir: one.dataDir });
    cluster.instances[0] = back;
    expect(await tempFiles(back.dataDir)).toEqual([]);

    // Twice through the round-robin balancer, so both instances answer: the same asset each time.
    for (let i = 0; i < 2; i++) {
      const again = await uploadFile(cluster.url, user.cookie, png, 'noise.png', 'image/png');
      expect(again.status).toBe('duplicate');
      expect(again.asset!.id).toBe(created.asset!.id);
    }
    expect(await assetRows(sha)).toEqual([created.asset!.id]);
    console.log(
      `instance kill: ${png.length} bytes PNG, killed after ${spooled.bytes} bytes spooled; client saw ${error}; ` +
        `leftover temp file swept at restart; 1 asset row after 3 retries`,
    );
  }, 600_000);
});
