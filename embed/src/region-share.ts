/**
 * Kith region sharing, the embeddable script (region-sharing claims 1–7 and 15–21, S210–S250).
 *
 *   <script src="https://kith.example/embed/region-share.js" data-kith="https://kith.example"
 *     data-min-size="200" data-hover-ms="800" data-targets="kith,mastodon,webhook"
 *     data-site-key="ks_…"></script>
 *
 * Binds every <img> whose rendered width and height reach `data-min-size` (CSS px), now and
 * later (MutationObserver; lazy images are re-checked when they load or resize). Hovering
 * one longer than `data-hover-ms` opens the overlay; so does a long press on touch screens
 * and a button that appears when a keyboard user tabs to the image.
 * On Kith's relay page (`data-relay`) it runs the relay instead (see relay.ts).
 */
import { openOverlay } from './overlay';
import { BUTTON_CSS } from './overlay-style';
import { runRelay } from './relay';
import { loadTargets, mode, type Settings, type Target } from './share-request';

declare global {
  interface Window {
    __kithRegionShare?: { rescan(): void };
  }
}

const LONG_PRESS_MS = 550;
const ALL: Target[] = [
  { id: 'kith', label: 'Kith album', kind: 'server' },
  { id: 'mastodon', label: 'Mastodon', kind: 'server' },
  { id: 'webhook', label: 'Webhook', kind: 'server' },
  { id: 'pinterest', label: 'Pinterest', kind: 'intent' },
];

function start(script: HTMLScriptElement) {
  const ds = script.dataset;
  const settings: Settings = { kith: (ds.kith || new URL(script.src).origin).replace(/\/$/, ''), siteKey: ds.siteKey || undefined };
  if (ds.relay !== undefined) return runRelay();
  if (window.__kithRegionShare) return window.__kithRegionShare.rescan(); // bookmarklet clicked again
  const minSize = Number(ds.minSize ?? 200);
  const hoverMs = Number(ds.hoverMs ?? 800);
  const wanted = ds.targets?.split(',').map((s) => s.trim());
  let targets: Promise<Target[]> | undefined;
  // The relay cannot ask for the user's targets before they confirm: offer them all; the server refuses unlinked ones.
  const targetsNow = () =>
    (targets ??= (mode(settings) === 'relay' ? Promise.resolve(ALL) : loadTargets(settings)).then((ts) =>
      wanted ? ts.filter((t) => wanted.includes(t.id)) : ts,
    )).catch((e: unknown) => {
      targets = undefined; // ask again next time
      throw e;
    });

  const bound = new WeakSet<HTMLImageElement>();
  const buttons = new WeakMap<HTMLImageElement, HTMLElement>();
  let closeCurrent: (() => void) | undefined;

  const eligible = (img: HTMLImageElement) => {
    const r = img.getBoundingClientRect();
    return img.complete && img.naturalWidth > 0 && r.width >= minSize && r.height >= minSize;
  };
  const open = (img: HTMLImageElement) => {
    if (!eligible(img)) return;
    closeCurrent?.();
    closeCurrent = openOverlay({
      img,
      index: Array.prototype.indexOf.call(document.images, img),
      settings,
      targets: targetsNow(),
      onClose: () => (closeCurrent = undefined),
    });
  };

  /** The keyboard way in: a button after the image, invisible until focused. */
  const syncButton = (img: HTMLImageElement) => {
    const has = buttons.get(img);
    if (eligible(img) === !!has) return;
    if (has) return (has.remove(), buttons.delete(img));
    const host = document.createElement('kith-region-share-button');
    const root = host.attachShadow({ mode: 'open' });
    root.innerHTML = `<style>${BUTTON_CSS}</style><button data-testid="krs-open">Share a region of this image</button>`;
    const b = root.querySelector('button')!;
    b.onfocus = () => {
      const i = img.getBoundingClientRect();
      const h = host.getBoundingClientRect();
      b.style.transform = `translate(${i.left - h.left + 8}px,${i.top - h.top + 8}px)`;
    };
    b.onclick = () => open(img);
    (img.parentElement?.tagName === 'PICTURE' ? img.parentElement : img).after(host);
    buttons.set(img, host);
  };

  const resizes = new ResizeObserver((entries) => entries.forEach((e) => syncButton(e.target as HTMLImageElement)));
  const bind = (img: HTMLImageElement) => {
    if (bound.has(img)) return;
    bound.add(img);
    let timer: number | undefined;
    let at = { x: 0, y: 0 };
    const cancel = () => clearTimeout(timer);
    img.addEventListener('pointerenter', (e) => {
      if (e.pointerType !== 'touch' && !closeCurrent) timer = window.setTimeout(() => open(img), hoverMs);
    });
    img.addEventListener('pointerleave', cancel);
    img.addEventListener('pointerdown', (e) => {
      if (e.pointerType !== 'touch') return cancel();
      at = { x: e.clientX, y: e.clientY };
      timer = window.setTimeout(() => open(img), LONG_PRESS_MS);
    });
    img.addEventListener('pointermove', (e) => {
      if (e.pointerType === 'touch' && Math.hypot(e.clientX - at.x, e.clientY - at.y) > 10) cancel();
    });
    img.addEventListener('pointerup', (e) => e.pointerType === 'touch' && cancel());
    img.addEventListener('pointercancel', cancel);
    // A long press would also open the browser's image menu.
    img.addEventListener('contextmenu', (e) => closeCurrent && e.preventDefault());
    img.addEventListener('load', () => syncButton(img)); // lazy and late images
    resizes.observe(img);
    syncButton(img);
  };

  const scan = (node: ParentNode) => node.querySelectorAll('img').forEach(bind);
  new MutationObserver((records) => {
    for (const r of records)
      r.addedNodes.forEach((n) => {
        if (n instanceof HTMLImageElement) bind(n);
        else if (n instanceof Element) scan(n);
      });
  }).observe(document.documentElement, { childList: true, subtree: true });
  scan(document);
  window.__kithRegionShare = { rescan: () => scan(document) };
}

const current = document.currentScript as HTMLScriptElement | null;
if (current) {
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => start(current));
  else start(current);
}
