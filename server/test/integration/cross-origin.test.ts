import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect } from 'socket.io-client';
import { ConfigError, loadConfig } from '../../src/config/config.js';
import { as, createTestApp, signup, type TestApp, type TestUser } from '../helpers/test-app.js';
import { multipart, partyPhoto } from '../helpers/photos.js';

// docs/security.md "Cross-site requests": a signed-in (cookie) change, and socket.io with the cookie, only
// from Kith's own origin or KITH_ALLOWED_ORIGINS. The check reads headers before any database work, so SQLite
// only; the real-browser version (two loopback origins in Chromium) is e2e/tests/cross-origin.e2e.test.ts.
const KITH = 'http://kith.test';
const DEV = 'http://localhost:5173';

describe('cross-site requests with the session cookie', () => {
  let t: TestApp;
  let alice: TestUser;
  beforeAll(async () => {
    t = await createTestApp('sqlite', { publicUrl: KITH, allowedOrigins: [DEV] });
    alice = await signup(t.app, 'alice'); // the first account: an admin, who may invite
  });
  afterAll(async () => t?.close());

  const invite = (headers: Record<string, string>) => as(t.app, alice).post('/api/invites', {}, headers);

  it('refuses multipart uploads, invites and event shares from a foreign origin, writing nothing', async () => {
    const evil = { origin: 'https://evil.example' };
    const form = await multipart([{ filename: 'q.jpg', data: await partyPhoto(2), type: 'image/jpeg' }]);
    const upload = await t.app.inject({
      method: 'POST',
      url: '/api/assets',
      payload: form.payload,
      headers: { ...form.headers, cookie: alice.cookie, ...evil },
    });
    const inv = await invite(evil);
    const share = await as(t.app, alice).post('/api/events/some-event/share', undefined, evil);
    for (const res of [upload, inv, share]) {
      expect(res.statusCode, res.body).toBe(403);
      expect(res.json().code).toBe('cross_origin_refused');
      expect(res.json().message).toContain('KITH_ALLOWED_ORIGINS');
      expect(res.json().details.allowedOrigins).toEqual([KITH, DEV]);
    }
    expect((await as(t.app, alice).get('/api/assets')).json().items).toEqual([]);
    // The same upload from Kith's own page goes through.
    const again = await multipart([{ filename: 'q.jpg', data: await partyPhoto(2), type: 'image/jpeg' }]);
    const own = await t.app.inject({
      method: 'POST',
      url: '/api/assets',
      payload: again.payload,
      headers: { ...again.headers, cookie: alice.cookie, origin: KITH, 'sec-fetch-site': 'same-origin' },
    });
    expect(own.statusCode, own.body).toBe(200);
  });

  it('refuses a page on the same site (another port, a sibling subdomain) and Origin: null', async () => {
    for (const headers of <Array<Record<string, string>>>[
      { origin: 'http://kith.test:8080' },
      { origin: 'http://photos.kith.test', 'sec-fetch-site': 'same-site' },
      { origin: 'null' },
      { 'sec-fetch-site': 'same-site' },
      { 'sec-fetch-site': 'cross-site' },
    ]) {
      const res = await invite(headers);
      expect([JSON.stringify(headers), res.statusCode, res.json().code]).toEqual([JSON.stringify(headers), 403, 'cross_origin_refused']);
    }
  });

  it("accepts Kith's own origin, KITH_ALLOWED_ORIGINS, the address the browser used, and no browser headers at all", async () => {
    for (const headers of <Array<Record<string, string>>>[
      { origin: KITH, 'sec-fetch-site': 'same-origin' },
      { origin: DEV, 'sec-fetch-site': 'same-site' },
      // A LAN install reached by its address, KITH_PUBLIC_URL left at its default.
      { origin: 'http://192.168.1.5:2342', host: '192.168.1.5:2342' },
      { 'sec-fetch-site': 'same-origin' },
      { 'sec-fetch-site': 'none' },
      {}, // curl or a script with a cookie (OWASP: no Origin and no Fetch Metadata is not a browser page)
    ]) {
      const res = await invite(headers);
      expect([JSON.stringify(headers), res.statusCode]).toEqual([JSON.stringify(headers), 201]);
    }
  });

  it('leaves safe methods, API tokens and public endpoints alone', async () => {
    const evil = { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' };
    const read = await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: alice.cookie, ...evil } });
    expect(read.statusCode).toBe(200);
    expect(read.headers['access-control-allow-origin']).toBeUndefined(); // and the page cannot read it (no CORS)
    const token = (await as(t.app, alice).post('/api/me/tokens', { name: 'script' })).json().token as string;
    const viaToken = await t.app.inject({
      method: 'POST',
      url: '/api/contacts',
      payload: { name: 'Dana' },
      headers: { authorization: `Bearer ${token}`, ...evil },
    });
    expect(viaToken.statusCode, viaToken.body).toBe(201);
    // The album inbox is public and takes no cookie: a foreign origin reaches its own checks.
    const inbox = await t.app.inject({
      method: 'POST',
      url: '/inbox/alice',
      payload: '<packet><username>alice</username></packet>',
      headers: { 'content-type': 'application/xml', ...evil },
    });
    expect(inbox.json().code).not.toBe('cross_origin_refused');
  });

  it('refuses a cross-site log-in (login CSRF) but not one from Kith or from a script', async () => {
    const login = (headers: Record<string, string>) =>
      t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'alice', password: 'password123' }, headers });
    const forged = await login({ origin: 'https://evil.example' });
    expect([forged.statusCode, forged.json().code]).toEqual([403, 'cross_origin_refused']);
    expect(forged.cookies).toEqual([]);
    expect((await login({ origin: KITH })).statusCode).toBe(200);
    expect((await login({})).statusCode).toBe(200);
  });

  it('refuses a foreign-origin socket.io handshake with the cookie, and streams to Kith’s own', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const url = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
    const open = (origin: string) => {
      const socket = connect(url, { path: '/api/socket.io', transports: ['websocket'], extraHeaders: { cookie: alice.cookie, origin } });
      return new Promise<{ ok: boolean; data?: { code: string; message: string } }>((resolve) => {
        socket.on('connect', () => (socket.close(), resolve({ ok: true })));
        socket.on(
          'connect_error',
          (err: Error & { data?: { code: string; message: string } }) => (socket.close(), resolve({ ok: false, data: err.data })),
        );
      });
    };
    const evil = await open('http://localhost:9999');
    expect(evil.ok).toBe(false);
    expect(evil.data?.code).toBe('cross_origin_refused');
    expect(evil.data?.message).toContain('http://localhost:9999');
    expect(await open(KITH)).toEqual({ ok: true });
    expect(await open(url)).toEqual({ ok: true }); // the address the browser used
  });

  it('reads KITH_ALLOWED_ORIGINS as comma-separated origins and refuses anything else at start-up', () => {
    expect(loadConfig({ KITH_ALLOWED_ORIGINS: 'http://localhost:5173/, https://photos.example' }).allowedOrigins).toEqual([
      'http://localhost:5173',
      'https://photos.example',
    ]);
    expect(loadConfig({}).allowedOrigins).toEqual([]);
    expect(() => loadConfig({ KITH_ALLOWED_ORIGINS: 'ftp://x.example' })).toThrow(ConfigError);
  });
});
