import { Parser } from 'htmlparser2';

/** One picture found on a page: absolute http(s) URL, its alt text, and the size the page declares (CSS px) if any. */
export interface PageImage {
  url: string;
  alt: string;
  width?: number;
  height?: number;
}

export interface ParsedPage {
  title: string;
  images: PageImage[];
}

/** At most this many images are listed: a page with more is a gallery index, and the first ones are the ones in view. */
export const MAX_PAGE_IMAGES = 50;

/** `<meta>` names/properties that point at the page's preview picture (Open Graph protocol, Twitter cards). */
const META_IMAGES = new Set(['og:image', 'og:image:url', 'og:image:secure_url', 'twitter:image', 'twitter:image:src']);

const dimension = (v: string | undefined) => {
  const n = v === undefined ? NaN : Number(v.trim());
  return Number.isInteger(n) && n > 0 && n < 1_000_000 ? n : undefined;
};

/**
 * The largest candidate of a `srcset` (HTML Living Standard §4.8.4.2): by width descriptor (`800w`),
 * else by density (`2x`; a bare URL counts as 1x). URLs holding commas are not split correctly; such
 * candidates are rare, and `src` is still listed beside them.
 */
export function largestSrcsetCandidate(srcset: string): string | undefined {
  let best: { url: string; w: number; x: number } | undefined;
  for (const part of srcset.split(/,\s+|,(?=\S+\s)/)) {
    const [url, descriptor = '1x'] = part.trim().split(/\s+/);
    if (!url) continue;
    const w = descriptor.endsWith('w') ? Number(descriptor.slice(0, -1)) : 0;
    const x = descriptor.endsWith('x') ? Number(descriptor.slice(0, -1)) : 0;
    if (!Number.isFinite(w) || !Number.isFinite(x)) continue;
    if (!best || w > best.w || (w === best.w && x > best.x)) best = { url, w, x };
  }
  return best?.url;
}

/**
 * Lists the pictures of an HTML page: og:image and twitter:image first (the picture the page chose to
 * represent itself), then every `<img>` in document order with its `src` and the largest `srcset`
 * candidate. URLs are resolved against `<base href>` (the first one, HTML §4.2.3) or else `pageUrl`;
 * only http(s) ones are kept (data:, blob: and javascript: cannot be fetched by the server), each once,
 * at most {@link MAX_PAGE_IMAGES}.
 * @param html the page's text, already decoded.
 * @param pageUrl the URL that answered (after redirects): the base for relative URLs.
 */
export function parsePageImages(html: string, pageUrl: string): ParsedPage {
  let base = pageUrl;
  let baseSet = false;
  let title = '';
  let inTitle = false;
  let ogTitle = '';
  const found: Array<{ raw: string; alt: string; width?: number; height?: number }> = [];
  const parser = new Parser(
    {
      onopentag(name, a) {
        if (name === 'base' && !baseSet && a.href) {
          try {
            base = new URL(a.href, pageUrl).href;
            baseSet = true;
          } catch {
            // an unusable <base> is ignored, as browsers do
          }
        } else if (name === 'title') inTitle = true;
        else if (name === 'meta') {
          const key = (a.property ?? a.name ?? '').toLowerCase();
          if (META_IMAGES.has(key) && a.content) found.push({ raw: a.content, alt: '' });
          if (key === 'og:title' && a.content) ogTitle = a.content.trim();
        } else if (name === 'img') {
          const size = { alt: (a.alt ?? '').trim(), width: dimension(a.width), height: dimension(a.height) };
          const largest = a.srcset ? largestSrcsetCandidate(a.srcset) : undefined;
          if (largest) found.push({ raw: largest, ...size });
          if (a.src) found.push({ raw: a.src, ...size });
        }
      },
      ontext(text) {
        if (inTitle) title += text;
      },
      onclosetag(name) {
        if (name === 'title') inTitle = false;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();

  const seen = new Set<string>();
  const images: PageImage[] = [];
  for (const f of found) {
    if (images.length >= MAX_PAGE_IMAGES) break;
    let url: URL;
    try {
      // The document has one base URL, so a <base> after an <img> still applies to it.
      url = new URL(f.raw.trim(), base);
    } catch {
      continue;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') continue;
    url.hash = '';
    if (seen.has(url.href)) continue;
    seen.add(url.href);
    const img: PageImage = { url: url.href, alt: f.alt };
    if (f.width) img.width = f.width;
    if (f.height) img.height = f.height;
    images.push(img);
  }
  return { title: (title.trim() || ogTitle).replace(/\s+/g, ' ').slice(0, 300), images };
}
