/**
 * `kith import takeout`'s work: plan the export with the sdk's matcher, upload each photo with what its
 * sidecar knows (`POST /api/assets`, `sidecar` field before the file), then recreate the albums.
 *
 * Resuming: a run that stopped half way is simply run again. The server answers photos it already has as
 * `duplicate` (same bytes, same owner) and fills in anything the sidecar adds; albums are found again by
 * name and adding a photo already in one is a no-op, so a second run creates nothing new.
 */
import { Blob } from 'node:buffer';
import pLimit from 'p-limit';
import { FormData } from 'undici';
import { matchTakeout, readTakeoutSidecar, sidecarUploadField, takeoutAlbumTitle, type TakeoutPhoto } from '@kith/sdk';
import { call, type Connection } from '../connection.js';
import { DEFAULT_RETRY, exchange, networkMessage, withRetry, type RetryPolicy } from '../share/http-retry.js';
import { openTakeoutSources, readJson, type TakeoutFile } from './takeout-source.js';

export interface TakeoutImportOptions {
  inputs: string[];
  connection: Connection;
  /** Uploads at once (default 3). */
  concurrency?: number;
  /** Plan and report, upload nothing. */
  dryRun?: boolean;
  retry?: RetryPolicy;
  /** Called after each photo (done of total). */
  onProgress?: (done: number, total: number) => void;
}

export interface TakeoutImportReport {
  photos: number;
  created: number;
  duplicates: number;
  failed: Array<{ path: string; message: string }>;
  /** Photos that had a sidecar, by how it was matched (exact, truncated, edited, no-extension). */
  matched: Record<string, number>;
  /** Photos without a sidecar (imported with their own metadata only). */
  withoutSidecar: string[];
  /** Videos and other files Kith does not import. */
  skipped: string[];
  albums: Array<{ title: string; created: boolean; added: number; photos: number }>;
  warnings: string[];
}

const MIME: Record<string, string> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.gif': 'image/gif',
  '.tif': 'image/tiff',
  '.tiff': 'image/tiff',
};
const mimeOf = (name: string) => MIME[name.slice(name.lastIndexOf('.')).toLowerCase()] ?? 'application/octet-stream';

interface UploadAnswer {
  results?: Array<{ status: string; asset?: { id: string }; error?: { code: string; message: string } }>;
  code?: string;
  message?: string;
  details?: { results?: UploadAnswer['results'] };
}

/** Uploads one photo; @returns its asset id and whether it was new, or the server's refusal. */
async function uploadPhoto(
  conn: Connection,
  file: TakeoutFile,
  sidecar: string | undefined,
  retry: RetryPolicy,
): Promise<{ assetId: string; created: boolean } | { error: string }> {
  const bytes = await file.read();
  let answer;
  try {
    answer = await withRetry((signal) => {
      const form = new FormData();
      if (sidecar) form.append('sidecar', sidecar);
      form.append('file', new Blob([new Uint8Array(bytes)], { type: mimeOf(file.path) }), file.path.slice(file.path.lastIndexOf('/') + 1));
      return exchange(`${conn.url}/api/assets`, { method: 'POST', body: form, headers: { authorization: `Bearer ${conn.token}` } }, signal);
    }, retry);
  } catch (e) {
    return { error: `cannot reach the server: ${networkMessage(e)}` };
  }
  const body = answer.body as UploadAnswer;
  const result = body.results?.[0] ?? body.details?.results?.[0];
  if (result?.asset && (result.status === 'created' || result.status === 'duplicate'))
    return { assetId: result.asset.id, created: result.status === 'created' };
  const err = result?.error ?? body;
  return { error: `${answer.status} ${err.code ?? ''}: ${err.message ?? 'upload refused'}` };
}

/** Finds the caller's album `title` (or creates it with `assetIds`) and adds the photos it lacks. */
async function recreateAlbum(conn: Connection, title: string, assetIds: string[], existing: Map<string, string>) {
  const id = existing.get(title);
  if (!id) {
    const { album } = await call(conn.client.POST('/api/albums', { body: { name: title, assetIds } }));
    existing.set(title, album.id);
    return { title, created: true, added: assetIds.length, photos: assetIds.length };
  }
  const { added } = await call(conn.client.POST('/api/albums/{id}/assets', { params: { path: { id } }, body: { assetIds } }));
  return { title, created: false, added, photos: assetIds.length };
}

/** Runs an import (see the file comment). Never throws for one bad photo: it is in `failed`. */
export async function runTakeoutImport(opts: TakeoutImportOptions): Promise<TakeoutImportReport> {
  const retry = opts.retry ?? DEFAULT_RETRY;
  const sources = await openTakeoutSources(opts.inputs);
  try {
    const plan = matchTakeout(sources.files.keys());
    const report: TakeoutImportReport = {
      photos: plan.photos.length,
      created: 0,
      duplicates: 0,
      failed: [],
      matched: {},
      withoutSidecar: plan.photos.filter((p) => !p.sidecarPath).map((p) => p.path),
      skipped: plan.skipped,
      albums: [],
      warnings: [],
    };
    for (const p of plan.photos) if (p.match) report.matched[p.match] = (report.matched[p.match] ?? 0) + 1;

    const titles = new Map<string, string>();
    for (const [dir, metaPath] of plan.albumMetadata) {
      const { json, error } = await readJson(sources.files.get(metaPath)!);
      if (error) report.warnings.push(`album metadata unreadable: ${error}`);
      const title = takeoutAlbumTitle(json);
      if (title) titles.set(dir, title);
    }
    if (opts.dryRun) return report;

    const sidecarFields = new Map<string, Promise<string | undefined>>();
    const fieldOf = (p: TakeoutPhoto) => {
      if (!p.sidecarPath) return Promise.resolve(undefined);
      let f = sidecarFields.get(p.sidecarPath);
      if (!f) {
        f = readJson(sources.files.get(p.sidecarPath)!).then(({ json, error }) => {
          if (error) report.warnings.push(`sidecar unreadable: ${error}`);
          return sidecarUploadField(readTakeoutSidecar(json));
        });
        sidecarFields.set(p.sidecarPath, f);
      }
      return f;
    };

    const albumAssets = new Map<string, string[]>();
    const limit = pLimit(opts.concurrency ?? 3);
    let done = 0;
    await Promise.all(
      plan.photos.map((p) =>
        limit(async () => {
          const r = await uploadPhoto(opts.connection, sources.files.get(p.path)!, await fieldOf(p), retry);
          opts.onProgress?.(++done, plan.photos.length);
          if ('error' in r) return void report.failed.push({ path: p.path, message: r.error });
          if (r.created) report.created++;
          else report.duplicates++;
          const title = titles.get(p.dir);
          if (title) albumAssets.set(title, [...(albumAssets.get(title) ?? []), r.assetId]);
        }),
      ),
    );

    if (albumAssets.size) {
      const { albums } = await call(opts.connection.client.GET('/api/albums'));
      const existing = new Map<string, string>();
      for (const a of albums) if (a.kind === 'user' && !existing.has(a.name)) existing.set(a.name, a.id);
      for (const [title, ids] of albumAssets) report.albums.push(await recreateAlbum(opts.connection, title, [...new Set(ids)], existing));
    }
    return report;
  } finally {
    await sources.close();
  }
}
