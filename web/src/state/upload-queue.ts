/**
 * Runs the persistent upload queue (web/src/lib/upload-store.ts) from the page: sends two files at a time with
 * per-file progress (XMLHttpRequest upload events, web/src/api/upload.ts), and keeps a file queued when the
 * network or the server fails, trying again with exponential backoff (2 s, 4 s, … up to 1 min) and at once when
 * the browser reports it is back online. A server refusal (4xx) is final and shown with the server's reason.
 *
 * One queue per page ({@link uploadQueue}); with several tabs open, only the one holding the Web Lock sends.
 * It only sends the signed-in account's files (and claims files that "Share → Kith" queued while no page was
 * open). The React side is web/src/state/uploads.tsx.
 */
import { uploadFile, type SentUpload } from '../api/upload';
import type { UploadResult } from '../api/types';
import { UPLOAD_WAITING_MESSAGE } from '../lib/offline';
import {
  UPLOAD_CHANNEL,
  addUploads,
  announceChange,
  listUploads,
  patchUpload,
  removeFinished,
  requeueInterrupted,
  type QueuedUpload,
  type QueuedState,
} from '../lib/upload-store';

/** One row of the upload panel. */
export interface UploadItem {
  key: number;
  name: string;
  bytes: number;
  /** 0..1 of the bytes sent */
  progress: number;
  state: QueuedState;
  message?: string;
  assetId?: string;
  capturedAt?: string;
  source: QueuedUpload['source'];
  /** Queued while offline or after a failed try: waiting for the network or the next retry. */
  waiting: boolean;
}

interface Batch {
  results: UploadResult[];
  left: number;
  onComplete?: (results: UploadResult[]) => void;
}

const CONCURRENCY = 2;
/** Server errors (5xx) are retried this many times; a lost network is retried until it comes back. */
const MAX_SERVER_RETRIES = 8;
/** Backoff after the n-th failed try (n ≥ 1), ms: 2 s doubling, at most 60 s. */
export const backoffMs = (n: number) => Math.min(60_000, 2_000 * 2 ** Math.max(0, n - 1));

function createUploadQueue() {
  let records: QueuedUpload[] = [];
  let snapshot: UploadItem[] = [];
  let owner: string | null = null;
  const progress = new Map<number, number>();
  const running = new Set<number>();
  const batches = new Map<number, Batch>();
  const subscribers = new Set<() => void>();
  const resultListeners = new Set<(r: UploadResult) => void>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let wired = false;
  // Only one tab sends (Web Locks API); the others show the same queue from IndexedDB and take over when it closes.
  let leader = typeof navigator.locks === 'undefined';
  let releaseLock: (() => void) | null = null;

  const mine = (r: QueuedUpload) => owner !== null && (r.owner === undefined || r.owner === owner);

  function publish(): void {
    const offline = !navigator.onLine;
    snapshot = records.filter(mine).map((r) => ({
      key: r.id,
      name: r.name,
      bytes: r.bytes,
      progress: r.state === 'queued' || r.state === 'uploading' ? (progress.get(r.id) ?? 0) : 1,
      state: r.state,
      message: r.message ?? (offline && r.state === 'queued' ? UPLOAD_WAITING_MESSAGE : undefined),
      assetId: r.assetId,
      capturedAt: r.capturedAt,
      source: r.source,
      waiting: r.state === 'queued' && (r.attempts > 0 || offline),
    }));
    for (const cb of subscribers) cb();
  }

  async function refresh(): Promise<void> {
    records = await listUploads();
    publish();
    pump();
  }

  function update(next: QueuedUpload | undefined): void {
    if (!next) return;
    records = records.map((r) => (r.id === next.id ? next : r));
    publish();
  }

  function schedule(): void {
    clearTimeout(timer);
    const waits = records.filter((r) => mine(r) && r.state === 'queued' && !running.has(r.id)).map((r) => r.nextTryAt - Date.now());
    if (waits.length === 0) return;
    timer = setTimeout(pump, Math.max(0, Math.min(...waits)));
  }

  function pump(): void {
    if (owner === null || !leader) return;
    const ready = records.filter((r) => mine(r) && r.state === 'queued' && !running.has(r.id) && r.nextTryAt <= Date.now());
    // Offline, nothing is tried: the `online` event starts the queue again.
    if (navigator.onLine) for (const r of ready.slice(0, Math.max(0, CONCURRENCY - running.size))) void send(r);
    schedule();
  }

  async function send(rec: QueuedUpload): Promise<void> {
    running.add(rec.id);
    progress.set(rec.id, 0);
    update(await patchUpload(rec.id, { state: 'uploading', owner: owner ?? undefined }));
    const file = rec.blob instanceof File ? rec.blob : new File([rec.blob ?? new Blob()], rec.name, { type: rec.type });
    let last = 0;
    const { promise } = uploadFile(
      file,
      (f) => {
        // Progress events come fast; re-render only on visible steps.
        if (f - last < 0.02 && f !== 1) return;
        last = f;
        progress.set(rec.id, f);
        publish();
      },
      rec.event,
      rec.sidecar,
    );
    const result = await promise;
    running.delete(rec.id);
    progress.delete(rec.id);
    await finish(rec, result);
    pump();
  }

  async function finish(rec: QueuedUpload, result: SentUpload): Promise<void> {
    const network = result.error?.code === 'network_error';
    if (result.retryable && (network || rec.attempts < MAX_SERVER_RETRIES)) {
      const attempts = rec.attempts + 1;
      const reason = result.error?.message ?? 'The server failed.';
      const message = network ? UPLOAD_WAITING_MESSAGE : `${/[.!?]$/.test(reason) ? reason : `${reason}.`} Trying again soon.`;
      update(await patchUpload(rec.id, { state: 'queued', attempts, nextTryAt: Date.now() + backoffMs(attempts), message }));
      return;
    }
    const next = await patchUpload(rec.id, {
      state: result.status,
      blob: null,
      message: result.error?.message,
      assetId: result.asset?.id,
      capturedAt: result.asset?.capturedAt,
    });
    update(next);
    announceChange();
    for (const cb of resultListeners) cb(result);
    const batch = batches.get(rec.id);
    batches.delete(rec.id);
    if (batch) {
      batch.results.push(result);
      if (--batch.left === 0) batch.onComplete?.(batch.results);
    }
  }

  /** Listens once per page for the network coming back and for changes made by the service worker or another tab. */
  function wire(): void {
    if (wired) return;
    wired = true;
    window.addEventListener('offline', publish);
    window.addEventListener('online', () => {
      records = records.map((r) => (r.state === 'queued' ? { ...r, nextTryAt: 0 } : r));
      pump();
    });
    if (typeof BroadcastChannel !== 'undefined') new BroadcastChannel(UPLOAD_CHANNEL).onmessage = () => void refresh();
  }

  /** Asks for the sender's lock; the promise it holds is resolved on pause, which lets another tab take over. */
  function lead(): void {
    if (typeof navigator.locks === 'undefined' || releaseLock) return;
    void navigator.locks.request(
      'kith-upload-queue',
      () =>
        new Promise<void>((resolve) => {
          leader = true;
          releaseLock = () => {
            leader = false;
            releaseLock = null;
            resolve();
          };
          // The tab that held the lock is gone: what it was sending goes back to the queue.
          void requeueInterrupted().then(refresh);
        }),
    );
  }

  return {
    /** Starts sending `account`'s queued files (also those a share queued); safe to call again. */
    async start(account: string): Promise<void> {
      wire();
      if (owner === account) return;
      owner = account;
      lead();
      if (typeof navigator.locks === 'undefined') await requeueInterrupted();
      await refresh();
    },
    /** Stops starting new uploads (log-out); files in flight finish. */
    pause(): void {
      owner = null;
      clearTimeout(timer);
      releaseLock?.();
      publish();
    },
    /** Queues `files`; `onComplete` gets every result once all of them are finished (while this page lives). */
    /** `sidecars[i]` is file i's upload `sidecar` field (a Google Takeout import). */
    async add(
      files: File[],
      opts: { event?: string; sidecars?: Array<string | undefined>; onComplete?: (results: UploadResult[]) => void } = {},
    ): Promise<void> {
      if (files.length === 0) return;
      // A new batch after the last one finished starts a fresh list (as Google Photos does).
      if (!records.some((r) => mine(r) && (r.state === 'queued' || r.state === 'uploading'))) {
        await removeFinished();
        records = records.filter((r) => r.state === 'queued' || r.state === 'uploading');
      }
      const added = await addUploads(files, 'app', { event: opts.event, sidecars: opts.sidecars, owner: owner ?? undefined });
      const batch: Batch = { results: [], left: added.length, onComplete: opts.onComplete };
      for (const r of added) batches.set(r.id, batch);
      records = [...records, ...added];
      publish();
      pump();
    },
    /** Forgets finished rows (queued ones stay). */
    async clearFinished(): Promise<void> {
      await removeFinished();
      records = records.filter((r) => r.state === 'queued' || r.state === 'uploading');
      publish();
    },
    items: () => snapshot,
    subscribe(cb: () => void): () => void {
      subscribers.add(cb);
      return () => void subscribers.delete(cb);
    },
    onResult(cb: (r: UploadResult) => void): () => void {
      resultListeners.add(cb);
      return () => void resultListeners.delete(cb);
    },
  };
}

export type UploadQueue = ReturnType<typeof createUploadQueue>;
/** The page's one queue. */
export const uploadQueue: UploadQueue = createUploadQueue();
