import type { Readable } from 'node:stream';

/**
 * Content-addressed storage for originals, thumbnails, previews and reference photos.
 * Keys are lower-case hex SHA-256 digests of the content (FIPS 180-4).
 * The local-disk implementation lives beside this file; an S3 one fills the same interface.
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
}
