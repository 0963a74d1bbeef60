/**
 * An attacker's page for the cross-site e2e test, served on loopback from another port than Kith:
 * the same host, so the same site (RFC 6265bis: a site is scheme + registrable domain, or the IP
 * itself), and SameSite=Lax cookies go along with its requests. That is the case SameSite does not
 * cover and Kith's Origin check must (docs/security.md "Cross-site requests").
 *
 * Its "Claim" button opens Kith's relay window and, once the relay says it is ready, sends it the share
 * message the test put in `window.relayBody` (a hostile one).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface AttackerPage {
  url: string;
  close(): Promise<void>;
}

const SCRIPT = `
// Opens Kith's relay window (inside the click: popup blockers) and, once it is ready, sends it \`body\`.
window.relayBody = null;
document.addEventListener('click', (e) => {
  if (e.target.id !== 'open-relay') return;
  const relay = window.open(e.target.dataset.kith + '/embed/relay', 'kith-relay', 'popup,width=440,height=560');
  addEventListener('message', (m) => {
    if (m.source === relay && m.data && m.data.type === 'kith-relay-ready') relay.postMessage({ type: 'kith-share', body: window.relayBody }, '*');
  });
});
`;

/** Serves `/` (the page, with its helpers and a button that opens the relay of `kith`). */
export async function startAttackerPage(kith: string): Promise<AttackerPage> {
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>Free prizes</title></head>
<body><h1>Win a prize</h1><button id="open-relay" data-kith="${kith}">Claim</button><script>${SCRIPT}</script></body></html>`;
  const server = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(html));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
