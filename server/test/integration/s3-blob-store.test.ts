/**
 * The S3 blob store against a real S3-compatible server: s3rver from npm, on loopback,
 * driven by @aws-sdk/client-s3 itself. Covers single PUT and multipart uploads, reads and streams,
 * content addressing, presigned GETs, missing keys, an unreachable store, and the whole upload path
 * of the app with `KITH_BLOB_STORE=s3`.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createS3BlobStore, type S3BlobStore } from '../../src/blobs/s3-blob-store.js';
import type { S3Settings } from '../../src/config/scale-config.js';
import { AppError } from '../../src/common/errors.js';
import { createTestApp, engines, signup, type TestApp } from '../helpers/test-app.js';
import { partyPhoto, postAssets } from '../helpers/photos.js';

const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');
const MIB = 1024 * 1024;

let server: S3rver;
let dir: string;
let settings: S3Settings;
let store: S3BlobStore;
let tmpDir: string;
/** S3 event names s3rver reported (`ObjectCreated:Put`, `ObjectCreated:Post` for a completed multipart upload) by key. */
const created = new Map<string, string>();

/** Every object key s3rver holds in the bucket (it keeps `<dir>/<bucket>/<key>._S3rver_object`). */
function objectKeys(bucket: string): string[] {
  const root = path.join(dir, bucket);
  if (!fs.existsSync(root)) return [];
  return (fs.readdirSync(root, { recursive: true }) as string[])
    .filter((f) => f.endsWith('._S3rver_object'))
    .map((f) => f.replace(/\._S3rver_object$/, ''));
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kith-s3rver-'));
  tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kith-s3tmp-'));
  server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: dir });
  const { port } = await server.run();
  // s3rver is an EventEmitter; its type definitions leave that out.
  (server as unknown as NodeJS.EventEmitter).on(
    'event',
    (e: { Records: Array<{ eventName: string; s3: { object: { key: string } } }> }) => {
      for (const r of e.Records) created.set(r.s3.object.key, r.eventName);
    },
  );
  settings = {
    kind: 's3',
    bucket: 'kith-test',
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    forcePathStyle: true,
    presignSeconds: 120,
    partBytes: 5 * MIB,
  };
  store = createS3BlobStore(settings, tmpDir);
  await store.ensureBucket();
});

afterAll(async () => {
  store?.close();
  await server?.close();
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(tmpDir, { recursive: true, force: true });
});

describe('S3 blob store on s3rver', () => {
  it('stores a buffer under its digest, reads it back whole and as a stream, and reports its size', async () => {
    const data = crypto.randomBytes(64 * 1024);
    expect(await store.putBuffer(data, sha(data))).toEqual({ created: true });
    expect(await store.has(sha(data))).toBe(true);
    expect(await store.size(sha(data))).toBe(data.length);
    expect((await store.read(sha(data))).equals(data)).toBe(true);
    const chunks: Buffer[] = [];
    for await (const c of store.stream(sha(data))) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).equals(data)).toBe(true);
    expect(objectKeys('kith-test')).toContain(`blobs/${sha(data).slice(0, 2)}/${sha(data).slice(2, 4)}/${sha(data)}`);
    expect(created.get(`blobs/${sha(data).slice(0, 2)}/${sha(data).slice(2, 4)}/${sha(data)}`)).toBe('ObjectCreated:Put');
    // The same content again is not written twice.
    expect(await store.putBuffer(data, sha(data))).toEqual({ created: false });
  });

  it('uploads a file larger than one part as a multipart upload and removes the temp file', async () => {
    const data = crypto.randomBytes(12 * MIB + 123);
    const temp = store.tempPath();
    fs.writeFileSync(temp, data);
    expect(await store.putFile(temp, sha(data))).toEqual({ created: true });
    expect(fs.existsSync(temp)).toBe(false);
    expect(await store.size(sha(data))).toBe(data.length);
    expect(sha(await store.read(sha(data)))).toBe(sha(data));
    // CompleteMultipartUpload is a POST (s3rver names the event after the method); a single upload is a Put.
    expect(created.get(`blobs/${sha(data).slice(0, 2)}/${sha(data).slice(2, 4)}/${sha(data)}`)).toBe('ObjectCreated:Post');
    // s3rver keeps no trace of the parts once the upload is complete.
    expect(fs.readdirSync(tmpDir)).toEqual([]);
  });

  it('answers a missing blob with ENOENT, from read, size and stream alike', async () => {
    const missing = sha(Buffer.from('never stored'));
    expect(await store.has(missing)).toBe(false);
    await expect(store.read(missing)).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(store.size(missing)).rejects.toMatchObject({ code: 'ENOENT' });
    const stream = store.stream(missing);
    await expect(new Promise((resolve, reject) => stream.on('error', reject).on('end', resolve).resume())).rejects.toMatchObject({
      code: 'ENOENT',
    });
  });

  it('deletes a blob', async () => {
    const data = Buffer.from('to be deleted');
    await store.putBuffer(data, sha(data));
    await store.delete(sha(data));
    expect(await store.has(sha(data))).toBe(false);
  });

  it('signs a GET URL a browser can fetch, with the content type and disposition asked for', async () => {
    const data = crypto.randomBytes(2048);
    await store.putBuffer(data, sha(data));
    const url = await store.presignGet!(sha(data), { contentType: 'image/jpeg', contentDisposition: 'attachment; filename="a.jpg"' });
    expect(url).toMatch(/X-Amz-Signature=[0-9a-f]{64}/);
    expect(url).toMatch(/X-Amz-Expires=120/);
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="a.jpg"');
    expect(Buffer.from(await res.arrayBuffer()).equals(data)).toBe(true);
  });

  it('turns an unreachable store into 503 blob_store_unavailable', async () => {
    const dead = createS3BlobStore({ ...settings, endpoint: 'http://127.0.0.1:9' }, tmpDir);
    const data = Buffer.from('x');
    const err = await dead.putBuffer(data, sha(data)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ statusCode: 503, code: 'blob_store_unavailable' });
    dead.close();
  });
});

describe.each(engines)('uploads with KITH_BLOB_STORE=s3 (%s)', (engine) => {
  let t: TestApp;
  const bucket = `kith-app-${engine}`;
  beforeAll(async () => {
    t = await createTestApp(engine, { blobs: { ...settings, bucket } });
  });
  afterAll(() => t?.close());

  it('keeps the original, thumbnail and preview in the bucket and answers the original with a presigned redirect', async () => {
    const alice = await signup(t.app, 'alice');
    const photo = await partyPhoto(2, { width: 800 });
    const res = await postAssets(t.app, alice, [{ filename: 'party.jpg', data: photo, type: 'image/jpeg' }]);
    expect(res.statusCode).toBe(200);
    expect(res.json().results[0].status).toBe('created');
    const asset = res.json().results[0].asset;
    await t.container.jobs.drain();
    const keys = objectKeys(bucket);
    expect(keys).toContain(`blobs/${sha(photo).slice(0, 2)}/${sha(photo).slice(2, 4)}/${sha(photo)}`);
    // Original, thumbnail and preview: three objects, and no temp file left on local disk.
    expect(keys.length).toBe(3);
    expect(fs.readdirSync(path.join(t.config.dataDir, 'tmp'))).toEqual([]);

    const original = await t.app.inject({
      method: 'GET',
      url: `/api/assets/${asset.id}/original?download=1`,
      headers: { cookie: alice.cookie },
    });
    expect(original.statusCode).toBe(302);
    expect(original.headers['cache-control']).toBe('private, no-store');
    const bytes = await fetch(original.headers.location as string);
    expect(bytes.headers.get('content-disposition')).toBe(`attachment; filename*=UTF-8''party.jpg`);
    expect(sha(Buffer.from(await bytes.arrayBuffer()))).toBe(sha(photo));

    // Thumbnails are small: Kith streams them from the bucket itself.
    const thumb = await t.app.inject({ method: 'GET', url: `/api/assets/${asset.id}/thumbnail`, headers: { cookie: alice.cookie } });
    expect(thumb.statusCode).toBe(200);
    expect(thumb.headers['content-type']).toBe('image/webp');
    expect(thumb.rawPayload.length).toBeGreaterThan(1000);

    // Another user may not even get the redirect.
    const bob = await signup(t.app, 'bob');
    const denied = await t.app.inject({ method: 'GET', url: `/api/assets/${asset.id}/original`, headers: { cookie: bob.cookie } });
    expect(denied.statusCode).toBe(404);
  });
});
