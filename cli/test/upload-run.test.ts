import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createKithClient } from '@kith/sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Connection } from '../src/connection.js';
import type { RetryPolicy } from '../src/share/http-retry.js';
import { renderSummary, summaryJson } from '../src/upload/upload-report.js';
import { runUpload } from '../src/upload/upload-run.js';

/**
 * A small stand-in for the Kith API on loopback, speaking the same wire format as the real routes
 * (`POST /api/assets/exists`, multipart `POST /api/assets`, albums), so the run's decisions can be checked
 * request by request. The real server is in e2e/tests/cli-upload.e2e.test.ts.
 */
const stored = new Map<string, string>(); // sha256 → asset id
const albums: { id: string; name: string; kind: 'user'; role: 'owner'; assetIds: string[] }[] = [];
const log: string[] = [];
let refuseUploads: { status: number; code: string } | undefined;
let refuseAlbums = false;
let server: http.Server;
let conn: Connection;
let dir: string;

const sha = (b: Buffer | string) => crypto.createHash('sha256').update(b).digest('hex');
const send = (res: http.ServerResponse, status: number, body: unknown): void =>
  void res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));

async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const request = new Request(`http://x${req.url}`, {
    method: req.method,
    headers: req.headers as HeadersInit,
    body: req.method === 'GET' ? undefined : (req as unknown as BodyInit),
    duplex: 'half',
  } as RequestInit);
  log.push(`${req.method} ${req.url}`);
  if (req.url === '/api/assets/exists') {
    const { checksums } = (await request.json()) as { checksums: string[] };
    return send(res, 200, { existing: checksums.filter((c) => stored.has(c)).map((c) => ({ checksum: c, assetId: stored.get(c) })) });
  }
  if (req.url === '/api/assets') {
    const file = (await request.formData()).get('file') as File;
    if (refuseUploads) return send(res, refuseUploads.status, { code: refuseUploads.code, message: 'refused' });
    const digest = sha(Buffer.from(await file.arrayBuffer()));
    const status = stored.has(digest) ? 'duplicate' : 'created';
    if (!stored.has(digest)) stored.set(digest, crypto.randomUUID());
    return send(res, 200, {
      results: [{ filename: file.name, status, asset: { id: stored.get(digest) } }],
      created: 1,
      duplicates: 0,
      failed: 0,
    });
  }
  if (refuseAlbums) return send(res, 403, { code: 'insufficient_scope', message: 'needs full' });
  if (req.url === '/api/albums' && req.method === 'GET') return send(res, 200, { albums });
  if (req.url === '/api/albums') {
    const body = (await request.json()) as { name: string; assetIds: string[] };
    const album = { id: crypto.randomUUID(), name: body.name, kind: 'user' as const, role: 'owner' as const, assetIds: body.assetIds };
    albums.push(album);
    return send(res, 201, { album });
  }
  const add = /^\/api\/albums\/([^/]+)\/assets$/.exec(req.url ?? '');
  if (add) {
    albums.find((a) => a.id === add[1])!.assetIds.push(...((await request.json()) as { assetIds: string[] }).assetIds);
    return send(res, 200, {});
  }
  send(res, 404, { code: 'not_found', message: req.url });
}

const noWait: RetryPolicy = { retries: 0, baseDelayMs: 1, maxDelayMs: 1, timeoutMs: 10_000, sleep: async () => {} };
const run = (extra: Partial<Parameters<typeof runUpload>[1]> = {}) =>
  runUpload(conn, { paths: [dir], concurrency: 1, retry: noWait, ...extra });

beforeAll(async () => {
  server = http.createServer((req, res) => void handle(req, res).catch((e: Error) => send(res, 500, { code: 'boom', message: e.message })));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  conn = { url, token: 'kith_test', client: createKithClient({ baseUrl: url, token: 'kith_test' }) };
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kith-upload-run-'));
  for (const [name, text] of [
    ['a.jpg', 'photo a'],
    ['b.jpg', 'photo b'],
    ['c.jpg', 'photo c'],
    ['copy-of-a.jpg', 'photo a'],
  ] as const)
    await fs.writeFile(path.join(dir, name), text);
  await fs.writeFile(path.join(dir, 'readme.txt'), 'not a photo');
});
afterAll(async () => {
  server.close();
  await fs.rm(dir, { recursive: true, force: true });
});
beforeEach(() => {
  stored.clear();
  albums.length = 0;
  log.length = 0;
  refuseUploads = undefined;
  refuseAlbums = false;
});

describe('runUpload', () => {
  it('sends each distinct content once and never what the server already has', async () => {
    stored.set(sha('photo b'), 'asset-b');
    const report = await run();
    expect(log.filter((l) => l === 'POST /api/assets')).toHaveLength(2); // a and c; b is there, copy-of-a is a's bytes
    expect(report.counts).toEqual({ new: 2, duplicate: 2, failed: 0, skipped: 1, would_upload: 0 });
    const byName = Object.fromEntries(report.rows.map((r) => [path.basename(r.path), r]));
    expect(byName['b.jpg']).toMatchObject({ result: 'duplicate', assetId: 'asset-b' });
    expect(byName['copy-of-a.jpg']).toMatchObject({
      result: 'duplicate',
      assetId: byName['a.jpg']?.assetId,
      message: expect.stringMatching(/same bytes as/),
    });
    expect(byName['readme.txt']).toMatchObject({ result: 'skipped', code: 'unsupported_type' });
    expect(report.failed).toBe(false);

    const again = await run();
    expect(again.counts).toMatchObject({ new: 0, duplicate: 4 });
    expect(log.filter((l) => l === 'POST /api/assets')).toHaveLength(2);
  });

  it('a dry run asks but sends nothing and creates no album', async () => {
    const report = await run({ dryRun: true, album: 'Trip' });
    expect(log).not.toContain('POST /api/assets');
    expect(log).not.toContain('POST /api/albums');
    expect(report.counts).toMatchObject({ would_upload: 3, duplicate: 1, new: 0 });
    expect(report.album).toMatchObject({ name: 'Trip', id: null, created: true, assets: 3 });
  });

  it('stops sending after a 403 (every further upload would be refused alike) and fails every file', async () => {
    refuseUploads = { status: 403, code: 'insufficient_scope' };
    const report = await run();
    expect(log.filter((l) => l === 'POST /api/assets')).toHaveLength(1);
    expect(report.counts.failed).toBe(4);
    expect(report.rows.filter((r) => r.result === 'failed').every((r) => r.code === 'insufficient_scope')).toBe(true);
    expect(report.failed).toBe(true);
    expect(summaryJson(report).failures).toHaveLength(4);
  });

  it('--album creates the album with new and already-present photos, then adds to the same album next time', async () => {
    stored.set(sha('photo b'), 'asset-b');
    const first = await run({ album: 'Trip' });
    expect(first.album).toMatchObject({ name: 'Trip', created: true, assets: 3 });
    expect(albums).toHaveLength(1);
    expect(new Set(albums[0]?.assetIds)).toEqual(new Set(stored.values()));
    await fs.writeFile(path.join(dir, 'd.jpg'), 'photo d');
    try {
      const second = await run({ album: 'Trip' });
      expect(second.album).toMatchObject({ id: albums[0]?.id, created: false, assets: 4 });
      expect(albums).toHaveLength(1);
      expect(log).toContain(`POST /api/albums/${albums[0]?.id}/assets`);
    } finally {
      await fs.rm(path.join(dir, 'd.jpg'));
    }
  });

  it('an album the server refuses is reported and fails the run, the uploads stay', async () => {
    refuseAlbums = true;
    const report = await run({ album: 'Trip' });
    expect(report.counts.new).toBe(3);
    expect(report.album?.error).toMatch(/403 insufficient_scope/);
    expect(report.failed).toBe(true);
    expect(renderSummary(report)).toMatch(/Album "Trip": not updated: 403 insufficient_scope/);
  });
});
