import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/config.js';

const problemsOf = (env: Record<string, string>) => {
  try {
    loadConfig(env);
    return [];
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    return e.problems;
  }
};

describe('multi-instance configuration (KITH_QUEUE, KITH_BLOB_STORE, KITH_S3_*)', () => {
  it('defaults to the embedded set-up: in-process queue, local blobs', () => {
    const c = loadConfig({});
    expect(c.queue).toEqual({ kind: 'in-process' });
    expect(c.blobs).toEqual({ kind: 'local' });
  });

  it('reads a BullMQ queue and an S3-compatible bucket', () => {
    const c = loadConfig({
      KITH_REDIS_URL: 'redis://127.0.0.1:6379',
      KITH_QUEUE: 'bullmq',
      KITH_QUEUE_PREFIX: 'club',
      KITH_QUEUE_LOCK_MS: '5000',
      KITH_BLOB_STORE: 's3',
      KITH_S3_BUCKET: 'kith-photos',
      KITH_S3_ENDPOINT: 'http://minio:9000',
      KITH_S3_ACCESS_KEY_ID: 'id',
      KITH_S3_SECRET_ACCESS_KEY: 'secret',
    });
    expect(c.queue).toEqual({ kind: 'bullmq', prefix: 'club', lockMs: 5000 });
    expect(c.blobs).toMatchObject({
      kind: 's3',
      bucket: 'kith-photos',
      endpoint: 'http://minio:9000',
      region: 'us-east-1',
      credentials: { accessKeyId: 'id', secretAccessKey: 'secret' },
      // An endpoint means a self-hosted store, which wants path-style URLs.
      forcePathStyle: true,
      presignSeconds: 300,
      partBytes: 8 * 1024 * 1024,
    });
  });

  it('uses virtual-hosted URLs on AWS unless told otherwise', () => {
    const c = loadConfig({ KITH_BLOB_STORE: 's3', KITH_S3_BUCKET: 'kith-photos' });
    expect(c.blobs).toMatchObject({ forcePathStyle: false, credentials: undefined });
  });

  it('names every setting that needs another one', () => {
    expect(problemsOf({ KITH_QUEUE: 'bullmq', KITH_BLOB_STORE: 's3', KITH_S3_ACCESS_KEY_ID: 'only-id' })).toEqual([
      expect.stringMatching(/^KITH_QUEUE: bullmq needs KITH_REDIS_URL/),
      expect.stringMatching(/^KITH_S3_BUCKET: required/),
      expect.stringMatching(/^KITH_S3_ACCESS_KEY_ID and KITH_S3_SECRET_ACCESS_KEY/),
    ]);
  });

  it('refuses bad values with the variable named', () => {
    const problems = problemsOf({ KITH_QUEUE: 'kafka', KITH_S3_BUCKET: 'Bad_Bucket', KITH_S3_PART_BYTES: '1024' });
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(['KITH_QUEUE', 'KITH_S3_BUCKET', 'KITH_S3_PART_BYTES']);
  });
});
