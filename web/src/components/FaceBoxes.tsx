/**
 * Face boxes over the photo in the viewer (boxNorm is relative to the oriented image, which is
 * what the preview shows), each with the person's name; a click opens the person. Only the
 * photo's owner gets names (the API leaves them out for others).
 */
import type { Face } from '../api/types';
import { peopleApi } from '../api/people';
import { navigate } from '../lib/router';
import { useAsync } from '../lib/use-async';

const pct = (v: number) => `${(v * 100).toFixed(2)}%`;

export function FaceBoxes({ assetId }: { assetId: string }) {
  const faces = useAsync<Face[]>(() => peopleApi.ofAsset(assetId).catch(() => []), [assetId]);
  return (
    <>
      {faces.data?.map((f) => (
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
