/**
 * Which files `kith upload PATH…` sends: files named on the command line, and the photos inside named folders.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { CliError } from '../cli-error.js';

/**
 * File name endings taken from folders: the formats the server verifies and keeps (server/src/assets/image-probe.ts:
 * JPEG, PNG, WebP, AVIF, GIF, TIFF), compared case-insensitively. Anything else in a folder is counted as skipped.
 */
export const UPLOAD_EXTENSIONS = new Set(['.jpg', '.jpeg', '.jpe', '.png', '.webp', '.avif', '.gif', '.tif', '.tiff']);

/** A file left out, and why: `unsupported_type` (not a photo format Kith takes, by its name) or `empty` (0 bytes). */
export interface SkippedFile {
  path: string;
  reason: 'unsupported_type' | 'empty';
}

export interface Discovery {
  /** Files to hash and upload, each once, in a stable order (per argument, then path by code point). */
  files: { path: string; bytes: number }[];
  skipped: SkippedFile[];
  /** Sub-folders not entered because `--recursive` was not given (their count per named folder, for a hint). */
  foldersNotEntered: number;
}

const isHidden = (name: string) => name.startsWith('.');
const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Lists what to upload.
 *
 * - A file named on the command line is taken whatever its name (the server decides by decoding it), unless empty.
 * - A folder gives its files with an {@link UPLOAD_EXTENSIONS} ending; other files are skipped (`unsupported_type`).
 *   Hidden files and folders (`.DS_Store`, `.thumbnails`, `.git`) are left out silently, as photo tools do.
 * - With `recursive`, sub-folders are walked too; without it they are only counted ({@link Discovery.foldersNotEntered}).
 * - Symbolic links to files are followed; links to folders are not walked (no loops).
 * - A file reached twice (named and inside a named folder, or through two arguments) is listed once.
 *
 * @throws CliError for a path that does not exist or cannot be read.
 */
export async function discoverUploads(paths: readonly string[], opts: { recursive?: boolean } = {}): Promise<Discovery> {
  const files: Discovery['files'] = [];
  const skipped: SkippedFile[] = [];
  const seen = new Set<string>();
  let foldersNotEntered = 0;

  const take = (file: string, bytes: number) => {
    const key = path.resolve(file);
    if (seen.has(key)) return;
    seen.add(key);
    if (bytes === 0) skipped.push({ path: file, reason: 'empty' });
    else files.push({ path: file, bytes });
  };

  const walk = async (dir: string): Promise<void> => {
    const listed = await fs.readdir(dir, { withFileTypes: true }).catch((e: Error) => {
      throw new CliError(`${dir}: cannot read the folder (${e.message})`);
    });
    const entries = listed.filter((e) => !isHidden(e.name));
    entries.sort((a, b) => byCodePoint(a.name, b.name));
    for (const e of entries) {
      const full = path.join(dir, e.name);
      let isFile = e.isFile();
      if (e.isDirectory()) {
        if (opts.recursive) await walk(full);
        else foldersNotEntered++;
        continue;
      }
      if (e.isSymbolicLink()) isFile = (await fs.stat(full).catch(() => undefined))?.isFile() ?? false;
      if (!isFile) continue;
      if (!UPLOAD_EXTENSIONS.has(path.extname(e.name).toLowerCase())) {
        if (!seen.has(path.resolve(full))) skipped.push({ path: full, reason: 'unsupported_type' });
        seen.add(path.resolve(full));
        continue;
      }
      take(full, (await fs.stat(full)).size);
    }
  };

  for (const given of paths) {
    let stat;
    try {
      stat = await fs.stat(given);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new CliError(code === 'ENOENT' ? `${given}: no such file or folder` : `${given}: ${(e as Error).message}`);
    }
    if (stat.isDirectory()) await walk(given);
    else take(given, stat.size);
  }
  return { files, skipped, foldersNotEntered };
}
