/**
 * A Google Takeout import in the browser: the sdk's matcher plans it (the same code as `kith import
 * takeout`), the upload queue sends every photo with its `sidecar` field (so a closed tab or a lost network
 * resumes, and the server's checksum dedupe keeps duplicates out), and each Takeout album becomes a Kith
 * album once its photos are in: found again by name on a re-run, adding only what it lacks.
 */
import { matchTakeout, readTakeoutSidecar, sidecarUploadField, takeoutAlbumTitle, type TakeoutPlan } from '@kith/sdk';
import { albumsApi } from '../api/albums';
import type { UploadResult } from '../api/types';
import type { UploadQueue } from '../state/upload-queue';
import { mimeOf, readPickedTakeout, type PickedTakeout } from './takeout-files';

export interface PlannedTakeout {
  picked: PickedTakeout;
  plan: TakeoutPlan;
  /** Folder key → album title (year folders have none). */
  titles: Map<string, string>;
}

export interface TakeoutOutcome {
  created: number;
  duplicates: number;
  failed: number;
  albums: Array<{ title: string; created: boolean; added: number }>;
  /** Albums that could not be made (the server's message). */
  errors: string[];
}

/** Lists the picked files and matches photos with sidecars and album folders. */
export async function planTakeout(files: File[]): Promise<PlannedTakeout> {
  const picked = await readPickedTakeout(files);
  const plan = matchTakeout(picked.paths);
  const titles = new Map<string, string>();
  for (const [dir, path] of plan.albumMetadata) {
    const title = takeoutAlbumTitle(await picked.json(path));
    if (title) titles.set(dir, title);
  }
  return { picked, plan, titles };
}

/** The caller's user album named `title` (created when absent) with `assetIds` in it. */
async function recreateAlbum(title: string, assetIds: string[]): Promise<TakeoutOutcome['albums'][number]> {
  const existing = (await albumsApi.list()).find((a) => a.kind === 'user' && a.name === title);
  if (!existing) {
    await albumsApi.create(title, assetIds);
    return { title, created: true, added: assetIds.length };
  }
  return { title, created: false, added: assetIds.length ? await albumsApi.addAssets(existing.id, assetIds) : 0 };
}

/**
 * Queues every photo (one batch per album, one for the rest) and calls `onDone` once all are finished.
 * @param onQueued how many photos are queued so far (reading a large zip takes a while).
 */
export async function queueTakeout(
  { picked, plan, titles }: PlannedTakeout,
  queue: UploadQueue,
  onQueued: (n: number) => void,
  onDone: (o: TakeoutOutcome) => void,
): Promise<void> {
  const groups = new Map<string, typeof plan.photos>();
  for (const p of plan.photos) {
    const title = titles.get(p.dir) ?? '';
    groups.set(title, [...(groups.get(title) ?? []), p]);
  }
  const outcome: TakeoutOutcome = { created: 0, duplicates: 0, failed: 0, albums: [], errors: [] };
  let left = groups.size;
  const sidecars = new Map<string, Promise<string | undefined>>();
  const sidecarOf = (path: string | undefined) => {
    if (!path) return Promise.resolve(undefined);
    if (!sidecars.has(path))
      sidecars.set(
        path,
        picked.json(path).then((j) => sidecarUploadField(readTakeoutSidecar(j))),
      );
    return sidecars.get(path)!;
  };
  let queued = 0;
  for (const [title, photos] of groups) {
    const files: File[] = [];
    const fields: Array<string | undefined> = [];
    for (const p of photos) {
      files.push(new File([await picked.open(p.path)], p.name, { type: mimeOf(p.name) }));
      fields.push(await sidecarOf(p.sidecarPath));
    }
    const finished = async (results: UploadResult[]) => {
      for (const r of results) outcome[r.status === 'created' ? 'created' : r.status === 'duplicate' ? 'duplicates' : 'failed']++;
      const ids = [...new Set(results.flatMap((r) => (r.asset ? [r.asset.id] : [])))];
      if (title)
        try {
          outcome.albums.push(await recreateAlbum(title, ids));
        } catch (e) {
          outcome.errors.push(`Album “${title}”: ${(e as Error).message}`);
        }
      if (--left === 0) {
        await picked.close();
        onDone(outcome);
      }
    };
    await queue.add(files, { sidecars: fields, onComplete: (results) => void finished(results) });
    onQueued((queued += files.length));
  }
}
