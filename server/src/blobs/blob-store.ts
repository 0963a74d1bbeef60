import type { Readable } from 'node:stream';

/**
 * Content-addressed storage for originals, thumbnails, previews and reference photos.
 * Keys are lower-case hex SHA-256 digests of the content (FIPS 180-4).
 * Two implementations live beside this file: local disk (the embedded default) and S3 (several instances).
 */
export interface BlobStore {
  /**
   * Moves a fully written temporary file into the store under its digest.
   * Atomic: readers see the whole blob or nothing.
   * @returns created=false when the blob already existed (the temp file is then removed).
   */
  putFile(tempPath: string, sha256: string): Promise<{ created: boolean }>;
  /** Stores a buffer; computes nothing, trusts `sha256`. Same atomicity as putFile. */
  putBuffer(data: Buffer, sha256: string): Promise<{ created: boolean }>;
  has(sha256: string): Promise<boolean>;
  /** @throws an error with code `ENOENT` when absent. */
  read(sha256: string): Promise<Buffer>;
  /** @throws an error with code `ENOENT` when absent. */
  stream(sha256: string): Readable;
  size(sha256: string): Promise<number>;
  delete(sha256: string): Promise<void>;
  /** A fresh path for a temporary file on the same filesystem as the store (so rename is atomic). */
  tempPath(): string;
  /**
   * A time-limited URL a browser can GET the blob from directly (S3 presigned GET, SigV4 query
   * auth), answering with `contentType` and `contentDisposition`. Only stores that serve bytes
   * themselves implement it; without it, Kith streams the bytes.
   */
  presignGet?(sha256: string, opts: PresignedGet): Promise<string>;
}

/** What a presigned GET answers with (S3 `response-content-type`, `response-content-disposition`). */
export interface PresignedGet {
  contentType: string;
  contentDisposition?: string;
}
