/**
 * "Analysing faces: 120/500": face analysis progress of my library, from GET /api/faces/status
 * and then the realtime `faces.progress` pushes. Hidden once every photo is analysed.
 */
import { ScanFace } from 'lucide-react';
import { peopleApi } from '../api/people';
import { useRealtime } from '../lib/realtime';
import { useAsync } from '../lib/use-async';

export function FaceProgress({ onProgress }: { onProgress?: () => void }) {
  const status = useAsync(() => peopleApi.status(), []);
  useRealtime('faces.progress', (p) => {
    status.setData((s) => (s ? { ...s, ...p } : s));
    onProgress?.();
  });
  useRealtime('asset.created', () => status.reload());
  const s = status.data;
  if (!s) return null;
  if (!s.enabled)
    return (
      <p className="face-progress face-progress-off muted" data-testid="face-progress" data-done={s.done} data-total={s.total}>
        <ScanFace size={16} /> Face analysis is switched off on this server.
      </p>
    );
  if (s.done >= s.total)
    return s.failed ? (
      <p className="face-progress face-progress-off" data-testid="face-progress" data-done={s.done} data-total={s.total}>
        <ScanFace size={16} /> Faces could not be analysed in {s.failed === 1 ? 'one photo' : `${s.failed} photos`}; Re-index tries again.
      </p>
    ) : null;
  const pct = s.total ? Math.round((s.done / s.total) * 100) : 0;
  return (
    <div className="face-progress" data-testid="face-progress" data-done={s.done} data-total={s.total} role="status">
      <ScanFace size={16} />
      <span>
        Analysing faces: <strong>{s.done}</strong>/{s.total}
      </span>
      <span className="face-progress-bar" aria-hidden>
        <span style={{ width: `${pct}%` }} />
      </span>
    </div>
  );
}
