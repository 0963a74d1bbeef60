import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { once } from 'node:events';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PRIVATE_FILE_MODE } from '../common/private-files.js';

export interface SpooledFile {
  path: string;
  sha256: string;
  bytes: number;
  /** True when the stream was cut at the size limit (busboy's `truncated`). */
  truncated: boolean;
}

/**
 * Streams an upload to a temporary file while computing its SHA-256, so an upload of any
 * size costs constant memory. On any stream error (client gone, disk full) the partial
 * temp file is removed before the error propagates: an interrupted upload leaves nothing.
 *
 * @param source the multipart file stream; `truncated` is read from it after the end.
 * @param tempPath where to write (same filesystem as the blob store, for atomic rename).
 */
export async function spoolToTempFile(source: Readable & { truncated?: boolean }, tempPath: string): Promise<SpooledFile> {
  const hash = crypto.createHash('sha256');
  let bytes = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      hash.update(chunk);
      bytes += chunk.length;
      cb(null, chunk);
    },
  });
  const out = fs.createWriteStream(tempPath, { flags: 'wx', mode: PRIVATE_FILE_MODE });
  try {
    await pipeline(source, tap, out);
  } catch (e) {
    // The file is opened asynchronously: when the client goes away before the open completes, the
    // destroyed stream still creates the file and then closes it. Removing it before 'close' would
    // race that open and leave the partial file behind.
    if (!out.closed) await once(out, 'close').catch(() => undefined);
    await fsp.rm(tempPath, { force: true });
    throw e;
  }
  return { path: tempPath, sha256: hash.digest('hex'), bytes, truncated: !!source.truncated };
}
