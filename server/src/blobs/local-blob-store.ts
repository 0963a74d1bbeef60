import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { BlobStore } from './blob-store.js';
import { ensurePrivateDir, makePrivateDir, PRIVATE_FILE_MODE } from '../common/private-files.js';

const HEX = /^[0-9a-f]{64}$/;

/**
 * {@link BlobStore} on local disk: `<root>/ab/cd/abcd…` with write-to-temp then rename(2),
 * which POSIX guarantees atomic within one filesystem. Temp files live in `<tmpDir>`,
 * which must be on the same filesystem (both default under the data dir).
 * Directories are 0700 and files 0600 (private-files.ts): only Kith's own user reads the photos.
 */
export function createLocalBlobStore(root: string, tmpDir: string): BlobStore {
  ensurePrivateDir(root);
  ensurePrivateDir(tmpDir);
  const pathOf = (sha: string) => {
    if (!HEX.test(sha)) throw new Error(`not a sha256 digest: ${sha}`);
    return path.join(root, sha.slice(0, 2), sha.slice(2, 4), sha);
  };
  const exists = (p: string) =>
    fsp.access(p).then(
      () => true,
      () => false,
    );
  const store: BlobStore = {
    async putFile(tempPath, sha256) {
      const dest = pathOf(sha256);
      if (await exists(dest)) {
        await fsp.rm(tempPath, { force: true });
        return { created: false };
      }
      // The two directory levels usually exist already: create them only when rename says so.
      await fsp.rename(tempPath, dest).catch(async (e: NodeJS.ErrnoException) => {
        if (e.code !== 'ENOENT') throw e;
        await makePrivateDir(path.dirname(dest));
        await fsp.rename(tempPath, dest);
      });
      return { created: true };
    },
    async putBuffer(data, sha256) {
      const tmp = store.tempPath();
      try {
        // One write(2) of the whole buffer: fsp.writeFile would cut it in 512 KiB writes, each a
        // trip through the thread pool.
        const file = await fsp.open(tmp, 'wx', PRIVATE_FILE_MODE);
        try {
          await file.write(data);
        } finally {
          await file.close();
        }
        return await store.putFile(tmp, sha256);
      } catch (e) {
        await fsp.rm(tmp, { force: true });
        throw e;
      }
    },
    has: (sha) => exists(pathOf(sha)),
    read: (sha) => fsp.readFile(pathOf(sha)),
    stream: (sha) => fs.createReadStream(pathOf(sha)),
    size: async (sha) => (await fsp.stat(pathOf(sha))).size,
    delete: (sha) => fsp.rm(pathOf(sha), { force: true }),
    tempPath: () => path.join(tmpDir, `upload-${crypto.randomUUID()}`),
  };
  return store;
}
