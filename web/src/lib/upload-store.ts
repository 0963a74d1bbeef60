/**
 * The upload queue on disk: one IndexedDB object store (through `idb`) that the page and the service worker
 * share, so photos picked, dropped or shared to Kith ("Share → Kith", web/src/sw/share-target.ts) survive a
 * reload, a closed tab and a lost network until the server has them. Works in a window and in a worker
 * (no DOM use). Each record holds the file's bytes until the server answers, then only its result.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

export type QueuedState = 'queued' | 'uploading' | 'created' | 'duplicate' | 'failed';

export interface QueuedUpload {
  /** Auto-increment key, in the order files were queued. */
  id: number;
  name: string;
  /** MIME type as the browser or the sharing app gave it. */
  type: string;
  bytes: number;
  /** The file itself; `null` once the server has answered (finished records keep only the result). */
  blob: Blob | null;
  /** The account that queued it; unset for a share received by the service worker, claimed by the next account to run the queue. */
  owner?: string;
  /** Where it came from: the picker or a drop in the app, or the system share sheet. */
  source: 'app' | 'share';
  /** Explicit event tag sent with the file (the upload API's `event` field). */
  event?: string;
  /** The upload API's `sidecar` field for this file (JSON: capture time, place, caption, people from a Takeout sidecar). */
  sidecar?: string;
  state: QueuedState;
  /** Tries that ended in a network or server error. */
  attempts: number;
  /** Epoch ms before which no retry is made (backoff). */
  nextTryAt: number;
  /** Epoch ms when it was queued. */
  addedAt: number;
  assetId?: string;
  /** The photo's capture time (ISO 8601), for "Show it" to open the timeline at its date. */
  capturedAt?: string;
  /** The server's reason for a refusal, or why it is waiting. */
  message?: string;
}

interface UploadDb extends DBSchema {
  uploads: { key: number; value: QueuedUpload };
}

const DB_NAME = 'kith-uploads';
/** Pages listen on this BroadcastChannel for "the queue changed" from the service worker or another tab. */
export const UPLOAD_CHANNEL = 'kith-uploads';

let dbPromise: Promise<IDBPDatabase<UploadDb>> | null = null;
function db(): Promise<IDBPDatabase<UploadDb>> {
  dbPromise ??= openDB<UploadDb>(DB_NAME, 1, {
    upgrade(d) {
      d.createObjectStore('uploads', { keyPath: 'id', autoIncrement: true });
    },
  });
  return dbPromise;
}

/** Tells other tabs and the pages of the service worker that the queue changed. */
export function announceChange(): void {
  if (typeof BroadcastChannel === 'undefined') return;
  const ch = new BroadcastChannel(UPLOAD_CHANNEL);
  ch.postMessage({ type: 'changed' });
  ch.close();
}

/** Queues `files` (bytes included) and @returns the new records, in order. */
export async function addUploads(
  files: File[],
  source: QueuedUpload['source'],
  opts: { event?: string; owner?: string; sidecars?: Array<string | undefined> } = {},
): Promise<QueuedUpload[]> {
  const d = await db();
  const tx = d.transaction('uploads', 'readwrite');
  const now = Date.now();
  const out: QueuedUpload[] = [];
  for (const [i, f] of files.entries()) {
    const sidecar = opts.sidecars?.[i];
    const rec: Omit<QueuedUpload, 'id'> = {
      name: f.name || 'shared-photo',
      type: f.type,
      bytes: f.size,
      blob: f,
      source,
      ...(opts.event ? { event: opts.event } : {}),
      ...(sidecar ? { sidecar } : {}),
      ...(opts.owner ? { owner: opts.owner } : {}),
      state: 'queued',
      attempts: 0,
      nextTryAt: 0,
      addedAt: now,
    };
    // The key path fills `id`; the cast is for idb's typing of auto-increment keys.
    const id = await tx.store.add(rec as unknown as QueuedUpload);
    out.push({ ...rec, id });
  }
  await tx.done;
  announceChange();
  return out;
}

/** Every record, oldest first. */
export async function listUploads(): Promise<QueuedUpload[]> {
  return (await db()).getAll('uploads');
}

/** Merges `patch` into record `id` (no-op when it was removed meanwhile). @returns the updated record. */
export async function patchUpload(id: number, patch: Partial<QueuedUpload>): Promise<QueuedUpload | undefined> {
  const d = await db();
  const tx = d.transaction('uploads', 'readwrite');
  const cur = await tx.store.get(id);
  if (!cur) return undefined;
  const next = { ...cur, ...patch, id };
  await tx.store.put(next);
  await tx.done;
  return next;
}

/** Removes every finished record (created, duplicate, failed); queued files stay. */
export async function removeFinished(): Promise<void> {
  const d = await db();
  const tx = d.transaction('uploads', 'readwrite');
  for (const r of await tx.store.getAll()) if (r.state !== 'queued' && r.state !== 'uploading') await tx.store.delete(r.id);
  await tx.done;
  announceChange();
}

/** A tab closed mid-upload leaves `uploading` behind: those go back to the queue (called once at start). */
export async function requeueInterrupted(): Promise<void> {
  const d = await db();
  const tx = d.transaction('uploads', 'readwrite');
  for (const r of await tx.store.getAll()) if (r.state === 'uploading') await tx.store.put({ ...r, state: 'queued', nextTryAt: 0 });
  await tx.done;
}
