/**
 * The overlay drawn over one image (region-sharing claims 4–6, S230–S240): a selection box
 * moved by dragging and resized by its 4 corners and 4 edges (pointer events: mouse, pen
 * and touch), arrow keys to move and Shift+arrows to resize, a description box, the
 * platform icons, and the result of the share. It lives in a shadow root, so the page's
 * styles and ours never meet. Esc cancels.
 */
import { layoutOf, panelPosition, toNatural, visibleImage, type ImageLayout, type Rect } from './geometry';
import { CSS, ICONS } from './overlay-style';
import { mode, openRelay, sendShare, ShareError, type Settings, type Target } from './share-request';

const MIN = 8;
const HANDLES = ['nw', 'n', 'ne', 'e', 'se', 's', 'sw', 'w'];

export interface OverlayOptions {
  img: HTMLImageElement;
  index: number;
  settings: Settings;
  targets: Promise<Target[]>;
  onClose: () => void;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(Math.max(v, lo), hi);

/** New selection after dragging handle `h` (or `move`) by (dx, dy), kept inside `b`. */
function drag(h: string, r: Rect, dx: number, dy: number, b: Rect): Rect {
  if (h === 'move') return { ...r, x: clamp(r.x + dx, b.x, b.x + b.width - r.width), y: clamp(r.y + dy, b.y, b.y + b.height - r.height) };
  let [l, t, rt, bt] = [r.x, r.y, r.x + r.width, r.y + r.height];
  if (h.includes('w')) l = clamp(l + dx, b.x, rt - MIN);
  if (h.includes('e')) rt = clamp(rt + dx, l + MIN, b.x + b.width);
  if (h.includes('n')) t = clamp(t + dy, b.y, bt - MIN);
  if (h.includes('s')) bt = clamp(bt + dy, t + MIN, b.y + b.height);
  return { x: l, y: t, width: rt - l, height: bt - t };
}

const el = <K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, html = '') => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  e.innerHTML = html;
  return e;
};

/** Opens the overlay over `img`; returns its closer. */
export function openOverlay(o: OverlayOptions): () => void {
  const host = el('kith-region-share' as 'div', { 'data-kith-overlay': '' });
  const root = host.attachShadow({ mode: 'open' });
  root.innerHTML = `<style>${CSS}</style>`;
  const stage = el('div', { class: 'stage' });
  const sel = el('div', {
    class: 'sel',
    tabindex: '0',
    role: 'group',
    'aria-label': 'Selected region: drag to move; arrows move, Shift+arrows resize',
    'data-testid': 'krs-sel',
  });
  sel.innerHTML =
    HANDLES.map((h) => `<div class="h" data-h="${h}" data-testid="krs-handle-${h}"></div>`).join('') +
    '<div class="size" data-testid="krs-size"></div>';
  stage.append(sel);
  const panel = el('div', { class: 'panel', role: 'dialog', 'aria-label': 'Share a region of this image' });
  panel.innerHTML = `<div class="row"><span class="title">${ICONS.crop}Share this region</span><button class="x" aria-label="Cancel (Esc)" data-testid="krs-close">${ICONS.close}</button></div>
<textarea maxlength="1000" placeholder="Say something about it (optional)" aria-label="Description" data-testid="krs-description"></textarea>
<div class="targets" role="radiogroup" aria-label="Share to"></div>
<div class="row"><span class="hint">Drag the box or its handles · arrows move · Shift+arrows resize · Esc cancels</span><button class="go" data-testid="krs-share" disabled>Share</button></div>
<div class="status" data-testid="krs-status" role="status" hidden></div>`;
  root.append(stage, panel);
  document.body.append(host);

  const $ = <T extends Element>(s: string) => panel.querySelector(s) as T;
  const go = $<HTMLButtonElement>('.go');
  const status = $<HTMLDivElement>('.status');
  const text = $<HTMLTextAreaElement>('textarea');
  let layout: ImageLayout = layoutOf(o.img);
  let bounds = visibleImage(layout);
  // Start with the middle 60% of the visible image, on whole CSS pixels.
  let r: Rect = {
    x: Math.round(bounds.x + bounds.width * 0.2),
    y: Math.round(bounds.y + bounds.height * 0.2),
    width: Math.round(bounds.width * 0.6),
    height: Math.round(bounds.height * 0.6),
  };
  let target: Target | undefined;

  const place = () => {
    Object.assign(host.style, {
      left: `${layout.box.x}px`,
      top: `${layout.box.y}px`,
      width: `${layout.box.width}px`,
      height: `${layout.box.height}px`,
    });
    Object.assign(sel.style, { left: `${r.x}px`, top: `${r.y}px`, width: `${r.width}px`, height: `${r.height}px` });
    for (const h of sel.querySelectorAll<HTMLElement>('.h')) {
      const d = h.dataset.h!;
      h.style.left = d.includes('w') ? '0' : d.includes('e') ? '100%' : '50%';
      h.style.top = d.includes('n') ? '0' : d.includes('s') ? '100%' : '50%';
    }
    const n = toNatural(r, layout).rect;
    sel.querySelector<HTMLElement>('.size')!.textContent = `${n.width} × ${n.height} px`;
    placePanel();
  };
  // Keeps the whole panel, Share button included, in the viewport (below, above or over the image).
  const placePanel = () => {
    const hostBox = host.getBoundingClientRect();
    const { top, left } = panelPosition(
      { x: hostBox.left, y: hostBox.top, width: hostBox.width, height: hostBox.height },
      { width: panel.offsetWidth, height: panel.offsetHeight },
      { width: document.documentElement.clientWidth, height: innerHeight },
    );
    Object.assign(panel.style, { top: `${top}px`, left: `${left}px` });
  };
  place();

  sel.addEventListener('pointerdown', (e) => {
    if (e.button > 0) return;
    e.preventDefault();
    const h = (e.target as HTMLElement).dataset.h ?? 'move';
    const start = { x: e.clientX, y: e.clientY, r };
    sel.setPointerCapture(e.pointerId);
    sel.focus({ preventScroll: true });
    const move = (ev: PointerEvent) => {
      r = drag(h, start.r, Math.round(ev.clientX - start.x), Math.round(ev.clientY - start.y), bounds);
      place();
    };
    const up = () => {
      sel.removeEventListener('pointermove', move);
      sel.removeEventListener('pointerup', up);
      sel.removeEventListener('pointercancel', up);
    };
    sel.addEventListener('pointermove', move);
    sel.addEventListener('pointerup', up);
    sel.addEventListener('pointercancel', up);
  });
  sel.addEventListener('keydown', (e) => {
    const arrows: Record<string, readonly [number, number]> = {
      ArrowLeft: [-1, 0],
      ArrowRight: [1, 0],
      ArrowUp: [0, -1],
      ArrowDown: [0, 1],
    };
    const d = arrows[e.key];
    if (!d) return;
    e.preventDefault();
    const [dx, dy] = d;
    r = e.shiftKey ? drag(dx ? 'e' : 's', r, dx, dy, bounds) : drag('move', r, dx, dy, bounds);
    place();
  });

  const close = () => {
    removeEventListener('keydown', onKey, true);
    removeEventListener('resize', onResize);
    removeEventListener('scroll', placePanel, true);
    host.remove();
    o.onClose();
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      close();
    }
  };
  const onResize = () => {
    layout = layoutOf(o.img);
    bounds = visibleImage(layout);
    r = drag('move', { ...r, width: Math.min(r.width, bounds.width), height: Math.min(r.height, bounds.height) }, 0, 0, bounds);
    place();
  };
  addEventListener('keydown', onKey, true);
  addEventListener('resize', onResize);
  addEventListener('scroll', placePanel, { capture: true, passive: true });
  $<HTMLButtonElement>('.x').onclick = close;

  const show = (kind: 'ok' | 'err' | '', html: string) => {
    status.hidden = false;
    status.className = `status ${kind}`;
    status.innerHTML = html;
    placePanel();
  };
  const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

  o.targets.then(
    (ts) => {
      const box = $<HTMLDivElement>('.targets');
      for (const t of ts) {
        const b = el(
          'button',
          { class: 't', role: 'radio', 'aria-pressed': 'false', 'data-testid': `krs-target-${t.id}`, title: t.label },
          `${ICONS[t.id] ?? ''}${esc(t.label)}`,
        );
        b.onclick = () => {
          target = t;
          box.querySelectorAll('.t').forEach((x) => x.setAttribute('aria-pressed', String(x === b)));
          go.disabled = false;
        };
        box.append(b);
      }
      (box.firstElementChild as HTMLButtonElement | null)?.click();
      if (!ts.length) show('err', 'No share targets are enabled here.');
      placePanel();
    },
    (e: Error) => show('err', esc(e.message)),
  );

  go.onclick = async () => {
    if (!target) return;
    // Windows must open inside the click, or pop-up blockers stop them.
    const relay = mode(o.settings) === 'relay' ? openRelay(o.settings) : undefined;
    const intent = target.kind === 'intent' ? window.open('about:blank', '_blank') : null;
    go.disabled = true;
    show('', relay ? 'Confirm in the Kith window…' : 'Sharing…');
    const { rect, fraction } = toNatural(r, layout);
    try {
      const res = await sendShare(
        o.settings,
        {
          pageUrl: location.href,
          imageUrl: o.img.currentSrc || o.img.src,
          imageIndex: o.index,
          rect,
          fraction,
          naturalWidth: layout.naturalWidth,
          naturalHeight: layout.naturalHeight,
          description: text.value.trim(),
          target: target.id,
        },
        relay,
      );
      const s = res.share;
      if (intent && s.delivery.url) intent.location.href = s.delivery.url;
      const note =
        s.delivery.status === 'queued'
          ? ` · posting to ${esc(target.label)}…`
          : s.delivery.status === 'intent'
            ? ` · opened ${esc(target.label)}`
            : '';
      show('ok', `Shared: <a href="${esc(s.url)}" target="_blank" rel="noopener" data-testid="krs-link">${esc(s.url)}</a>${note}`);
    } catch (e) {
      intent?.close();
      show('err', esc(e instanceof ShareError ? e.message : 'The share failed.'));
      go.disabled = false;
    }
  };
  sel.focus({ preventScroll: true });
  return close;
}
