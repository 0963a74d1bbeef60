/**
 * One face pool per deployment (BullMQ on the real Redis, PostgreSQL, the real face engine):
 * `kith serve` beside a `kith worker` starts no face workers; its inbox check and reference faces
 * are `faces.check` request jobs the worker answers, the stored picture reuses the check's analysis
 * (analysed once), and without a worker the inbox answers 503 `face_check_unavailable`.
 * A BullMQ deployment runs on PostgreSQL (docs/deploy.md), so this file does not run on SQLite.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import sharp from 'sharp';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../../src/config/config.js';
import { createContainer, type Container } from '../../src/app/container.js';
import { buildApp } from '../../src/app/http-app.js';
import { postMultipart, registerReferenceFace } from '../helpers/inbox.js';
import { partyPath } from '../helpers/photos.js';
import { createTestApp, engines, PG_URL, signup, type TestApp } from '../helpers/test-app.js';

const REDIS_URL = process.env.KITH_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const party1 = (width: number) => sharp(partyPath(1)).resize({ width }).jpeg({ quality: 90 }).toBuffer();

describe('face checks in a serve + worker deployment', () => {
  const schema = `t_${crypto.randomBytes(6).toString('hex')}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kith-face-deploy-'));
  const config = (prefix: string, o: Partial<Config> = {}) =>
    loadConfig(
      {},
      {
        dataDir,
        database: { engine: 'postgres', url: PG_URL, schema },
        queue: { kind: 'bullmq', prefix, lockMs: 5000 },
        redisUrl: REDIS_URL,
        logLevel: 'silent',
        publicUrl: 'http://kith.test',
        signup: 'open',
        faceAnalysis: true,
        faceWorkers: 1,
        ...o,
      },
    );
  const prefix = `kith-test-${crypto.randomBytes(4).toString('hex')}`;
  let serve: Container;
  let worker: Container;
  let app: FastifyInstance;
  const t = () => ({ app, container: serve }) as unknown as TestApp;

  beforeAll(async () => {
    serve = await createContainer(config(prefix));
    worker = await createContainer(config(prefix), undefined, { role: 'worker' });
    app = await buildApp(serve, { logger: false, serveWeb: false });
    await app.ready();
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await serve?.close();
    await worker?.close();
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it(
    'serve starts no face worker: the worker checks the reference face and the inbox picture, and analyses it once',
    { timeout: 240_000 },
    async () => {
      const alice = await signup(app, 'alice');
      await registerReferenceFace(t(), alice, 2);
      const res = await postMultipart(t(), 'alice', [{ filename: 'party.jpg', data: await party1(1400) }]);
      expect(res.statusCode).toBe(200);
      const picture = res.json().pictures[0];
      expect(picture).toMatchObject({ status: 'accepted', duplicate: false });
      await serve.jobs.drain();

      const faces = await serve.db.selectFrom('face').select(['id', 'model_version']).where('asset_id', '=', picture.assetId).execute();
      expect(faces.length).toBe(3);
      const asset = await serve.db
        .selectFrom('asset')
        .select('faces_model_version')
        .where('id', '=', picture.assetId)
        .executeTakeFirstOrThrow();
      expect(asset.faces_model_version).toBe(serve.faceAnalyser.modelVersion);
      // serve's own pool never started; the worker ran the engine twice (reference face, inbox still) and
      // the stored picture's faces.analyse reused the check's analysis instead of a third run.
      expect(serve.faceWorkers.liveWorkers()).toBe(0);
      expect(serve.faceWorkers.stats()).toEqual({ analyses: 0, reused: 0 });
      expect(worker.faceWorkers.stats()).toEqual({ analyses: 2, reused: 1 });
    },
  );

  it('answers 503 face_check_unavailable when no worker answers in time, and stores nothing', { timeout: 60_000 }, async () => {
    // Another serve on the same database whose queue no worker reads, with a 1 s wait.
    const lonely = await createContainer(config(`${prefix}-none`, { faceCheckTimeoutMs: 1000 }));
    const lonelyApp = await buildApp(lonely, { logger: false, serveWeb: false });
    try {
      await lonelyApp.ready();
      const before = await lonely.db.selectFrom('asset').select('id').execute();
      const res = await postMultipart({ app: lonelyApp, container: lonely } as unknown as TestApp, 'alice', [
        { filename: 'party.jpg', data: await party1(1300) },
      ]);
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ code: 'face_check_unavailable' });
      expect(res.json().message).toMatch(/no Kith worker answered within 1 s/);
      expect(await lonely.db.selectFrom('asset').select('id').execute()).toEqual(before);
      expect(lonely.faceWorkers.liveWorkers()).toBe(0);
    } finally {
      await lonelyApp.close();
      await lonely.close();
    }
  });
});

describe.each(engines)('the embedded server (in-process queue) on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine, { faceAnalysis: true, faceWorkers: 1 });
  }, 60_000);
  afterAll(async () => t?.close());

  it('analyses an inbox picture once: the stored asset reuses the check', { timeout: 180_000 }, async () => {
    const alice = await signup(t.app, 'alice');
    await registerReferenceFace(t, alice, 2);
    const res = await postMultipart(t, 'alice', [{ filename: 'party.jpg', data: await party1(1400) }]);
    const picture = res.json().pictures[0];
    expect(picture.status).toBe('accepted');
    await t.container.jobs.drain();
    const faces = await t.container.db.selectFrom('face').select('id').where('asset_id', '=', picture.assetId).execute();
    expect(faces.length).toBe(3);
    expect(t.container.faceWorkers.stats()).toEqual({ analyses: 2, reused: 1 });
  });
});
