/**
 * A web page shared to Kith (`/share?url=…`): the server lists the page's pictures
 * (`GET /api/region-shares/page-images`), shown as a grid of buttons; choosing one opens the
 * {@link RegionPicker} for it. Loading, no pictures and errors are said in words, with the page's link
 * and the bookmarklet as the way out.
 */
import { useState } from 'react';
import { ImageOff, Link2 } from 'lucide-react';
import { pageImageSrc, regionApi } from '../../api/region-shares';
import { useAsync } from '../../lib/use-async';
import { Link } from '../../lib/router';
import { RegionPicker } from './RegionPicker';

/** The file name of a picture URL, for a button's name when the page gave no alt text. */
function fileName(url: string): string {
  const last = new URL(url).pathname.split('/').pop() ?? '';
  try {
    return decodeURIComponent(last) || url;
  } catch {
    return last || url;
  }
}

export function PageImagesPicker({ url }: { url: string }) {
  const page = useAsync(() => regionApi.pageImages(url), [url]);
  const [chosen, setChosen] = useState<number | null>(null);
  const [broken, setBroken] = useState<ReadonlySet<string>>(new Set());
  const images = page.data?.images ?? [];

  if (chosen !== null && page.data && images[chosen])
    return <RegionPicker pageUrl={page.data.pageUrl} image={images[chosen]} index={chosen} onBack={() => setChosen(null)} />;

  return (
    <section className="card share-page" data-testid="share-url" aria-labelledby="share-page-title">
      <h2 id="share-page-title">
        <Link2 size={18} aria-hidden /> {page.data?.title || 'Share part of a picture from this page'}
      </h2>
      <p className="share-page-url">{url}</p>
      {page.loading && !page.data && (
        <p role="status" data-testid="share-images-loading">
          Looking for pictures on the page…
        </p>
      )}
      {page.error && (
        <p className="form-error" role="alert" data-testid="share-images-error">
          {page.error}
        </p>
      )}
      {page.data && images.length === 0 && (
        <p data-testid="share-images-empty">
          This page has no pictures Kith can share. Open it and use the bookmarklet on a picture instead.
        </p>
      )}
      {images.length > 0 && (
        <>
          <p className="muted">Choose a picture, then the part of it to share.</p>
          <ul className="share-images" data-testid="share-images" aria-label="Pictures on the page">
            {images.map((img, i) => {
              const name = img.alt || fileName(img.url);
              return (
                <li key={img.url}>
                  <button
                    type="button"
                    className="share-image"
                    onClick={() => setChosen(i)}
                    aria-label={`Share part of ${name}`}
                    data-testid="share-image"
                  >
                    {broken.has(img.url) ? (
                      <span className="share-image-none">
                        <ImageOff size={22} aria-hidden />
                        <span>{name}</span>
                      </span>
                    ) : (
                      <img src={pageImageSrc(img.url)} alt="" loading="lazy" onError={() => setBroken((b) => new Set(b).add(img.url))} />
                    )}
                  </button>
                </li>
              );
            })}
          </ul>
        </>
      )}
      <div className="row gap-8 wrap">
        <a className="button" href={url} target="_blank" rel="noopener noreferrer" data-testid="share-open-page">
          Open the page
        </a>
        <Link className="button" href="/settings">
          Set up the bookmarklet
        </Link>
      </div>
    </section>
  );
}
