const CSS = `body{margin:0;font:16px/1.5 system-ui,-apple-system,Segoe UI,sans-serif;background:#0f1115;color:#e8eaf0;display:flex;min-height:100vh;align-items:center;justify-content:center}
main{max-width:min(560px,92vw);padding:24px;display:flex;flex-direction:column;gap:12px}h1{font-size:1.4rem;margin:0}p{margin:0;color:#c3c8d4}`;

/** A whole server-rendered page for a link that leads nowhere: no script, nothing of any album. */
function page(title: string, heading: string, text: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>${title} · Kith</title><style>${CSS}</style></head>
<body><main data-testid="link-gone"><h1>${heading}</h1><p>${text}</p></main></body></html>`;
}

/** The page for an unknown or malformed key (404). */
export const renderLinkNotFoundPage = () =>
  page('Link not found', 'This link is not here', 'The link may be mistyped or cut short. Ask whoever shared it to send it again.');

/** The page for a revoked or expired link (410 Gone, RFC 9110 §15.5.11). */
export const renderLinkGonePage = (code: string) =>
  page(
    'Link no longer works',
    'This link no longer works',
    code === 'link_expired'
      ? 'It has expired. Ask whoever shared the album for a new link.'
      : 'Whoever shared this album has turned the link off. Ask them for a new one if you still need it.',
  );
