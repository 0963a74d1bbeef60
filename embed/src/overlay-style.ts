/** Styles of the overlay, scoped by its shadow root so the page's CSS cannot reach in or out. */
export const CSS = `
:host{all:initial;position:absolute;z-index:2147483646;font:13px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#eef1f6}
*{box-sizing:border-box}
.stage{position:absolute;inset:0;overflow:hidden;touch-action:none}
.sel{position:absolute;cursor:move;outline:2px solid #fff;box-shadow:0 0 0 1px #0006,0 0 0 100vmax #0a0d1499;touch-action:none}
.sel:focus-visible{outline:2px solid #7aa2ff;outline-offset:2px}
.sel::after{content:"";position:absolute;inset:0;background:
linear-gradient(#fff5,#fff5) 33.33% 0/1px 100% no-repeat,linear-gradient(#fff5,#fff5) 66.66% 0/1px 100% no-repeat,
linear-gradient(#fff5,#fff5) 0 33.33%/100% 1px no-repeat,linear-gradient(#fff5,#fff5) 0 66.66%/100% 1px no-repeat;pointer-events:none}
.h{position:absolute;width:14px;height:14px;margin:-7px 0 0 -7px;background:#fff;border:2px solid #3d6bff;border-radius:4px;z-index:1}
.h[data-h=n],.h[data-h=s]{cursor:ns-resize;width:22px;height:8px;margin:-4px 0 0 -11px;border-radius:4px}
.h[data-h=e],.h[data-h=w]{cursor:ew-resize;width:8px;height:22px;margin:-11px 0 0 -4px;border-radius:4px}
.h[data-h=nw],.h[data-h=se]{cursor:nwse-resize}.h[data-h=ne],.h[data-h=sw]{cursor:nesw-resize}
.size{position:absolute;left:0;top:-26px;padding:2px 7px;border-radius:6px;background:#0a0d14d9;font-size:11px;white-space:nowrap;font-variant-numeric:tabular-nums;pointer-events:none}
.panel{position:absolute;left:0;width:max(100%,320px);max-width:440px;padding:12px;border-radius:14px;background:#161a23f2;
border:1px solid #ffffff1f;box-shadow:0 18px 48px #0009;display:flex;flex-direction:column;gap:10px;backdrop-filter:blur(8px)}
.row{display:flex;align-items:center;gap:8px}
.title{font-weight:600;font-size:14px;flex:1;display:flex;align-items:center;gap:8px}
.title svg{color:#7aa2ff}
button{font:inherit;color:inherit;cursor:pointer;border:0;background:none}
.x{width:28px;height:28px;border-radius:8px;display:grid;place-items:center;color:#aab3c5}.x:hover{background:#ffffff14;color:#fff}
textarea{font:inherit;color:#eef1f6;background:#0d1017;border:1px solid #ffffff24;border-radius:10px;padding:8px 10px;resize:vertical;min-height:58px;width:100%}
textarea:focus,button:focus-visible{outline:2px solid #7aa2ff;outline-offset:1px}
.targets{display:flex;flex-wrap:wrap;gap:6px}
.t{display:flex;align-items:center;gap:6px;padding:6px 10px;border-radius:999px;border:1px solid #ffffff26;background:#ffffff0a;color:#d5dbe7}
.t:hover{background:#ffffff17}.t[aria-pressed=true]{background:#3d6bff;border-color:#3d6bff;color:#fff}
.t svg{flex:none}
.go{margin-left:auto;padding:8px 16px;border-radius:10px;background:#3d6bff;color:#fff;font-weight:600}
.go:hover{background:#5580ff}.go:disabled{opacity:.55;cursor:default}
.hint{color:#8e97a9;font-size:11.5px;flex:1}
.status{padding:8px 10px;border-radius:10px;background:#ffffff0d;word-break:break-all}
.status.ok{background:#12391f;color:#b5f0c6}.status.err{background:#4a1418;color:#ffc9cc}
.status a{color:#9fc0ff}
`;

/** Button that opens the overlay for keyboard users: hidden until it has focus. */
export const BUTTON_CSS = `
:host{all:initial;position:absolute;z-index:2147483645}
button{position:absolute;opacity:0;pointer-events:none;font:600 12px system-ui,sans-serif;padding:6px 10px;border-radius:8px;border:0;background:#3d6bff;color:#fff;white-space:nowrap}
button:focus{opacity:1;pointer-events:auto;outline:2px solid #fff;box-shadow:0 0 0 4px #3d6bff}
`;

const svg = (body: string, size = 16) =>
  `<svg width="${size}" height="${size}" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true">${body}</svg>`;

/** Platform icons (simple line glyphs). */
export const ICONS: Record<string, string> = {
  kith: svg('<rect x="3" y="3" width="18" height="18" rx="4"/><circle cx="9" cy="9" r="2"/><path d="m21 15-5-5L5 21"/>'),
  mastodon: svg(
    '<path d="M20 12c0 4-2 6-6 6h-3c-1 0-2 .5-2 1.5 0 1 1 1.5 2 1.5h3M4 9c0-4 3-5 8-5s8 1 8 5v3"/><path d="M9 13V9.5a1.5 1.5 0 0 1 3 0V11 9.5a1.5 1.5 0 0 1 3 0V13"/>',
  ),
  webhook: svg(
    '<path d="M18 16.98h-5.99c-1.1 0-1.95.94-2.48 1.9A4 4 0 0 1 2 17c.01-.7.2-1.4.57-2"/><path d="m6 17 3.13-5.78c.53-.97.1-2.18-.5-3.1a4 4 0 1 1 6.89-4.06"/><path d="m12 6 3.13 5.73C15.66 12.7 16.9 13 18 13a4 4 0 0 1 0 8"/>',
  ),
  pinterest: svg('<circle cx="12" cy="12" r="9"/><path d="M11 8h2a3 3 0 0 1 0 6h-2M11 8l-2 11"/>'),
  crop: svg('<path d="M6 2v14a2 2 0 0 0 2 2h14"/><path d="M18 22V8a2 2 0 0 0-2-2H2"/>'),
  close: svg('<path d="M18 6 6 18M6 6l12 12"/>'),
};
