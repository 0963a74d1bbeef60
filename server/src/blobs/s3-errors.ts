import { AppError, errors } from '../common/errors.js';

interface S3ErrorLike {
  name?: string;
  code?: string;
  Code?: string;
  $metadata?: { httpStatusCode?: number };
}

/** NoSuchKey / NotFound / NoSuchBucket: the SDK's names for an S3 404 (GetObject, HeadObject, HeadBucket). */
export function isS3NotFound(e: unknown): boolean {
  const err = e as S3ErrorLike;
  return err?.name === 'NoSuchKey' || err?.name === 'NotFound' || err?.name === 'NoSuchBucket' || err?.$metadata?.httpStatusCode === 404;
}

// Network failures of the SDK's Node HTTP handler, by errno (and undici-style names).
const UNREACHABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE', 'TimeoutError']);

/**
 * Maps an S3 client error to what the rest of Kith expects from a {@link BlobStore}:
 * - a missing key → an Error with `code: 'ENOENT'` (as `fs` gives for the local store);
 * - no space (HTTP 507, MinIO's `XMinioStorageFull`, or `ENOSPC` relayed by the store) → AppError 507 `insufficient_storage`;
 * - the store unreachable, 5xx or refusing our credentials → AppError 503 `blob_store_unavailable`.
 * Anything else is returned unchanged (a 500 with its cause logged).
 */
export function toBlobStoreError(e: unknown, bucket: string): unknown {
  if (e instanceof AppError) return e;
  const err = e as S3ErrorLike & Error;
  const status = err?.$metadata?.httpStatusCode;
  if (isS3NotFound(e) && err.name !== 'NoSuchBucket')
    return Object.assign(new Error(`blob not found in s3://${bucket}`), { code: 'ENOENT' });
  if (status === 507 || err?.name === 'XMinioStorageFull' || err?.code === 'ENOSPC' || /storage ?full|no space/i.test(err?.message ?? ''))
    return errors.insufficientStorage('The photo store is full. Ask the server admin to free space or grow the bucket, then try again.');
  if (
    UNREACHABLE.has(err?.code ?? '') ||
    UNREACHABLE.has(err?.name ?? '') ||
    (status !== undefined && status >= 500) ||
    err?.name === 'NoSuchBucket' ||
    err?.name === 'InvalidAccessKeyId' ||
    err?.name === 'SignatureDoesNotMatch' ||
    err?.name === 'AccessDenied'
  )
    return errors.unavailable(
      'blob_store_unavailable',
      `The photo store (S3 bucket "${bucket}") cannot be reached right now; try again in a minute. If it persists, the admin should check KITH_S3_*.`,
      { reason: err?.name ?? err?.code },
    );
  return e;
}
