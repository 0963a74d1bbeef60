/**
 * The files of a Google Takeout export the user picked in the browser: `.zip` parts (read in place with
 * zip.js, one entry at a time, never all in memory) and/or a folder (`<input webkitdirectory>`, each file
 * known by its `webkitRelativePath`). The sdk's `matchTakeout` pairs the listed paths; this opens them.
 */
import { BlobReader, BlobWriter, ZipReader, configure, type Entry } from '@zip.js/zip.js';

// Inflate on the page: no worker scripts to load (the app's CSP allows only its own scripts).
configure({ useWebWorkers: false });

export interface PickedTakeout {
  /** Every file's path, '/'-separated, relative to its archive or the picked folder. */
  paths: string[];
  /** The bytes of one listed file. */
  open: (path: string) => Promise<Blob>;
  /** Reads and parses a listed JSON file; undefined when it is not JSON. */
  json: (path: string) => Promise<unknown>;
  close: () => Promise<void>;
}

const MIME: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  avif: 'image/avif',
  gif: 'image/gif',
  tif: 'image/tiff',
  tiff: 'image/tiff',
};
export const mimeOf = (path: string) => MIME[path.slice(path.lastIndexOf('.') + 1).toLowerCase()] ?? 'application/octet-stream';

/**
 * Lists the picked files. A path found in two inputs is taken from the first.
 * @throws Error with a message for the user when a .zip cannot be read.
 */
export async function readPickedTakeout(files: File[]): Promise<PickedTakeout> {
  const openers = new Map<string, () => Promise<Blob>>();
  const readers: ZipReader<unknown>[] = [];
  for (const file of files) {
    if (file.name.toLowerCase().endsWith('.zip')) {
      const reader = new ZipReader(new BlobReader(file));
      readers.push(reader);
      let entries: Entry[];
      try {
        entries = await reader.getEntries();
      } catch (e) {
        throw new Error(`${file.name} is not a zip archive Kith can read (${(e as Error).message}).`);
      }
      for (const entry of entries)
        if (!entry.directory && !openers.has(entry.filename))
          openers.set(entry.filename, () => entry.getData(new BlobWriter(mimeOf(entry.filename))));
      continue;
    }
    const path = file.webkitRelativePath || file.name;
    if (!openers.has(path)) openers.set(path, () => Promise.resolve(file));
  }
  const open = (path: string) => {
    const o = openers.get(path);
    if (!o) throw new Error(`${path} is not in the export`);
    return o();
  };
  return {
    paths: [...openers.keys()],
    open,
    json: async (path) => {
      try {
        return JSON.parse(await (await open(path)).text()) as unknown;
      } catch {
        return undefined;
      }
    },
    close: async () => void (await Promise.allSettled(readers.map((r) => r.close()))),
  };
}
