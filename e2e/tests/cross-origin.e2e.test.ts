/**
 * Cross-site request forgery and the relay window, in real Chromium (docs/security.md "Cross-site
 * requests and the embed relay"). Kith runs at 127.0.0.1:A; the attacker's page at 127.0.0.1:B is the
 * same site, so Chromium sends the SameSite=Lax session cookie with its form posts, fetches and
 * WebSockets: only Kith's Origin check stands between that page and the user's account.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAttackerPage, type AttackerPage } from '../src/attacker-page.js';
import { expectCount, launchBrowser, openWindow } from '../src/browser.js';
import { startKith, type KithServer } from '../src/harness.js';
import { pattern } from '../src/region-page.js';
import { signUp, uploadInLibrary } from '../src/ui.js';

/**
 * Runs in a page: opens socket.io's WebSocket (Engine.IO v4; "40" asks to connect, "40{sid}" is the
 * answer, "44{…}" a refusal) and resolves with that answer; every later event ("42[name, payload]") is
 * kept in `window.kithEvents`.
 */
const probeSocket = (url: string) =>
  new Promise<string>((resolve) => {
    const w = window as unknown as { kithEvents: unknown[] };
    w.kithEvents = [];
    const ws = new WebSocket(url);
    ws.onmessage = (e) => {
      const m = String(e.data);
      if (m.startsWith('0')) ws.send('40');
      else if (m === '2') ws.send('3');
      else if (m.startsWith('42')) w.kithEvents.push(JSON.parse(m.slice(2)));
      else if (m.startsWith('40') || m.startsWith('44')) resolve(m);
    };
    ws.onerror = () => resolve('error');
    ws.onclose = () => resolve('closed');
  });

/** Submits a real HTML form from the page (no preflight, the cookie goes along) and returns Kith's answer. */
async function formPost(page: Page, action: string, enctype: string, png?: string): Promise<{ code?: string }> {
  await page.evaluate(
    async ({ action, enctype, png }) => {
      const form = Object.assign(document.createElement('form'), { method: 'POST', action, enctype });
      if (png) {
        const input = Object.assign(document.createElement('input'), { type: 'file', name: 'file' });
        const bytes = await (await fetch(`data:image/png;base64,${png}`)).blob();
        const files = new DataTransfer();
        files.items.add(new File([bytes], 'forged.png', { type: 'image/png' }));
        input.files = files.files;
        form.append(input);
      }
      document.body.append(form);
      form.submit();
    },
    { action, enctype, png },
  );
  await page.waitForURL(action);
  return JSON.parse((await page.textContent('body')) ?? '{}') as { code?: string };
}

describe('cross-site requests and the relay window, from a second origin in Chromium', () => {
  let kith: KithServer;
  let evil: AttackerPage;
  let browser: Browser;
  let page: Page;
  const socketUrl = () => `${kith.url.replace('http', 'ws')}/api/socket.io/?EIO=4&transport=websocket`;
  const assetCount = async () => ((await (await page.request.get('/api/assets')).json()) as { items: unknown[] }).items.length;

  beforeAll(async () => {
    kith = await startKith();
    evil = await startAttackerPage(kith.url);
    browser = await launchBrowser();
    page = await openWindow(browser, kith.url);
  });
  afterAll(async () => {
    await browser?.close();
    await evil?.close();
    await kith?.stop();
  });

  it("keeps Kith's own pages working: an upload through the Library, and a socket that hears it", async () => {
    await signUp(page, { username: 'carol', displayName: 'Carol Finch', password: 'correct horse carol', phone: '+1 415 555 0142' });
    expect(await page.evaluate(probeSocket, socketUrl())).toMatch(/^40\{"sid"/);
    expect(await uploadInLibrary(page, [{ name: 'own.png', mimeType: 'image/png', buffer: await pattern(64, 48, 9) }])).toEqual([
      'created',
    ]);
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { kithEvents: string[][] }).kithEvents.map((e) => e[0])))
      .toContain('asset.created');
    expect(await assetCount()).toBe(1);
  });

  it('refuses form posts, fetches and a socket.io connection from a page on another port of the same host', async () => {
    const attacker = await page.context().newPage();
    await attacker.goto(evil.url);
    // fetch with the cookie: a multipart upload is a "simple" request, so no preflight stops it being sent.
    // The answers are opaque to the page (and CORP same-origin turns them into network errors): only Kith's
    // own state shows whether they went through.
    const png = (await pattern(40, 30, 7)).toString('base64');
    await attacker.evaluate(
      async ({ kith, png }) => {
        const form = new FormData();
        form.append('file', new File([await (await fetch(`data:image/png;base64,${png}`)).blob()], 'forged.png', { type: 'image/png' }));
        const send = (path: string, body?: FormData) =>
          fetch(`${kith}${path}`, { method: 'POST', body, credentials: 'include', mode: 'no-cors' }).catch(() => undefined);
        await send('/api/assets', form);
        await send('/api/invites');
      },
      { kith: kith.url, png },
    );
    // The socket: Chromium sends the cookie and Origin: http://127.0.0.1:B; Kith refuses to connect it.
    const answer = await attacker.evaluate(probeSocket, socketUrl());
    expect(answer.slice(0, 2)).toBe('44');
    expect(JSON.parse(answer.slice(2)).data.code).toBe('cross_origin_refused');

    for (const [path, enctype, file] of [
      ['/api/assets', 'multipart/form-data', png],
      ['/api/invites', 'application/x-www-form-urlencoded', undefined],
      ['/api/events/any-event/share', 'application/x-www-form-urlencoded', undefined],
    ] as const) {
      await attacker.goto(evil.url);
      expect([path, (await formPost(attacker, `${kith.url}${path}`, enctype, file)).code]).toEqual([path, 'cross_origin_refused']);
    }
    await attacker.close();
    expect(await assetCount()).toBe(1); // nothing was uploaded in carol's name
  });

  it("renders the opener's share message in the relay as text: no injected button", async () => {
    const attacker = await page.context().newPage();
    await attacker.goto(evil.url);
    const button = '<button class="go" data-testid="injected">Share</button>';
    await attacker.evaluate(
      ({ button }) =>
        ((window as unknown as { relayBody: unknown }).relayBody = {
          pageUrl: 'http://127.0.0.1/',
          imageUrl: `<img src=x onerror=alert(1)>${button}`,
          imageIndex: 0,
          target: 'kith',
          rect: { x: 0, y: 0, width: button, height: 10 },
          fraction: { x: 0, y: 0, width: 1, height: 1 },
          naturalWidth: 10,
          naturalHeight: 10,
          description: button,
        }),
      { button },
    );
    const [relay] = await Promise.all([attacker.context().waitForEvent('page'), attacker.click('#open-relay')]);
    const status = relay.getByTestId('krs-status');
    await expect.poll(() => status.textContent()).toContain('asks to share');
    expect(await status.textContent()).toBe(
      `${evil.url} asks to share a ? × 10 px region of <img src=x onerror=alert(1)>${button} to kith with “${button}”.`,
    );
    await expectCount(relay.getByTestId('injected'), 0);
    await expectCount(relay.locator('button'), 2); // Cancel and the relay's own Share
    await relay.getByTestId('krs-relay-cancel').click();
    await attacker.close();
  });
});
