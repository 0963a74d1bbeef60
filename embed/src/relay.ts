/**
 * The relay, run by the same script on Kith's own page `/embed/relay` (opened as a small
 * window by the overlay on a site without a site key, e.g. through the bookmarklet).
 *
 * Kith gives credentials to its own origin only, so a logged-in user's share is sent from
 * here, same-origin, with the session cookie. The window shows which site asks and what
 * will be shared, and sends nothing until the user confirms: another site cannot share in
 * the user's name behind their back.
 */
import { CSS } from './overlay-style';
import { call, ShareError, type ShareBody, type ShareResult } from './share-request';

interface Incoming {
  type: 'kith-share';
  body: ShareBody;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function runRelay(): void {
  const opener = window.opener as Window | null;
  const root = document.body.attachShadow({ mode: 'open' });
  root.innerHTML = `<style>${CSS}:host{position:static}.panel{position:static;width:auto;margin:16px}</style><div class="panel" data-testid="krs-relay"><div class="row"><span class="title">Share a region with Kith</span></div><div class="status" data-testid="krs-status">Waiting for the page…</div></div>`;
  const status = root.querySelector('.status')!;
  const panel = root.querySelector('.panel')!;
  if (!opener) return void (status.textContent = 'Open this window from the Kith bookmarklet or a page that embeds Kith.');
  const ping = setInterval(() => opener.postMessage({ type: 'kith-relay-ready' }, '*'), 300);
  opener.postMessage({ type: 'kith-relay-ready' }, '*');

  addEventListener('message', (e: MessageEvent) => {
    const m = e.data as Incoming;
    if (e.source !== opener || m?.type !== 'kith-share') return;
    clearInterval(ping);
    const b = m.body;
    const reply = (msg: object) => opener.postMessage({ type: 'kith-relay-done', ...msg }, e.origin);
    status.innerHTML = `<b>${esc(e.origin)}</b> asks to share a ${b.rect.width} × ${b.rect.height} px region of <span>${esc(b.imageUrl.slice(0, 120))}</span> to <b>${esc(b.target)}</b>${b.description ? ` with “${esc(b.description)}”` : ''}.`;
    const row = document.createElement('div');
    row.className = 'row';
    row.innerHTML =
      '<button class="x" data-testid="krs-relay-cancel">Cancel</button><button class="go" data-testid="krs-relay-confirm">Share</button>';
    panel.append(row);
    row.querySelector<HTMLButtonElement>('.x')!.onclick = () => {
      reply({ error: { code: 'cancelled', message: 'Cancelled in the Kith window.' } });
      close();
    };
    row.querySelector<HTMLButtonElement>('.go')!.onclick = async () => {
      row.remove();
      status.textContent = 'Sharing…';
      try {
        // Same origin as Kith: the session cookie goes along.
        const result = await call<ShareResult>({ kith: location.origin }, 'POST', '/api/region-shares', b);
        reply({ result });
        status.textContent = 'Shared. You can close this window.';
        setTimeout(close, 1500);
      } catch (e) {
        const error = e instanceof ShareError ? { code: e.code, message: e.message } : { code: 'error', message: 'The share failed.' };
        reply({ error });
        status.innerHTML =
          error.code === 'unauthorized'
            ? `Log in to Kith first: <a href="/login" target="_blank">open Kith</a>, then share again.`
            : esc(error.message);
      }
    };
  });
}
