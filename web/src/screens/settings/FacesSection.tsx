/**
 * Reference faces: photos of my own face that Kith matches against faces in others'
 * photos, so pictures of me reach me.
 */
import { useRef, useState } from 'react';
import { Camera, ScanFace, Trash2, Upload } from 'lucide-react';
import { errorMessage } from '../../api/client';
import { meApi } from '../../api/me';
import { useAsync } from '../../lib/use-async';
import { useConfirm } from '../../state/confirm';
import { useToast } from '../../state/toasts';
import { WebcamCapture } from './WebcamCapture';

export function FacesSection() {
  const faces = useAsync(() => meApi.listFaces(), []);
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [camera, setCamera] = useState(false);
  const confirm = useConfirm();
  const toast = useToast();

  /** @returns whether the photos were accepted (the server checks each shows exactly one usable face). */
  const add = async (files: File[]): Promise<boolean> => {
    if (!files.length) return false;
    setBusy(true);
    setError(null);
    try {
      const added = await meApi.addFaces(files);
      faces.setData((xs) => [...(xs ?? []).filter((f) => !added.some((a) => a.id === f.id)), ...added]);
      return true;
    } catch (err) {
      setError(errorMessage(err));
      return false;
    } finally {
      setBusy(false);
    }
  };
  const remove = async (id: string) => {
    if (!(await confirm({ title: 'Remove this reference photo?', confirmLabel: 'Remove', danger: true }))) return;
    try {
      await meApi.deleteFace(id);
      faces.setData((xs) => xs?.filter((f) => f.id !== id));
    } catch (err) {
      toast({ tone: 'error', message: errorMessage(err) });
    }
  };

  return (
    <section className="card settings-card" data-testid="settings-faces">
      <div className="card-head">
        <div>
          <h2>Your face</h2>
          <p className="muted">
            A few clear photos of your face let Kith recognise you in other people’s photos and send them to you. Each photo must show only
            you, close enough that your face fills about a third of it.
          </p>
        </div>
        <div className="card-actions">
          <button className="button" disabled={busy} onClick={() => setCamera(true)} data-testid="face-camera-button">
            <Camera size={16} /> Use camera
          </button>
          <button className="button" disabled={busy} onClick={() => input.current?.click()} data-testid="face-upload-button">
            <Upload size={16} /> {busy ? 'Checking…' : 'Add photos'}
          </button>
        </div>
      </div>
      <input
        ref={input}
        type="file"
        accept="image/*"
        multiple
        className="visually-hidden"
        data-testid="face-upload-input"
        aria-label="Photos of your face"
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          void add(files);
        }}
      />
      {error && <p className="form-error">{error}</p>}
      {camera && (
        <WebcamCapture
          onClose={() => setCamera(false)}
          problem={error}
          onCapture={async (file) => {
            if (await add([file])) setCamera(false);
          }}
        />
      )}
      {faces.error && <p className="form-error">{faces.error}</p>}
      {faces.data && faces.data.length === 0 && (
        <div className="faces-empty">
          <ScanFace size={28} strokeWidth={1.5} />
          <span className="muted">No reference photos yet.</span>
        </div>
      )}
      <ul className="face-list" data-testid="face-list">
        {faces.data?.map((f) => (
          <li key={f.id} className="face" data-testid="face-item">
            <img src={meApi.faceImageUrl(f.id)} alt="Reference face" loading="lazy" />
            <button className="face-remove" aria-label="Remove reference photo" data-testid="face-delete" onClick={() => void remove(f.id)}>
              <Trash2 size={14} />
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
