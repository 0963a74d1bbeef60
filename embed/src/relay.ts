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

/** A whole number of pixels from the opener's message, or `?`: never markup, whatever the page sent. */
const px = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? String(Math.round(v)) : '?');
/** The message's text, or nothing: the opener is any page, so every value is untrusted. */
const text = (v: unknown, max = 200) => (typeof v === 'string' ? v.slice(0, max) : '');

/**
 * Writes "<origin> asks to share a W × H px region of <image> to <target> with “<description>”." into
 * `status`, built from text nodes and elements: this window runs on Kith's origin with the session
 * cookie, so markup from the opening page must never become live HTML here (it could draw a button
 * that sends a request in the user's name).
 */
function describe(status: Element, origin: string, b: ShareBody): void {
  const bold = (s: string) => Object.assign(document.createElement('b'), { textContent: s });
  const span = (s: string) => Object.assign(document.createElement('span'), { textContent: s });
  const rect = (b?.rect ?? {}) as Partial<ShareBody['rect']>;
  const description = text(b?.description, 1000);
  status.replaceChildren(
    bold(origin),
    ` asks to share a ${px(rect.width)} × ${px(rect.height)} px region of `,
    span(text(b?.imageUrl, 120)),
    ' to ',
    bold(text(b?.target, 40)),
    description ? ` with “${description}”.` : '.',
  );
}

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
    describe(status, e.origin, b);
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
        if (error.code !== 'unauthorized') status.textContent = error.message;
        else {
          const link = Object.assign(document.createElement('a'), { href: '/login', target: '_blank', textContent: 'open Kith' });
          status.replaceChildren('Log in to Kith first: ', link, ', then share again.');
        }
      }
    };
  });
}
