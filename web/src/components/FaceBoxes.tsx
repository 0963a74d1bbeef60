/**
 * Face boxes over the photo in the viewer (boxNorm is relative to the oriented image, which is
 * what the preview shows), each with the person's name; a click opens the person. Only the
 * photo's owner gets names (the API leaves them out for others).
 */
import type { Face } from '../api/types';
import { navigate } from '../lib/router';

const pct = (v: number) => `${(v * 100).toFixed(2)}%`;

/** `faces` as GET /api/assets/{id}/faces answers them (the viewer fetches them once for boxes and list). */
export function FaceBoxes({ faces }: { faces: Face[] }) {
  return (
    <>
      {faces.map((f) => (
        <button
          key={f.id}
          type="button"
          className="viewer-face-box"
          data-testid="viewer-face-box"
          data-person-id={f.personId ?? ''}
          style={{ left: pct(f.boxNorm.x), top: pct(f.boxNorm.y), width: pct(f.boxNorm.width), height: pct(f.boxNorm.height) }}
          title={f.personName ?? (f.personId ? 'Unnamed person' : 'Not grouped yet')}
          disabled={!f.personId}
          onClick={() => f.personId && navigate(`/people/${encodeURIComponent(f.personId)}`)}
        >
          {f.personName && <span>{f.personName}</span>}
        </button>
      ))}
    </>
  );
}
