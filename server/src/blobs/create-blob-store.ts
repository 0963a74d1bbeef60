import path from 'node:path';
import type { Config } from '../config/config.js';
import type { BlobStore } from './blob-store.js';
import { createLocalBlobStore } from './local-blob-store.js';
import { createS3BlobStore } from './s3-blob-store.js';

/**
 * The configured {@link BlobStore}: `<dataDir>/blobs` on local disk (default), or the S3 bucket of
 * `KITH_BLOB_STORE=s3` (checked, and created when missing, before Kith serves). Temp files are always
 * local, under `<dataDir>/tmp`.
 * @throws AppError 503 `blob_store_unavailable` when the bucket cannot be reached at start.
 */
export async function createBlobStore(config: Config): Promise<BlobStore & { close(): void }> {
  const tmpDir = path.join(config.dataDir, 'tmp');
  if (config.blobs.kind === 'local') return { ...createLocalBlobStore(path.join(config.dataDir, 'blobs'), tmpDir), close() {} };
  const store = createS3BlobStore(config.blobs, tmpDir);
  await store.ensureBucket();
  return store;
}
