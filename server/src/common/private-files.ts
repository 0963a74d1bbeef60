import fs from 'node:fs';
import fsp from 'node:fs/promises';

/**
 * Modes of everything Kith writes under its data directory (the database and its WAL, blobs, temp
 * uploads, the server secret): readable by Kith's own user only, as for any store of private photos and
 * credentials (CIS benchmarks: no group or world access to application data; SQLite creates `-wal` and
 * `-shm` with the database file's own mode, https://sqlite.org/tempfiles.html).
 */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;
/** The process umask `kith serve` / `kith worker` set at start: whatever else creates a file gets no group or world bits. */
export const PRIVATE_UMASK = 0o077;

/**
 * Creates `dir` (and missing parents) 0700, and tightens it to 0700 when it exists already (an install from
 * before this rule, 0755): a private directory keeps what is beneath it private, whatever the files' modes.
 * A directory Kith does not own (a mount point) is left as it is.
 */
export function ensurePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  try {
    fs.chmodSync(dir, PRIVATE_DIR_MODE);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') throw e;
  }
}

/** `mkdir -p` with mode 0700 for a blob store's fan-out directories (`ab/cd/`), asynchronously. */
export const makePrivateDir = (dir: string) => fsp.mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });

/** Sets `file` to 0600 when it exists (a database, its `-wal` and `-shm`). */
export function makePrivateFile(file: string): void {
  try {
    fs.chmodSync(file, PRIVATE_FILE_MODE);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
}
