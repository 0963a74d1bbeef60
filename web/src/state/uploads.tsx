/**
 * Photo uploads for the whole app: a hidden file input (the "Upload" buttons open
 * it), drag-and-drop anywhere on the window, a queue that sends two files at a time,
 * and per-file progress and results for the upload panel.
 *
 * A screen can take over drops with {@link useDropTarget} (contacts take .vcf files).
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { uploadFile } from '../api/upload';
import type { UploadResult, UploadStatus } from '../api/types';
import { DropOverlay } from '../components/DropOverlay';
import { UploadPanel } from '../components/UploadPanel';

export interface UploadItem {
  key: number;
  name: string;
  bytes: number;
  /** 0..1 of the bytes sent */
  progress: number;
  state: 'queued' | 'uploading' | UploadStatus;
  message?: string;
}

export interface DropTarget {
  /** Shown in the overlay while dragging, e.g. "Drop a vCard to import contacts". */
  label: string;
  onDrop: (files: File[]) => void;
}

interface UploadOptions {
  /** Called once with every file's result when the batch is finished. */
  onComplete?: (results: UploadResult[]) => void;
}

interface Uploads {
  items: UploadItem[];
  upload: (files: File[], opts?: UploadOptions) => void;
  /** Opens the system file picker; picked files are uploaded with `opts`. */
  openPicker: (opts?: UploadOptions) => void;
  clear: () => void;
  setDropTarget: (t: DropTarget | null) => void;
  /** Subscribes to each finished file; returns the unsubscribe function. */
  onResult: (cb: (r: UploadResult) => void) => () => void;
}

const UploadContext = createContext<Uploads | null>(null);
const CONCURRENCY = 2;

export function UploadProvider({ children }: { children: ReactNode }) {
  const [items, setItems] = useState<UploadItem[]>([]);
  const [dropTarget, setDropTarget] = useState<DropTarget | null>(null);
  const nextKey = useRef(1);
  const queue = useRef<{ key: number; file: File; batch: { results: UploadResult[]; left: number; opts?: UploadOptions } }[]>([]);
  const running = useRef(0);
  const listeners = useRef(new Set<(r: UploadResult) => void>());
  const input = useRef<HTMLInputElement>(null);
  const pickerOpts = useRef<UploadOptions | undefined>(undefined);

  const patch = (key: number, p: Partial<UploadItem>) => setItems((xs) => xs.map((x) => (x.key === key ? { ...x, ...p } : x)));

  const pump = useCallback(() => {
    while (running.current < CONCURRENCY && queue.current.length > 0) {
      const job = queue.current.shift()!;
      running.current++;
      patch(job.key, { state: 'uploading' });
      let last = 0;
      const { promise } = uploadFile(job.file, (f) => {
        // Progress events come fast; re-render only on visible steps.
        if (f - last >= 0.02 || f === 1) {
          last = f;
          patch(job.key, { progress: f });
        }
      });
      void promise.then((result) => {
        running.current--;
        patch(job.key, { state: result.status, progress: 1, message: result.error?.message });
        for (const cb of listeners.current) cb(result);
        const b = job.batch;
        b.results.push(result);
        if (--b.left === 0) b.opts?.onComplete?.(b.results);
        pump();
      });
    }
  }, []);

  const upload = useCallback(
    (files: File[], opts?: UploadOptions) => {
      if (files.length === 0) return;
      const batch = { results: [] as UploadResult[], left: files.length, opts };
      const added: UploadItem[] = files.map((file) => {
        const key = nextKey.current++;
        queue.current.push({ key, file, batch });
        return { key, name: file.name, bytes: file.size, progress: 0, state: 'queued' };
      });
      // A new batch after the last one finished starts a fresh list (as Google Photos does);
      // while uploads run, rows accumulate, bounded on huge imports.
      setItems((xs) => {
        const busy = xs.some((x) => x.state === 'queued' || x.state === 'uploading');
        return [...(busy ? xs : []), ...added].slice(-500);
      });
      pump();
    },
    [pump],
  );

  const openPicker = useCallback((opts?: UploadOptions) => {
    pickerOpts.current = opts;
    input.current?.click();
  }, []);
  const clear = useCallback(() => setItems((xs) => xs.filter((x) => x.state === 'queued' || x.state === 'uploading')), []);
  const onResult = useCallback((cb: (r: UploadResult) => void) => {
    listeners.current.add(cb);
    return () => void listeners.current.delete(cb);
  }, []);

  const value = useMemo(
    () => ({ items, upload, openPicker, clear, setDropTarget, onResult }),
    [items, upload, openPicker, clear, onResult],
  );
  return (
    <UploadContext.Provider value={value}>
      {children}
      <input
        ref={input}
        type="file"
        multiple
        accept="image/*,video/*,.heic,.heif,.avif"
        data-testid="upload-input"
        aria-label="Photos and videos to upload"
        className="visually-hidden"
        tabIndex={-1}
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          upload(files, pickerOpts.current);
          pickerOpts.current = undefined;
        }}
      />
      <DropOverlay
        label={dropTarget?.label ?? 'Drop photos to upload them to your library'}
        onDrop={(files) => (dropTarget ? dropTarget.onDrop(files) : upload(files))}
      />
      <UploadPanel items={items} onClear={clear} />
    </UploadContext.Provider>
  );
}

export function useUploads(): Uploads {
  const u = useContext(UploadContext);
  if (!u) throw new Error('useUploads outside UploadProvider');
  return u;
}

/** Routes window drops to `target` while the calling screen is mounted. */
export function useDropTarget(target: DropTarget | null): void {
  const { setDropTarget } = useUploads();
  const ref = useRef(target);
  ref.current = target;
  const label = target?.label;
  useEffect(() => {
    if (!label) return;
    setDropTarget({ label, onDrop: (files) => ref.current?.onDrop(files) });
    return () => setDropTarget(null);
  }, [label, setDropTarget]);
}
