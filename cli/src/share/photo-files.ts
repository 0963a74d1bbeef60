import fs from 'node:fs/promises';
import path from 'node:path';
import { CliError } from '../cli-error.js';

/** File name endings `kith share` takes from a folder: the formats the face engine reads (sharp: JPEG, PNG, WebP, HEIF, TIFF). */
export const PHOTO_EXTENSIONS = new Set(['.jpg', '.jpeg', '.png', '.webp', '.heic', '.heif', '.avif', '.tif', '.tiff']);

/**
 * The photos named on the command line, folders walked: a file stays as given (whatever its name: the user chose it);
 * a folder gives the photos inside it and its subfolders, by {@link PHOTO_EXTENSIONS} (case-insensitive), skipping
 * hidden files and folders (`.thumbnails`, `.DS_Store`), in a stable order (path, code point by code point) so that
 * two runs over the same folder list the same rows. A photo reached twice is listed once.
 * @throws CliError for a path that does not exist, and for a folder without a photo in it.
 */
export async function expandPhotoPaths(paths: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const given of paths) {
    const stat = await fs.stat(given).catch(() => {
      throw new CliError(`${given}: no such file or folder`);
    });
    if (!stat.isDirectory()) {
      out.push(given);
      continue;
    }
    const found = (await fs.readdir(given, { recursive: true, withFileTypes: true }))
      .filter((e) => e.isFile() && PHOTO_EXTENSIONS.has(path.extname(e.name).toLowerCase()))
      .map((e) => path.join(e.parentPath, e.name))
      .filter(
        (file) =>
          !path
            .relative(given, file)
            .split(path.sep)
            .some((part) => part.startsWith('.')),
      )
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    if (!found.length)
      throw new CliError(`${given} is a folder with no photo in it (looked for ${[...PHOTO_EXTENSIONS].join(' ')}, subfolders included)`);
    out.push(...found);
  }
  return [...new Set(out)];
}
