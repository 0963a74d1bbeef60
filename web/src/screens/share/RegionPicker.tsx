/**
 * Share a region of one picture of a shared page: a crop box drawn by dragging over the picture (pointer
 * events: mouse, pen and touch), "Whole picture" to reset it, a description, the share targets, and the
 * resulting `/s/{id}` link. The server fetches the picture itself (`POST /api/region-shares`), so the
 * region is sent as fractions of the picture and, when the preview loaded, in its natural pixels too.
 * The picture is shown through Kith's own origin (`/api/region-shares/page-image`); one Kith cannot show (not a
 * raster image, gone) can still be shared whole, the server measuring it.
 */
import { useEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { ImageOff } from 'lucide-react';
import { errorMessage } from '../../api/client';
import { pageImageSrc, regionApi, type PageImage, type RegionShare, type ShareTarget } from '../../api/region-shares';
import { useAsync } from '../../lib/use-async';

/** A region as fractions (0–1) of the picture's width and height. */
interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
const WHOLE: Box = { x: 0, y: 0, width: 1, height: 1 };
/** Smallest box a drag makes, as a fraction of the picture: a tap is not a region. */
const MIN_FRACTION = 0.03;
/** How far one arrow key moves or resizes the box, as a fraction of the picture. */
const KEY_STEP = 0.02;
const clamp01 = (v: number) => Math.min(1, Math.max(0, v));

interface Props {
  pageUrl: string;
  image: PageImage;
  index: number;
  onBack: () => void;
}

export function RegionPicker({ pageUrl, image, index, onBack }: Props) {
  const heading = useRef<HTMLHeadingElement>(null);
  const frame = useRef<HTMLDivElement>(null);
  const [natural, setNatural] = useState<{ width: number; height: number } | null>(null);
  const [failed, setFailed] = useState(false);
  const [box, setBox] = useState<Box>(WHOLE);
  const [description, setDescription] = useState('');
  const [target, setTarget] = useState<ShareTarget['id']>('kith');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [share, setShare] = useState<RegionShare | null>(null);
  const targets = useAsync(() => regionApi.targets(), []);
  const drag = useRef<{ x: number; y: number } | null>(null);

  useEffect(() => heading.current?.focus(), []);

  const point = (e: PointerEvent) => {
    const r = frame.current!.getBoundingClientRect();
    return { x: clamp01((e.clientX - r.left) / r.width), y: clamp01((e.clientY - r.top) / r.height) };
  };
  const onDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button > 0 || share) return;
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = point(e);
  };
  const onMove = (e: PointerEvent<HTMLDivElement>) => {
    const start = drag.current;
    if (!start) return;
    const p = point(e);
    const next = { x: Math.min(start.x, p.x), y: Math.min(start.y, p.y), width: Math.abs(p.x - start.x), height: Math.abs(p.y - start.y) };
    if (next.width >= MIN_FRACTION && next.height >= MIN_FRACTION) setBox(next);
  };
  const onUp = () => (drag.current = null);
  /** Arrows move the box, Shift+arrows resize it, by 2 % of the picture; the first key starts from the middle 60 %. */
  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const arrows: Record<string, readonly [number, number]> = {
      ArrowLeft: [-1, 0],
      ArrowRight: [1, 0],
      ArrowUp: [0, -1],
      ArrowDown: [0, 1],
    };
    const d = arrows[e.key];
    if (!d || share) return;
    e.preventDefault();
    const b = box === WHOLE ? { x: 0.2, y: 0.2, width: 0.6, height: 0.6 } : box;
    const [dx, dy] = [d[0] * KEY_STEP, d[1] * KEY_STEP];
    if (e.shiftKey)
      setBox({
        ...b,
        width: Math.min(1 - b.x, Math.max(MIN_FRACTION, b.width + dx)),
        height: Math.min(1 - b.y, Math.max(MIN_FRACTION, b.height + dy)),
      });
    else setBox({ ...b, x: Math.min(1 - b.width, Math.max(0, b.x + dx)), y: Math.min(1 - b.height, Math.max(0, b.y + dy)) });
  };

  const submit = async () => {
    setBusy(true);
    setError(null);
    // Natural pixels when the preview loaded; else the declared size (or a nominal one): the server then
    // measures the fetched picture and crops by the fractions.
    const nw = natural?.width ?? image.width ?? 1000;
    const nh = natural?.height ?? image.height ?? 1000;
    const x0 = Math.round(box.x * nw);
    const y0 = Math.round(box.y * nh);
    const rect = {
      x: x0,
      y: y0,
      width: Math.max(1, Math.round((box.x + box.width) * nw) - x0),
      height: Math.max(1, Math.round((box.y + box.height) * nh) - y0),
    };
    try {
      setShare(
        await regionApi.share({
          pageUrl,
          imageUrl: image.url,
          imageIndex: index,
          rect,
          fraction: { x: rect.x / nw, y: rect.y / nh, width: rect.width / nw, height: rect.height / nh },
          naturalWidth: nw,
          naturalHeight: nh,
          description: description.trim(),
          target,
        }),
      );
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const whole = box === WHOLE;
  return (
    <section className="card region-picker" data-testid="region-picker" aria-labelledby="region-picker-title">
      <h2 id="region-picker-title" ref={heading} tabIndex={-1}>
        {share ? 'Shared' : 'Choose the part to share'}
      </h2>
      {failed ? (
        <p className="region-noshow" data-testid="region-no-preview">
          <ImageOff size={18} aria-hidden /> Kith cannot show this picture here (it is not served over https), so the whole picture is
          shared.
        </p>
      ) : (
        <div
          className="region-frame"
          ref={frame}
          onPointerDown={onDown}
          onPointerMove={onMove}
          onPointerUp={onUp}
          onPointerCancel={onUp}
          onKeyDown={onKey}
          tabIndex={0}
          role="group"
          aria-label="Part of the picture to share: drag over it; arrows move the box, Shift+arrows resize it"
          data-testid="region-frame"
        >
          <img
            src={pageImageSrc(image.url)}
            alt={image.alt || 'The chosen picture'}
            referrerPolicy="no-referrer"
            draggable={false}
            onLoad={(e) => setNatural({ width: e.currentTarget.naturalWidth, height: e.currentTarget.naturalHeight })}
            onError={() => setFailed(true)}
          />
          {!whole && (
            <div
              className="region-box"
              data-testid="region-box"
              style={{ left: `${box.x * 100}%`, top: `${box.y * 100}%`, width: `${box.width * 100}%`, height: `${box.height * 100}%` }}
            />
          )}
        </div>
      )}
      {!share && (
        <>
          {!failed && (
            <p className="muted region-hint">
              {whole
                ? 'Drag over the picture to share only part of it.'
                : `${Math.round(box.width * 100)} × ${Math.round(box.height * 100)} % of the picture.`}{' '}
              {!whole && (
                <button type="button" className="button button-small" onClick={() => setBox(WHOLE)} data-testid="region-whole">
                  Whole picture
                </button>
              )}
            </p>
          )}
          <label className="field">
            <span className="field-label">Say something about it (optional)</span>
            <textarea
              maxLength={1000}
              rows={2}
              value={description}
              onChange={(e) => setDescription(e.target.value)}
              data-testid="region-description"
            />
          </label>
          <fieldset className="region-targets">
            <legend>Share to</legend>
            {targets.error && <p className="form-error">{targets.error}</p>}
            {(targets.data ?? []).map((t) => (
              <label key={t.id} className="region-target">
                <input
                  type="radio"
                  name="region-target"
                  value={t.id}
                  checked={target === t.id}
                  onChange={() => setTarget(t.id)}
                  data-testid={`region-target-${t.id}`}
                />
                {t.label}
              </label>
            ))}
          </fieldset>
          {error && (
            <p className="form-error" role="alert" data-testid="region-error">
              {error}
            </p>
          )}
          <div className="row gap-8">
            <button
              type="button"
              className="button button-primary"
              disabled={busy}
              onClick={() => void submit()}
              data-testid="region-share"
            >
              {busy ? 'Sharing…' : 'Share'}
            </button>
            <button type="button" className="button" onClick={onBack} data-testid="region-back">
              Other pictures
            </button>
          </div>
        </>
      )}
      {share && (
        <div className="region-result" role="status" data-testid="region-result">
          <p>
            Your region is shared at{' '}
            <a href={share.url} target="_blank" rel="noopener noreferrer" data-testid="region-link">
              {share.url}
            </a>
          </p>
          {share.delivery.url && (
            <p>
              <a
                className="button"
                href={share.delivery.url}
                target={share.target === 'kith' ? undefined : '_blank'}
                rel="noopener noreferrer"
                data-testid="region-delivery"
              >
                {share.target === 'kith'
                  ? 'Open the album'
                  : share.delivery.status === 'intent'
                    ? `Continue on ${share.target}`
                    : 'See the post'}
              </a>
            </p>
          )}
          {share.delivery.status === 'queued' && <p className="muted">Posting to {share.target}…</p>}
          <button type="button" className="button" onClick={onBack}>
            Share another picture
          </button>
        </div>
      )}
    </section>
  );
}
