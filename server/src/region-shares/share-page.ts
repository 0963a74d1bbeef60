import type { RegionShareRow } from './region-shares.repository.js';

/** A link only to an http(s) URL: a stored `javascript:` or `data:` URL is shown as text, never as a link (WHATWG URL). */
const isWebUrl = (s: string) => {
  try {
    return ['http:', 'https:'].includes(new URL(s).protocol);
  } catch {
    return false;
  }
};
const link = (href: string, text: string) =>
  isWebUrl(href) ? `<a href="${esc(href)}" rel="nofollow noopener">${esc(text)}</a>` : esc(text);

/** Whether a URL is on this Kith instance: its pages and files need a session, so strangers must not be sent there. */
const onInstance = (href: string, instanceOrigin: string) => {
  try {
    return new URL(href).origin === instanceOrigin;
  } catch {
    return false;
  }
};

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The pages' one stylesheet, inline: the pages load nothing else from Kith but the crop. */
const PAGE_CSS = `body{margin:0;font:15px/1.5 system-ui,-apple-system,Segoe UI,sans-serif;background:#0f1115;color:#e8eaf0;display:flex;min-height:100vh;align-items:center;justify-content:center}
main{max-width:min(960px,94vw);padding:24px;display:flex;flex-direction:column;gap:14px}
img{max-width:100%;max-height:78vh;border-radius:12px;box-shadow:0 10px 40px #0008;align-self:center;background:#fff}
p{margin:0}.muted{color:#9aa3b2;font-size:13px}a{color:#8ab4ff}`;

/**
 * The public share page `/s/{id}`: the crop, its description and its source, with Open
 * Graph (ogp.me) and Twitter card (summary_large_image) meta so that a pasted link unfurls
 * into the crop. Server-rendered, no script: every user-given string is HTML-escaped, and the
 * source page and image are links only when they are http(s) URLs.
 */
export function renderSharePage(row: RegionShareRow, urls: { page: string; image: string }, owner: string): string {
  // A share made on Kith itself (the region overlay over a library photo) has a source page and image that only a
  // signed-in member may open: a stranger would get the login screen or a 401 JSON, so they are named, not linked.
  const instance = new URL(urls.page).origin;
  const sourceHost = new URL(row.page_url).host;
  const source = onInstance(row.page_url, instance) ? `a Kith album on ${esc(sourceHost)}` : link(row.page_url, sourceHost);
  const original = onInstance(row.image_url, instance) ? 'a photo in that album' : link(row.image_url, 'the original image');
  const title = row.description ? row.description.slice(0, 90) : `A region shared by ${owner}`;
  const desc = row.description || `Shared from ${new URL(row.page_url).host} with Kith`;
  const meta: Array<[string, string, string]> = [
    ['property', 'og:type', 'article'],
    ['property', 'og:site_name', 'Kith'],
    ['property', 'og:title', title],
    ['property', 'og:description', desc],
    ['property', 'og:url', urls.page],
    ['property', 'og:image', urls.image],
    ['property', 'og:image:type', 'image/png'],
    ['property', 'og:image:width', String(row.rect_width)],
    ['property', 'og:image:height', String(row.rect_height)],
    ['property', 'og:image:alt', desc],
    ['name', 'twitter:card', 'summary_large_image'],
    ['name', 'twitter:title', title],
    ['name', 'twitter:description', desc],
    ['name', 'twitter:image', urls.image],
    ['name', 'twitter:image:alt', desc],
    ['name', 'description', desc],
  ];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)} · Kith</title>
${meta.map(([k, n, v]) => `<meta ${k}="${n}" content="${esc(v)}">`).join('\n')}
<link rel="canonical" href="${esc(urls.page)}">
<style>
${PAGE_CSS}
</style></head>
<body><main>
<img src="${esc(urls.image)}" width="${row.rect_width}" height="${row.rect_height}" alt="${esc(desc)}">
${row.description ? `<p>${esc(row.description)}</p>` : ''}
<p class="muted">Shared by ${esc(owner)} from ${source} · ${row.rect_width}×${row.rect_height} px region of ${original}</p>
</main></body></html>`;
}

/**
 * The HTML page a visitor sees for a share link that leads nowhere (a mistyped id, or a share deleted by its owner),
 * served with status 404 instead of a JSON error: whoever opens `/s/{id}` is a person with a browser.
 */
export function renderShareNotFoundPage(): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex">
<title>Share not found · Kith</title>
<style>
${PAGE_CSS}
</style></head>
<body><main>
<h1>This share is not here</h1>
<p>The link may be mistyped or cut short, or whoever shared it has deleted it. Ask them for the link again.</p>
</main></body></html>`;
}
