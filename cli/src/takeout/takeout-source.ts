/**
 * Lists and reads the files of a Google Takeout export as it was downloaded: one or several `.zip` parts
 * (read in place with node-stream-zip, never extracted to disk) and/or extracted folders. Every file is
 * known by its path inside its archive or folder ('/'-separated), which is what the sdk's matcher pairs.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import StreamZip from 'node-stream-zip';
import { CliError } from '../cli-error.js';

export interface TakeoutFile {
  /** Path inside the archive or folder, '/'-separated. */
  path: string;
  /** Where it comes from, for messages: `takeout-001.zip` or the folder. */
  source: string;
  bytes: number;
  read: () => Promise<Buffer>;
}

export interface TakeoutSources {
  /** Every file, by path; a path found in two inputs is taken from the first. */
  files: Map<string, TakeoutFile>;
  close: () => Promise<void>;
}

async function walk(root: string, dir: string, out: TakeoutFile[]): Promise<void> {
  for (const e of await fs.readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) await walk(root, full, out);
    else if (e.isFile()) {
      const { size } = await fs.stat(full);
      out.push({ path: path.relative(root, full).split(path.sep).join('/'), source: root, bytes: size, read: () => fs.readFile(full) });
    }
  }
}

/**
 * Opens each input: a `.zip` file or a folder (walked recursively; a folder's own name is not part of the
 * paths, so `Takeout/` or `Google Photos/` or an album folder can be given).
 * @throws CliError when an input is missing, or is a file that is not a readable zip archive.
 */
export async function openTakeoutSources(inputs: string[]): Promise<TakeoutSources> {
  const files = new Map<string, TakeoutFile>();
  const zips: InstanceType<typeof StreamZip.async>[] = [];
  const add = (list: TakeoutFile[]) => {
    for (const f of list) if (!files.has(f.path)) files.set(f.path, f);
  };
  try {
    for (const input of inputs) {
      const stat = await fs.stat(input).catch(() => undefined);
      if (!stat) throw new CliError(`${input}: no such file or folder`);
      if (stat.isDirectory()) {
        const list: TakeoutFile[] = [];
        await walk(input, input, list);
        add(list);
        continue;
      }
      const zip = new StreamZip.async({ file: input, storeEntries: true });
      zips.push(zip);
      let entries;
      try {
        entries = await zip.entries();
      } catch (e) {
        throw new CliError(`${input}: not a zip archive Kith can read (${(e as Error).message})`);
      }
      const source = path.basename(input);
      add(
        Object.values(entries)
          .filter((e) => e.isFile)
          .map((e) => ({ path: e.name, source, bytes: e.size, read: () => zip.entryData(e.name) })),
      );
    }
  } catch (e) {
    await Promise.allSettled(zips.map((z) => z.close()));
    throw e;
  }
  return { files, close: async () => void (await Promise.allSettled(zips.map((z) => z.close()))) };
}

/** Reads a JSON file of the export; undefined (with the reason) when it is not JSON. */
export async function readJson(file: TakeoutFile): Promise<{ json?: unknown; error?: string }> {
  try {
    return { json: JSON.parse((await file.read()).toString('utf8')) };
  } catch (e) {
    return { error: `${file.path}: ${(e as Error).message}` };
  }
}
