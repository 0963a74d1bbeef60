import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { S3Settings } from '../config/scale-config.js';
import type { BlobStore, PresignedGet } from './blob-store.js';
import { isS3NotFound, toBlobStoreError } from './s3-errors.js';
import { ensurePrivateDir } from '../common/private-files.js';

const HEX = /^[0-9a-f]{64}$/;

/** The store plus the start-up check a deployment wants before it serves anything. */
export type S3BlobStore = BlobStore & {
  /** HEAD the bucket, creating it when it does not exist (MinIO, Garage and s3rver start empty). @throws 503 `blob_store_unavailable`. */
  ensureBucket(): Promise<void>;
  close(): void;
};

/**
 * {@link BlobStore} on an S3-compatible bucket through `@aws-sdk/client-s3`, for several instances.
 * Keys mirror the local layout: `blobs/ab/cd/<sha256>`. Temp files stay on local disk in `tmpDir`.
 *
 * - Files go up with `@aws-sdk/lib-storage`'s `Upload`: one PutObject below `partBytes`, else a
 *   multipart upload (CreateMultipartUpload, UploadPart ×N, CompleteMultipartUpload), which it
 *   aborts on failure, so an interrupted upload leaves no object. S3 makes an object visible
 *   only once its PUT or Complete succeeded: readers see the whole blob or nothing.
 * - Content-addressed keys make a race between two instances harmless: both write the same bytes.
 * - Checksums are sent only when an operation requires them: self-hosted stores predate the
 *   SDK's default CRC32 trailers (`requestChecksumCalculation`, AWS SDK v3 ≥ 3.729).
 *
 * Errors: a missing key rejects with `code: 'ENOENT'` (as the local store); an unreachable store with
 * AppError 503 `blob_store_unavailable`; a full one with 507 `insufficient_storage`.
 */
export function createS3BlobStore(s3: S3Settings, tmpDir: string): S3BlobStore {
  ensurePrivateDir(tmpDir);
  const clientFor = (endpoint: string | undefined) =>
    new S3Client({
      endpoint,
      region: s3.region,
      credentials: s3.credentials,
      forcePathStyle: s3.forcePathStyle,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      maxAttempts: 3,
    });
  const client = clientFor(s3.endpoint);
  // Presigned URLs are for browsers, which may reach the store under another name than Kith does.
  const presigner = s3.publicEndpoint ? clientFor(s3.publicEndpoint) : client;
  const Bucket = s3.bucket;
  const keyOf = (sha: string) => {
    if (!HEX.test(sha)) throw new Error(`not a sha256 digest: ${sha}`);
    return `blobs/${sha.slice(0, 2)}/${sha.slice(2, 4)}/${sha}`;
  };
  const call = async <T>(op: () => Promise<T>): Promise<T> => {
    try {
      return await op();
    } catch (e) {
      throw toBlobStoreError(e, Bucket);
    }
  };
  const head = (sha: string) => call(() => client.send(new HeadObjectCommand({ Bucket, Key: keyOf(sha) })));
  const has = (sha: string) =>
    head(sha).then(
      () => true,
      (e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? false : Promise.reject(e)),
    );

  const store: S3BlobStore = {
    async putFile(tempPath, sha256) {
      try {
        if (await has(sha256)) return { created: false };
        const upload = new Upload({
          client,
          params: { Bucket, Key: keyOf(sha256), Body: fs.createReadStream(tempPath) },
          partSize: s3.partBytes,
          queueSize: 2,
          leavePartsOnError: false,
        });
        await call(() => upload.done());
        return { created: true };
      } finally {
        // Uploaded or not, the local copy has served its purpose; a failed upload leaves nothing.
        await fsp.rm(tempPath, { force: true });
      }
    },
    async putBuffer(data, sha256) {
      if (await has(sha256)) return { created: false };
      await call(() => client.send(new PutObjectCommand({ Bucket, Key: keyOf(sha256), Body: data, ContentLength: data.length })));
      return { created: true };
    },
    has,
    async read(sha) {
      const res = await call(() => client.send(new GetObjectCommand({ Bucket, Key: keyOf(sha) })));
      return Buffer.from(await res.Body!.transformToByteArray());
    },
    stream(sha) {
      // Callers want a stream at once (Fastify sends it); the GET starts behind it.
      const out = new PassThrough();
      call(() => client.send(new GetObjectCommand({ Bucket, Key: keyOf(sha) })))
        .then((res) => {
          const body = res.Body as Readable;
          body.on('error', (e) => out.destroy(e));
          body.pipe(out);
        })
        .catch((e: Error) => out.destroy(e));
      return out;
    },
    size: async (sha) => (await head(sha)).ContentLength ?? 0,
    delete: async (sha) => void (await call(() => client.send(new DeleteObjectCommand({ Bucket, Key: keyOf(sha) })))),
    tempPath: () => path.join(tmpDir, `upload-${crypto.randomUUID()}`),
    async presignGet(sha, opts: PresignedGet) {
      const command = new GetObjectCommand({
        Bucket,
        Key: keyOf(sha),
        ResponseContentType: opts.contentType,
        ResponseContentDisposition: opts.contentDisposition,
        ResponseCacheControl: `private, max-age=${s3.presignSeconds}`,
      });
      return getSignedUrl(presigner, command, { expiresIn: s3.presignSeconds });
    },
    async ensureBucket() {
      try {
        await client.send(new HeadBucketCommand({ Bucket }));
      } catch (e) {
        if (!isS3NotFound(e)) throw toBlobStoreError(e, Bucket);
        await call(() => client.send(new CreateBucketCommand({ Bucket })));
      }
    },
    close() {
      client.destroy();
      if (presigner !== client) presigner.destroy();
    },
  };
  return store;
}
