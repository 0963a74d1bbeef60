import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliError } from '../src/cli-error.js';
import { discoverUploads } from '../src/upload/upload-files.js';

// A real folder tree on disk: photos at two depths, hidden files and folders, other files, an empty photo, a link.
let root: string;
const rel = (p: string) => path.relative(root, p);
const write = async (name: string, bytes = 'x') => {
  await fs.mkdir(path.dirname(path.join(root, name)), { recursive: true });
  await fs.writeFile(path.join(root, name), bytes);
};

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'kith-upload-files-'));
  for (const f of ['b.jpg', 'A.JPEG', 'c.png', 'd.webp', 'e.avif', 'f.gif', 'g.tif', 'h.TIFF', 'trip/2019/i.jpg', 'trip/j.jpe'])
    await write(f);
  for (const f of ['notes.txt', 'clip.mov', 'trip/k.xmp']) await write(f);
  for (const f of ['.DS_Store', '.hidden.jpg', '.thumbnails/t.jpg', 'trip/.cache/l.jpg']) await write(f);
  await write('empty.jpg', '');
  await fs.symlink(path.join(root, 'b.jpg'), path.join(root, 'link-to-b.jpg'));
  await fs.symlink(path.join(root, 'trip'), path.join(root, 'link-to-trip'));
});
afterAll(async () => fs.rm(root, { recursive: true, force: true }));

describe('discoverUploads', () => {
  it('takes a folder’s photos by extension (any case), in code-point order, without entering sub-folders', async () => {
    const d = await discoverUploads([root]);
    expect(d.files.map((f) => rel(f.path))).toEqual([
      'A.JPEG',
      'b.jpg',
      'c.png',
      'd.webp',
      'e.avif',
      'f.gif',
      'g.tif',
      'h.TIFF',
      'link-to-b.jpg',
    ]);
    expect(d.files.every((f) => f.bytes === 1)).toBe(true);
    // trip/ and link-to-trip/ are folders: counted for the --recursive hint, not walked.
    expect(d.foldersNotEntered).toBe(1);
  });

  it('walks sub-folders with recursive, but not hidden folders nor links to folders', async () => {
    const d = await discoverUploads([root], { recursive: true });
    const files = d.files.map((f) => rel(f.path));
    expect(files).toContain('trip/2019/i.jpg');
    expect(files).toContain('trip/j.jpe');
    expect(files.filter((f) => f.startsWith('link-to-trip'))).toEqual([]);
    expect(files.filter((f) => f.split('/').some((part) => part.startsWith('.')))).toEqual([]);
    expect(d.foldersNotEntered).toBe(0);
  });

  it('counts other files as skipped (unsupported_type) and empty photos as skipped (empty); hidden files are left out silently', async () => {
    const d = await discoverUploads([root], { recursive: true });
    expect(d.skipped.map((s) => [rel(s.path), s.reason]).sort()).toEqual([
      ['clip.mov', 'unsupported_type'],
      ['empty.jpg', 'empty'],
      ['notes.txt', 'unsupported_type'],
      ['trip/k.xmp', 'unsupported_type'],
    ]);
    expect(d.skipped.some((s) => rel(s.path).includes('DS_Store'))).toBe(false);
  });

  it('takes a file named on the command line whatever its name or hiddenness (the server decides by decoding)', async () => {
    const d = await discoverUploads([path.join(root, 'notes.txt'), path.join(root, '.hidden.jpg')]);
    expect(d.files.map((f) => rel(f.path))).toEqual(['notes.txt', '.hidden.jpg']);
    expect(d.skipped).toEqual([]);
  });

  it('lists a file reached twice once (named and inside a named folder)', async () => {
    const d = await discoverUploads([path.join(root, 'c.png'), root, `${root}/`]);
    expect(d.files.filter((f) => rel(f.path) === 'c.png')).toHaveLength(1);
    expect(d.files.map((f) => rel(f.path))[0]).toBe('c.png');
  });

  it('refuses a path that does not exist, naming it', async () => {
    const missing = path.join(root, 'nope');
    await expect(discoverUploads([missing])).rejects.toThrow(new CliError(`${missing}: no such file or folder`));
  });

  it('gives nothing, and no error, for an empty folder', async () => {
    const empty = await fs.mkdtemp(path.join(os.tmpdir(), 'kith-upload-empty-'));
    expect(await discoverUploads([empty])).toEqual({ files: [], skipped: [], foldersNotEntered: 0 });
    await fs.rm(empty, { recursive: true });
  });
});
