/**
 * Take this round's photo: the camera preview (getUserMedia, as Settings → Your face does) with a
 * visible 3-2-1 countdown, then one frame as a JPEG; or a chosen file. The camera starts only
 * when asked, and stops when the panel goes.
 */
import { useEffect, useRef, useState } from 'react';
import { Camera, ImageUp } from 'lucide-react';
import { grabJpeg, useCamera } from '../../lib/use-camera';

const COUNTDOWN_FROM = 3;

export function CameraCapture({ onCapture, busy }: { onCapture: (image: Blob) => Promise<void>; busy: boolean }) {
  const video = useRef<HTMLVideoElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const [cameraOn, setCameraOn] = useState(false);
  const [count, setCount] = useState<number | null>(null);
  const [frameError, setFrameError] = useState<string | null>(null);
  const camera = useCamera(video, cameraOn);
  const ready = camera.ready;
  const error = camera.error ?? frameError;
  const live = cameraOn && !camera.error;

  // The countdown ticks once a second, then takes the frame.
  useEffect(() => {
    if (count === null) return;
    if (count > 0) {
      const t = setTimeout(() => setCount(count - 1), 1000);
      return () => clearTimeout(t);
    }
    setCount(null);
    const v = video.current;
    if (!v?.videoWidth) return;
    void grabJpeg(v).then((blob) => (blob ? onCapture(blob) : setFrameError('The frame could not be captured; try again.')));
  }, [count, onCapture]);

  const counting = count !== null;
  return (
    <div className="capture" data-testid="capture-panel">
      {live ? (
        <div className="camera-frame capture-frame">
          <video ref={video} muted playsInline data-testid="capture-video" aria-label="Camera preview" />
          {counting && (
            <span className="capture-countdown" data-testid="capture-countdown" aria-live="assertive">
              {count || ''}
            </span>
          )}
        </div>
      ) : (
        <div className="capture-placeholder">
          <Camera size={36} strokeWidth={1.5} aria-hidden />
          <span>Your camera stays off until you turn it on.</span>
        </div>
      )}
      {error && (
        <p className="form-error" role="alert" data-testid="capture-error">
          {error}
        </p>
      )}
      <div className="capture-actions">
        {live ? (
          <button
            className="button button-primary"
            disabled={!ready || counting || busy}
            onClick={() => setCount(COUNTDOWN_FROM)}
            data-testid="capture-start"
          >
            <Camera size={16} /> {busy ? 'Sending…' : counting ? 'Smile!' : 'Take photo (3 s)'}
          </button>
        ) : (
          <button
            className="button button-primary"
            disabled={busy}
            onClick={() => (setFrameError(null), setCameraOn(true))}
            data-testid="capture-camera"
          >
            <Camera size={16} /> Use camera
          </button>
        )}
        <button className="button" disabled={busy || counting} onClick={() => fileInput.current?.click()} data-testid="capture-file">
          <ImageUp size={16} /> Choose a photo
        </button>
        <input
          ref={fileInput}
          type="file"
          accept="image/jpeg,image/png,image/webp"
          className="visually-hidden"
          data-testid="capture-file-input"
          aria-label="A photo for this round"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void onCapture(file);
          }}
        />
      </div>
    </div>
  );
}
