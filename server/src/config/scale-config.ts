import { z } from 'zod';
import { httpUrl, int } from './env-fields.js';

/**
 * The multi-instance part of the configuration: which job queue and which blob store.
 * The embedded defaults are the in-process queue and the local disk; a deployment of several
 * `kith serve` instances and `kith worker` processes sets `KITH_QUEUE=bullmq` (Redis) and
 * `KITH_BLOB_STORE=s3` (any S3-compatible store). See docs/deploy.md.
 */
export interface ScaleConfig {
  /**
   * `in-process`: jobs run inside `kith serve` (lost with the process; re-queued at start).
   * `bullmq`: jobs live in Redis (BullMQ); `kith serve` only enqueues, `kith worker` runs them.
   * `lockMs` is BullMQ's lock duration: a worker killed mid-job has its job retried about this long after.
   */
  queue: { kind: 'in-process' } | { kind: 'bullmq'; prefix: string; lockMs: number };
  /** Where originals, derivatives, face crops and reference photos are stored (temp files stay on local disk). */
  blobs: { kind: 'local' } | S3Settings;
}

/** An S3-compatible bucket (AWS S3 REST API, https://docs.aws.amazon.com/AmazonS3/latest/API/). */
export interface S3Settings {
  kind: 's3';
  bucket: string;
  /** Endpoint of an S3-compatible server (MinIO, Garage, …); undefined = AWS for `region`. */
  endpoint?: string;
  /** Endpoint browsers reach for presigned GET URLs, when it differs from the one Kith uses (e.g. an internal hostname). */
  publicEndpoint?: string;
  region: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Path-style URLs (`endpoint/bucket/key`), which most self-hosted stores need. */
  forcePathStyle: boolean;
  /** Lifetime of a presigned GET URL for an original, in seconds. */
  presignSeconds: number;
  /** Multipart part size in bytes; files larger than one part are uploaded in parts (S3 minimum 5 MiB). */
  partBytes: number;
}

/** The `KITH_*` variables of {@link ScaleConfig}; merged into the main env schema (`env.schema.ts`). */
export const scaleEnvShape = {
  KITH_QUEUE: z
    .enum(['in-process', 'bullmq'])
    .default('in-process')
    .describe(
      '`bullmq`: jobs live in Redis and `kith worker` runs them (needs `KITH_REDIS_URL`); `in-process`: jobs run inside `kith serve`.',
    ),
  KITH_QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,40}$/, 'letters, digits, _ and - only')
    .default('kith')
    .meta({ valueType: '1–40 letters, digits, `_`, `-`', description: 'Prefix of the BullMQ keys in Redis.' }),
  KITH_QUEUE_LOCK_MS: int(1000, 3_600_000)
    .default(30_000)
    .describe('BullMQ lock duration, ms: a worker killed mid-job has its job retried about this long after.'),
  KITH_BLOB_STORE: z
    .enum(['local', 's3'])
    .default('local')
    .describe('`s3`: originals, derivatives, face crops and reference photos in an S3-compatible bucket (temp files stay on local disk).'),
  KITH_S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be a valid S3 bucket name')
    .optional()
    .meta({
      valueType: 'S3 bucket name',
      shownDefault: '(none; required with `s3`)',
      description: 'Bucket of the blobs; created at start if missing.',
    }),
  KITH_S3_ENDPOINT: httpUrl()
    .optional()
    .meta({ shownDefault: '(AWS for the region)', description: 'Endpoint of an S3-compatible server (MinIO, Garage, …).' }),
  KITH_S3_PUBLIC_ENDPOINT: httpUrl().optional().meta({
    shownDefault: '(the endpoint)',
    description: 'Endpoint browsers reach for presigned GET URLs, when it differs from the one Kith uses (e.g. an internal hostname).',
  }),
  KITH_S3_REGION: z.string().min(1).default('us-east-1').describe('S3 region.'),
  KITH_S3_ACCESS_KEY_ID: z.string().min(1).optional().meta({
    shownDefault: '(AWS default credential chain)',
    description: 'S3 access key id; set both it and `KITH_S3_SECRET_ACCESS_KEY` or neither.',
  }),
  KITH_S3_SECRET_ACCESS_KEY: z.string().min(1).optional().meta({
    shownDefault: '(AWS default credential chain)',
    description: 'S3 secret access key; set both it and `KITH_S3_ACCESS_KEY_ID` or neither.',
  }),
  KITH_S3_FORCE_PATH_STYLE: z.enum(['true', 'false']).optional().meta({
    shownDefault: 'true with an endpoint, else false',
    description: 'Path-style URLs (`endpoint/bucket/key`), which most self-hosted stores need.',
  }),
  KITH_S3_PRESIGN_SECONDS: int(1, 7 * 24 * 3600)
    .default(300)
    .describe('Lifetime of a presigned GET URL for an original, in seconds.'),
  KITH_S3_PART_BYTES: int(5 * 1024 * 1024, 5 * 1024 ** 3)
    .default(8 * 1024 * 1024)
    .describe('Multipart part size in bytes; larger files are uploaded in parts (S3 minimum 5 MiB).'),
};

type ScaleEnv = z.output<z.ZodObject<typeof scaleEnvShape>>;

/** Problems no single variable shows: settings that need another one. */
export function scaleConfigProblems(e: ScaleEnv & { KITH_REDIS_URL?: string }): string[] {
  const problems: string[] = [];
  if (e.KITH_QUEUE === 'bullmq' && !e.KITH_REDIS_URL) problems.push('KITH_QUEUE: bullmq needs KITH_REDIS_URL (the queue lives in Redis)');
  if (e.KITH_BLOB_STORE === 's3' && !e.KITH_S3_BUCKET) problems.push('KITH_S3_BUCKET: required when KITH_BLOB_STORE=s3');
  if (!!e.KITH_S3_ACCESS_KEY_ID !== !!e.KITH_S3_SECRET_ACCESS_KEY)
    problems.push('KITH_S3_ACCESS_KEY_ID and KITH_S3_SECRET_ACCESS_KEY: set both or neither (neither = the AWS default credential chain)');
  return problems;
}

/** Maps the parsed variables to {@link ScaleConfig}. Call after {@link scaleConfigProblems} found none. */
export function toScaleConfig(e: ScaleEnv): ScaleConfig {
  return {
    queue:
      e.KITH_QUEUE === 'bullmq' ? { kind: 'bullmq', prefix: e.KITH_QUEUE_PREFIX, lockMs: e.KITH_QUEUE_LOCK_MS } : { kind: 'in-process' },
    blobs:
      e.KITH_BLOB_STORE === 's3'
        ? {
            kind: 's3',
            bucket: e.KITH_S3_BUCKET!,
            endpoint: e.KITH_S3_ENDPOINT,
            publicEndpoint: e.KITH_S3_PUBLIC_ENDPOINT,
            region: e.KITH_S3_REGION,
            credentials:
              e.KITH_S3_ACCESS_KEY_ID && e.KITH_S3_SECRET_ACCESS_KEY
                ? { accessKeyId: e.KITH_S3_ACCESS_KEY_ID, secretAccessKey: e.KITH_S3_SECRET_ACCESS_KEY }
                : undefined,
            forcePathStyle: e.KITH_S3_FORCE_PATH_STYLE ? e.KITH_S3_FORCE_PATH_STYLE === 'true' : !!e.KITH_S3_ENDPOINT,
            presignSeconds: e.KITH_S3_PRESIGN_SECONDS,
            partBytes: e.KITH_S3_PART_BYTES,
          }
        : { kind: 'local' },
  };
}
