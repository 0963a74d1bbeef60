import fsp from 'node:fs/promises';
import path from 'node:path';

/** Prefix of every upload temp file ({@link BlobStore.tempPath}); nothing else in the temp dir is touched. */
const TEMP_PREFIX = 'upload-';

/**
 * How far before this process's start a temp file must date to be swept, in ms, per database engine.
 *
 * - SQLite: 0. The data dir holds the SQLite file, so it belongs to this one instance: every temp file
 *   older than this process's start was left by an earlier process (killed with -9, or the machine lost
 *   power mid-upload), and nothing of it can ever be renamed into the store.
 * - PostgreSQL: 1 hour. Several instances may share one data dir (local blobs on a shared volume); another
 *   instance's upload in progress must not lose its temp file. A file being written has its mtime
 *   refreshed with every chunk, and a complete one is renamed into the store within seconds, so a temp file
 *   untouched for an hour is an orphan. Recent orphans wait for the next start (they cost disk, not data).
 */
export const TEMP_SWEEP_GRACE_MS = { sqlite: 0, postgres: 3600_000 } as const;

/**
 * Deletes the upload temp files (`<tmpDir>/upload-*`) last modified before `olderThan` (ms since the epoch):
 * what a process killed mid-upload leaves behind. Runs at start-up, so an instance killed with kill -9 mid-upload leaks nothing.
 * A file that vanishes meanwhile (another instance's rename) is skipped; a missing dir is nothing to sweep.
 *
 * @returns how many files and bytes were removed.
 */
export async function sweepTempFiles(tmpDir: string, olderThan: number): Promise<{ removed: number; bytes: number }> {
  let names: string[];
  try {
    names = await fsp.readdir(tmpDir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { removed: 0, bytes: 0 };
    throw e;
  }
  let removed = 0;
  let bytes = 0;
  for (const name of names) {
    if (!name.startsWith(TEMP_PREFIX)) continue;
    const file = path.join(tmpDir, name);
    try {
      const stat = await fsp.lstat(file);
      if (!stat.isFile() || stat.mtimeMs >= olderThan) continue;
      await fsp.rm(file);
      removed++;
      bytes += stat.size;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }
  return { removed, bytes };
}
