/**
 * The front camera in a <video> (getUserMedia), for Settings → Your face and the exchange room:
 * starts while `on`, stops its tracks when off or unmounted, and explains a failure in words a
 * person can act on. {@link grabJpeg} takes the current frame as a photo.
 */
import { useEffect, useState, type RefObject } from 'react';

/** Why the camera did not start, with what to do instead. */
export function cameraError(err: unknown): string {
  const name = err instanceof DOMException ? err.name : '';
  if (name === 'NotAllowedError')
    return 'The browser was not allowed to use the camera. Allow it in the address bar, or use a photo file instead.';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'No camera was found. Use a photo file instead.';
  if (!navigator.mediaDevices?.getUserMedia)
    return 'This browser cannot use a camera here (it needs HTTPS or localhost). Use a photo file instead.';
  return 'The camera could not start. Close other apps that use it, or use a photo file instead.';
}

/** @returns `ready` once the stream plays in `video`; `error` when it could not start. */
export function useCamera(video: RefObject<HTMLVideoElement | null>, on = true): { ready: boolean; error: string | null } {
  const [ready, setReady] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!on) return;
    let stream: MediaStream | undefined;
    let cancelled = false;
    setError(null);
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
      setReady(false);
    };
  }, [on, video]);
  return { ready, error };
}

/** The video's current frame as a JPEG (quality 0.92). The preview may be mirrored; the photo is not, as a camera's is. */
export async function grabJpeg(v: HTMLVideoElement): Promise<Blob | null> {
  const canvas = document.createElement('canvas');
  canvas.width = v.videoWidth;
  canvas.height = v.videoHeight;
  canvas.getContext('2d')!.drawImage(v, 0, 0);
  return new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.92));
}
