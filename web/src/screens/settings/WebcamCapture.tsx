/**
 * Take a reference photo with the webcam: getUserMedia → live preview → one frame drawn on a
 * canvas → JPEG file, handed to the same upload as a chosen file (and so to the same face checks).
 */
import { useRef, useState } from 'react';
import { Camera } from 'lucide-react';
import { Modal } from '../../components/Modal';
import { grabJpeg, useCamera } from '../../lib/use-camera';

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
  const camera = useCamera(video);
  const [frameError, setFrameError] = useState<string | null>(null);
  const error = camera.error ?? frameError;
  const ready = camera.ready;
  const [busy, setBusy] = useState(false);

  const capture = async () => {
    const v = video.current;
    if (!v || !v.videoWidth) return;
    const blob = await grabJpeg(v);
    if (!blob) return setFrameError('The frame could not be captured; try again.');
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
