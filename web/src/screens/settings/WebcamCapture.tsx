/**
 * Take a reference photo with the webcam: getUserMedia → live preview → one frame drawn on a
 * canvas → JPEG file, handed to the same upload as a chosen file (and so to the same face checks).
 */
import { useEffect, useRef, useState } from 'react';
import { Camera } from 'lucide-react';
import { Modal } from '../../components/Modal';

const cameraError = (err: unknown): string => {
  const name = err instanceof DOMException ? err.name : '';
  if (name === 'NotAllowedError') return 'The browser was not allowed to use the camera. Allow it in the address bar, then try again.';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'No camera was found. Plug one in, or add a photo file instead.';
  if (!navigator.mediaDevices?.getUserMedia)
    return 'This browser cannot use a camera here (it needs HTTPS or localhost). Add a photo file instead.';
  return 'The camera could not start. Close other apps that use it, then try again.';
};

/** `problem`: why the last photo was refused (the server's message), shown under the preview. */
export function WebcamCapture({
  onCapture,
  onClose,
  problem,
}: {
  onCapture: (file: File) => Promise<void>;
  onClose: () => void;
  problem?: string | null;
}) {
  const video = useRef<HTMLVideoElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [ready, setReady] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let stream: MediaStream | undefined;
    let cancelled = false;
    void (async () => {
      try {
        stream = await navigator.mediaDevices.getUserMedia({
          video: { facingMode: 'user', width: { ideal: 1280 }, height: { ideal: 960 } },
        });
        if (cancelled) return stream.getTracks().forEach((t) => t.stop());
        if (video.current) {
          video.current.srcObject = stream;
          await video.current.play();
          setReady(true);
        }
      } catch (err) {
        if (!cancelled) setError(cameraError(err));
      }
    })();
    return () => {
      cancelled = true;
      stream?.getTracks().forEach((t) => t.stop());
    };
  }, []);

  const capture = async () => {
    const v = video.current;
    if (!v || !v.videoWidth) return;
    const canvas = document.createElement('canvas');
    canvas.width = v.videoWidth;
    canvas.height = v.videoHeight;
    // The preview is mirrored for comfort; the saved frame is not, as a camera photo would be.
    canvas.getContext('2d')!.drawImage(v, 0, 0);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.92));
    if (!blob) return setError('The frame could not be captured; try again.');
    setBusy(true);
    try {
      await onCapture(new File([blob], `webcam-${Date.now()}.jpg`, { type: 'image/jpeg' }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      title="Take a photo of your face"
      onClose={onClose}
      testId="face-camera-dialog"
      footer={
        <>
          <button className="button" onClick={onClose}>
            Cancel
          </button>
          <button
            className="button button-primary"
            disabled={!ready || busy}
            data-testid="face-camera-capture"
            onClick={() => void capture()}
          >
            <Camera size={16} /> {busy ? 'Checking…' : 'Take photo'}
          </button>
        </>
      }
    >
      {error ? (
        <p className="form-error" data-testid="face-camera-error">
          {error}
        </p>
      ) : (
        <>
          <div className="camera-frame">
            <video ref={video} muted playsInline data-testid="face-camera-video" />
            <span className="camera-guide" aria-hidden />
          </div>
          {problem ? (
            <p className="form-error" role="alert" data-testid="face-camera-problem">
              {problem}
            </p>
          ) : (
            <p className="muted small">Face the camera in good light, alone, with your face inside the oval.</p>
          )}
        </>
      )}
    </Modal>
  );
}
