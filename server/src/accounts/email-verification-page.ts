const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * The page the verification link opens (`GET /verify-email?token=…`): "E-mail verified", or why not and what to
 * do. Server-rendered, no script, every string HTML-escaped; works logged in or not.
 */
export function renderVerificationPage(result: { ok: true; email: string } | { ok: false; title: string; message: string }): string {
  const title = result.ok ? 'E-mail verified' : result.title;
  const body = result.ok
    ? `<p><strong>${esc(result.email)}</strong> is now proven to be yours. People who have it in their address book are linked to you, so their photos of you can reach you.</p>`
    : `<p>${esc(result.message)}</p>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="referrer" content="no-referrer"><meta name="robots" content="noindex">
<title>${esc(title)} · Kith</title>
<style>
body{margin:0;font:16px/1.5 system-ui,-apple-system,Segoe UI,sans-serif;background:#0f1115;color:#e8eaf0;display:flex;min-height:100vh;align-items:center;justify-content:center}
main{max-width:min(520px,92vw);padding:28px;border-radius:14px;background:#171a21;box-shadow:0 10px 40px #0008}
h1{margin:0 0 12px;font-size:22px}h1.ok{color:#7ddc9a}h1.bad{color:#ffb37a}a{color:#8ab4ff}p{margin:0 0 12px}
</style></head>
<body><main data-testid="email-verification-page">
<h1 class="${result.ok ? 'ok' : 'bad'}">${esc(title)}</h1>
${body}
<p><a href="/settings">Open Kith settings</a></p>
</main></body></html>`;
}
