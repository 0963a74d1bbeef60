/**
 * Photo uploads for the whole app: a hidden file input (the "Upload" buttons open it), drag-and-drop anywhere
 * on the window, and the upload panel. Files go into the persistent queue (web/src/state/upload-queue.ts,
 * IndexedDB), so a reload, a closed tab or a lost network does not lose them; the queue sends two at a time
 * with per-file progress and tries again when the network returns.
 *
 * A screen can take over drops with {@link useDropTarget} (contacts take .vcf files).
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { UploadResult } from '../api/types';
import { DropOverlay } from '../components/DropOverlay';
import { UploadPanel } from '../components/UploadPanel';
import { useSession } from './session';
import { uploadQueue, type UploadItem } from './upload-queue';

export type { UploadItem } from './upload-queue';

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
  /** Forgets the finished rows; files still queued stay. */
  clear: () => void;
  setDropTarget: (t: DropTarget | null) => void;
  /** Subscribes to each finished file; returns the unsubscribe function. */
  onResult: (cb: (r: UploadResult) => void) => () => void;
}

const UploadContext = createContext<Uploads | null>(null);

export function UploadProvider({ children }: { children: ReactNode }) {
  const { account } = useSession();
  const items = useSyncExternalStore(uploadQueue.subscribe, uploadQueue.items);
  const [dropTarget, setDropTarget] = useState<DropTarget | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const pickerOpts = useRef<UploadOptions | undefined>(undefined);

  const accountId = account?.id;
  useEffect(() => {
    if (!accountId) return;
    void uploadQueue.start(accountId);
    return () => uploadQueue.pause();
  }, [accountId]);

  const upload = useCallback((files: File[], opts?: UploadOptions) => void uploadQueue.add(files, opts), []);
  const openPicker = useCallback((opts?: UploadOptions) => {
    pickerOpts.current = opts;
    input.current?.click();
  }, []);
  const clear = useCallback(() => void uploadQueue.clearFinished(), []);
  const onResult = useCallback((cb: (r: UploadResult) => void) => uploadQueue.onResult(cb), []);

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
