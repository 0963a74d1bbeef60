/**
 * The viewer's stage: the preview (over the blurred thumbnail until it loads) with its face boxes, drawn at
 * the zoom and pan of {@link useZoomPan}; the stage takes the gestures and clips the zoomed photo.
 */
import { useState } from 'react';
import type { Asset, Face } from '../../api/types';
import type { ZoomPan } from '../../lib/use-zoom-pan';
import { FaceBoxes } from '../FaceBoxes';

interface Props {
  asset: Asset;
  zoom: ZoomPan;
  /** Boxes to draw over the photo (empty when the info panel is closed). */
  faces: Face[];
}

export function ViewerPhoto({ asset, zoom, faces }: Props) {
  const [loaded, setLoaded] = useState<string | null>(null);
  const { scale, x, y } = zoom.view;
  const shiftX = scale === 1 ? zoom.swipeX : x;
  return (
    <div className={`viewer-image-wrap${scale > 1 ? ' zoomed' : ''}`} ref={zoom.stageRef} data-testid="viewer-stage" {...zoom.handlers}>
      {asset.ready ? (
        <>
          {loaded !== asset.id && <img key={`t-${asset.id}`} className="viewer-image viewer-image-low" src={asset.thumbnailUrl} alt="" />}
          <div
            className="viewer-photo"
            ref={zoom.photoRef}
            data-testid="viewer-photo"
            data-scale={scale.toFixed(3)}
            style={{ transform: `translate(${shiftX}px, ${y}px) scale(${scale})` }}
          >
            <img
              key={asset.id}
              className={`viewer-image${loaded === asset.id ? '' : ' loading'}`}
              src={asset.previewUrl}
              alt={asset.originalName}
              draggable={false}
              data-testid="viewer-image"
              onLoad={() => setLoaded(asset.id)}
            />
            {/* Boxes and names would grow with the zoom and hide what was zoomed in on. */}
            {loaded === asset.id && scale === 1 && <FaceBoxes faces={faces} />}
          </div>
        </>
      ) : (
        <div className="viewer-pending">Still processing this photo…</div>
      )}
    </div>
  );
}
