/**
 * The whole of `kith upload` as one function, without terminal output (upload.command.ts draws progress bars and
 * the summary), as `immich upload` works: list the files, hash them locally (SHA-256, the digest the server keys
 * assets by), ask the server which it already has, upload only the rest, then file everything into `--album`.
 *
 * Resuming after an interrupt needs no local state: a re-run hashes again and the server's answer skips whatever
 * arrived before, so nothing is sent, or stored, twice (the server also deduplicates by owner + SHA-256).
 */
import pLimit from 'p-limit';
import { CliError } from '../cli-error.js';
import type { Connection } from '../connection.js';
import { DEFAULT_RETRY, type RetryPolicy } from '../share/http-retry.js';
import { addToAlbum, existingAssets, findAlbum, sha256File, uploadFile } from './upload-client.js';
import { discoverUploads } from './upload-files.js';

export interface UploadOptions {
  paths: string[];
  recursive?: boolean;
  dryRun?: boolean;
  /** Files hashed and uploads in flight at once, ≥ 1. */
  concurrency: number;
  /** Album to put the uploaded and already-present photos in (created when missing). */
  album?: string;
  retry?: RetryPolicy;
  progress?: UploadProgress;
}

/** Hooks for the progress bars: a total first, then one tick per file. */
export interface UploadProgress {
  hashStart(total: number): void;
  hashTick(): void;
  uploadStart(total: number): void;
  uploadTick(): void;
  done(): void;
}

/** `new`: stored now; `duplicate`: the server had it (or an earlier file of this run had the same bytes). */
export type FileResult = 'new' | 'duplicate' | 'failed' | 'skipped' | 'would_upload';

export interface FileRow {
  path: string;
  result: FileResult;
  /** SHA-256, hex, once hashed. */
  checksum?: string;
  assetId?: string;
  /** Why it failed or was skipped: the server's code (`invalid_image`, `unsupported_media_type`, `insufficient_scope`…), `network_error`, `unreadable`, `unsupported_type`, `empty`. */
  code?: string;
  message?: string;
}

export interface AlbumOutcome {
  name: string;
  id: string | null;
  /** Created by this run (dry run: would be). */
  created: boolean;
  /** Photos put in it (already-present ones are skipped by the server); dry run: would be. */
  assets: number;
  error?: string;
}

export interface UploadReport {
  rows: FileRow[];
  counts: Record<FileResult, number>;
  album?: AlbumOutcome;
  warnings: string[];
  dryRun: boolean;
  /** True when a file failed or the album step did. */
  failed: boolean;
}

/** Statuses after which every further upload would fail the same way: stop sending. */
const FATAL = new Set([401, 403]);

/**
 * Runs `kith upload`. Per-file failures are rows; the run goes on.
 * @throws CliError for a missing path, no file to upload, or a server that refuses the existence check (bad token, unreachable).
 */
export async function runUpload(conn: Connection, o: UploadOptions): Promise<UploadReport> {
  const found = await discoverUploads(o.paths, { recursive: o.recursive });
  const warnings: string[] = [];
  if (found.foldersNotEntered)
    warnings.push(`${found.foldersNotEntered} sub-folder(s) not entered: add --recursive to upload the photos inside them`);
  const rows: FileRow[] = found.skipped.map((s) => ({
    path: s.path,
    result: 'skipped',
    code: s.reason,
    message: s.reason === 'empty' ? 'empty file (0 bytes)' : 'not a photo format Kith takes (by its name)',
  }));
  const limit = pLimit(Math.max(1, o.concurrency));

  o.progress?.hashStart(found.files.length);
  const hashed = await Promise.all(
    found.files.map((f) =>
      limit(async (): Promise<FileRow> => {
        try {
          return { path: f.path, result: 'would_upload', checksum: await sha256File(f.path) };
        } catch (e) {
          return { path: f.path, result: 'failed', code: 'unreadable', message: (e as Error).message };
        } finally {
          o.progress?.hashTick();
        }
      }),
    ),
  );
  rows.push(...hashed.filter((r) => r.result === 'failed'));
  // One upload per distinct content: later files with the same bytes follow the first.
  const first = new Map<string, FileRow>();
  const followers: FileRow[] = [];
  for (const r of hashed.filter((r) => r.checksum)) {
    if (first.has(r.checksum!)) followers.push(r);
    else first.set(r.checksum!, r);
  }

  const present = await existingAssets(conn, [...first.keys()]);
  const toSend: FileRow[] = [];
  for (const [checksum, r] of first) {
    if (present.has(checksum)) Object.assign(r, { result: 'duplicate', assetId: present.get(checksum) });
    else toSend.push(r);
  }
  await send(conn, toSend, o, limit);
  for (const r of followers) {
    const lead = first.get(r.checksum!)!;
    const ok = lead.result === 'new' || lead.result === 'duplicate';
    if (o.dryRun && lead.result === 'would_upload') Object.assign(r, { result: 'duplicate', message: `same bytes as ${lead.path}` });
    else if (ok) Object.assign(r, { result: 'duplicate', assetId: lead.assetId, message: `same bytes as ${lead.path}` });
    else Object.assign(r, { result: 'failed', code: lead.code, message: `same bytes as ${lead.path}, which failed: ${lead.message}` });
  }
  rows.push(...first.values(), ...followers);
  o.progress?.done();

  const album = o.album === undefined ? undefined : await fileIntoAlbum(conn, o.album, rows, o.dryRun);
  // Rows in the order the files were found (per argument, then by path), whatever order the work finished in.
  const order = new Map([...found.files, ...found.skipped].map((f, i) => [f.path, i]));
  rows.sort((a, b) => order.get(a.path)! - order.get(b.path)!);
  const counts = { new: 0, duplicate: 0, failed: 0, skipped: 0, would_upload: 0 } as Record<FileResult, number>;
  for (const r of rows) counts[r.result]++;
  return { rows, counts, album, warnings, dryRun: Boolean(o.dryRun), failed: counts.failed > 0 || Boolean(album?.error) };
}

/** Uploads `rows` (marking each `new`, `duplicate` or `failed`), `o.concurrency` at a time; nothing in a dry run. */
async function send(conn: Connection, rows: FileRow[], o: UploadOptions, limit: ReturnType<typeof pLimit>): Promise<void> {
  if (o.dryRun) return;
  o.progress?.uploadStart(rows.length);
  let fatal: { code: string; message: string } | undefined;
  await Promise.all(
    rows.map((r) =>
      limit(async () => {
        if (fatal) return void Object.assign(r, { result: 'failed', ...fatal });
        const out = await uploadFile(conn, r.path, o.retry ?? DEFAULT_RETRY);
        if (out.status === 'failed') {
          Object.assign(r, { result: 'failed', code: out.code, message: out.message });
          if (FATAL.has(out.httpStatus)) fatal ??= { code: out.code, message: out.message };
        } else Object.assign(r, { result: out.status === 'created' ? 'new' : 'duplicate', assetId: out.assetId });
        o.progress?.uploadTick();
      }),
    ),
  );
}

/** Puts every photo of the run the server holds (new or already there) into the album; a refusal is reported, not thrown. */
async function fileIntoAlbum(conn: Connection, name: string, rows: FileRow[], dryRun?: boolean): Promise<AlbumOutcome> {
  const ids = [...new Set(rows.flatMap((r) => (r.assetId ? [r.assetId] : [])))];
  const wouldAdd = rows.filter((r) => r.result === 'would_upload').length + ids.length;
  try {
    if (dryRun) {
      const existing = await findAlbum(conn, name);
      return { name, id: existing?.id ?? null, created: !existing, assets: wouldAdd };
    }
    if (!ids.length) return { name, id: null, created: false, assets: 0 };
    const { id, created } = await addToAlbum(conn, name, ids);
    return { name, id, created, assets: ids.length };
  } catch (e) {
    if (!(e instanceof CliError)) throw e;
    return { name, id: null, created: false, assets: 0, error: e.message };
  }
}
