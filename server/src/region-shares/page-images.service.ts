import sharp from 'sharp';
import { AppError, errors } from '../common/errors.js';
import { guardedFetch, type GuardedFetchOptions } from '../net/guarded-fetch.js';
import { parsePageImages, type PageImage } from './page-images.js';

/** Largest page read, in bytes: HTML past 5 MB is not an article but an app or a dump. */
export const PAGE_MAX_BYTES = 5 * 1024 * 1024;

/** Raster formats a preview may be (sharp's names → media type). SVG is left out: it is a document, scripts included. */
const PREVIEW_TYPES: Record<string, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
  avif: 'image/avif',
  heif: 'image/heif',
};

export interface PageImagesResult {
  pageUrl: string;
  title: string;
  images: PageImage[];
}

const unreachable = (url: string, reason: string) =>
  errors.badGateway(
    'page_unreachable',
    `Kith could not open ${url}: ${reason}. Check the link, or open the page and use the bookmarklet.`,
    {
      url,
      reason,
    },
  );

/** The media type of a Content-Type header, lower-cased, parameters dropped (RFC 9110 §8.3.1). */
const mediaType = (v: unknown) => (typeof v === 'string' ? v.split(';')[0].trim().toLowerCase() : '');
/** The `charset` parameter of a Content-Type header, if a TextDecoder knows it. */
function decoderFor(contentType: unknown): TextDecoder {
  const m = typeof contentType === 'string' ? /;\s*charset="?([^";\s]+)/i.exec(contentType) : null;
  try {
    return new TextDecoder(m?.[1] ?? 'utf-8');
  } catch {
    return new TextDecoder('utf-8');
  }
}

/**
 * The pictures of a shared web page, for region sharing from the installed app ("Share → Kith" of a link).
 * The page is fetched through the SSRF guard (public addresses only, unless KITH_FETCH_ALLOW), at most
 * {@link PAGE_MAX_BYTES} (or KITH_FETCH_MAX_BYTES if smaller) within KITH_FETCH_TIMEOUT_MS.
 */
export function createPageImagesService(fetchOpts: GuardedFetchOptions) {
  /**
   * One guarded GET whose failures are the page's: no answer, too many redirects or an error status → 502
   * `page_unreachable`; over `maxBytes` → 413 naming the limit. Guard refusals (`blocked_address`…) pass through.
   */
  async function fetchOk(url: string, maxBytes: number, accept: string) {
    let res;
    try {
      res = await guardedFetch(url, { ...fetchOpts, maxBytes, headers: { accept } });
    } catch (e) {
      if (e instanceof AppError && (e.code === 'image_unreachable' || e.code === 'too_many_redirects'))
        throw unreachable(url, String(e.details?.reason ?? e.message).replace(/\.$/, ''));
      if (e instanceof AppError && e.code === 'payload_too_large')
        throw errors.tooLarge('payload_too_large', `${url} is larger than ${maxBytes} bytes, the most Kith reads.`, {
          limitBytes: maxBytes,
        });
      throw e;
    }
    if (res.status < 200 || res.status >= 300) throw unreachable(url, `it answered HTTP ${res.status}`);
    return res;
  }

  return {
    /**
     * Fetches `url` and lists its pictures ({@link parsePageImages}): og:image/twitter:image first, then each
     * `<img>`'s largest srcset candidate and src, absolute http(s), deduplicated, at most 50.
     * @returns `pageUrl` is the URL that answered, after redirects; `title` the page's <title> (or og:title).
     * @throws 422 `blocked_address` (private/loopback/link-local address), `unsupported_url`, `not_html` (the
     *   link is an image, a PDF…); 502 `page_unreachable` (DNS, connection, timeout, too many redirects, an error
     *   status); 413 `payload_too_large` (page over the byte limit).
     */
    async list(url: string): Promise<PageImagesResult> {
      const res = await fetchOk(url, Math.min(PAGE_MAX_BYTES, fetchOpts.maxBytes), 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.1');
      const type = mediaType(res.headers['content-type']);
      if (type !== 'text/html' && type !== 'application/xhtml+xml')
        throw errors.unprocessable(
          'not_html',
          `${url} is not a web page (it is ${type || 'of no stated type'}). Share the page the picture is on, or save the picture and share it as a photo.`,
          { url, contentType: type },
        );
      const { title, images } = parsePageImages(decoderFor(res.headers['content-type']).decode(res.body), res.url);
      return { pageUrl: res.url, title, images };
    },

    /**
     * One picture of a page, for the app to show while the user picks a region: the app's own origin serves
     * it, so a picture on plain http shows in an https Kith (no mixed content) and under its img-src policy.
     * At most KITH_FETCH_MAX_BYTES, through the SSRF guard; the bytes are passed on only when sharp reads
     * them as a raster image, with the media type sharp found (never the remote server's).
     * @returns the bytes and their media type (image/jpeg, png, webp, gif, avif, heif).
     * @throws 422 `not_an_image` (HTML, SVG, anything sharp does not read as a raster image),
     *   `blocked_address`, `unsupported_url`; 502 `page_unreachable`; 413 `payload_too_large`.
     */
    async image(url: string): Promise<{ bytes: Buffer; mime: string }> {
      const res = await fetchOk(url, fetchOpts.maxBytes, 'image/avif,image/webp,image/*;q=0.8');
      const format = await sharp(res.body)
        .metadata()
        .then((m) => m.format as string | undefined)
        .catch(() => undefined);
      const mime = format ? PREVIEW_TYPES[format] : undefined;
      if (!mime)
        throw errors.unprocessable(
          'not_an_image',
          `${url} is not a picture Kith can show (JPEG, PNG, WebP, GIF, AVIF or HEIF). Choose another one.`,
          {
            url,
            format: format ?? null,
          },
        );
      return { bytes: res.body, mime };
    },
  };
}

export type PageImagesService = ReturnType<typeof createPageImagesService>;
